"""Log lines that say who did what, one event per line, never forged by user input."""

import logging
import sys

# Loggers the application writes its events to; request lines are JSON as they are.
APP_LOGGER = "roadmap"
REQUEST_LOGGER = "roadmap.requests"


class OneLineFormatter(logging.Formatter):
    """Escape CR/LF in the message so a submitted value cannot start a fake log line.

    The traceback of an exception still follows on its own lines: it comes from
    the code, not from the user, and readers need it whole.
    """

    def formatMessage(self, record):  # noqa: N802 (logging's own name)
        message = record.message
        if "\n" in message or "\r" in message:
            record.message = message.replace("\r", "\\r").replace("\n", "\\n")
        return super().formatMessage(record)


def configure_logging(app) -> None:
    """Send the application's events to standard error (gunicorn collects it)."""
    logger = logging.getLogger(APP_LOGGER)
    level = app.config.get("LOG_LEVEL", "INFO")
    logger.setLevel(level)
    if app.testing:
        return  # pytest's caplog collects the records; a handler would hold a stale stderr
    if any(getattr(handler, "roadmap_handler", False) for handler in logger.handlers):
        return  # create_app called again in the same process (tests)
    handler = logging.StreamHandler(sys.stderr)
    handler.roadmap_handler = True
    handler.setFormatter(
        OneLineFormatter("%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s")
    )
    logger.addHandler(handler)
    requests = logging.getLogger(REQUEST_LOGGER)
    request_handler = logging.StreamHandler(sys.stderr)
    request_handler.setFormatter(logging.Formatter("%(message)s"))
    requests.addHandler(request_handler)
    requests.propagate = False  # the line is JSON on its own, without the events' prefix
