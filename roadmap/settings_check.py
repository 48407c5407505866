"""Refuse to start with a configuration that would be unsafe in production."""

import sys
from pathlib import Path

from config import KNOWN_DEFAULT_KEYS

RELAXED_ENVIRONMENTS = frozenset({"development", "testing"})
MIN_KEY_LENGTH = 32


class ConfigurationError(RuntimeError):
    """The configuration is not safe to serve with."""


def weaknesses(config) -> list[str]:
    """Return what is weak in a configuration, one sentence each."""
    found = []
    key = config.get("SECRET_KEY") or ""
    relaxed = config.get("ENV_NAME") in RELAXED_ENVIRONMENTS
    if not key:
        found.append("SECRET_KEY is not set.")
    elif key.lower() in KNOWN_DEFAULT_KEYS:
        found.append("SECRET_KEY is a known default value.")
    elif len(key) < MIN_KEY_LENGTH:
        found.append(f"SECRET_KEY is shorter than {MIN_KEY_LENGTH} characters.")
    if config.get("DEBUG") and not relaxed:
        found.append("DEBUG is on.")
    if not relaxed and not config.get("SESSION_COOKIE_SECURE"):
        found.append("SESSION_COOKIE_SECURE is off.")
    if not config.get("SESSION_COOKIE_HTTPONLY"):
        found.append("SESSION_COOKIE_HTTPONLY is off.")
    if not relaxed and config.get("WTF_CSRF_ENABLED") is False:
        found.append("WTF_CSRF_ENABLED is off.")
    if config.get("SESSION_COOKIE_SAMESITE") not in ("Lax", "Strict"):
        found.append("SESSION_COOKIE_SAMESITE is neither Lax nor Strict.")
    return found


# Options of the `flask` program that take a value, before the command's name.
FLASK_VALUE_OPTIONS = frozenset({"--app", "-A", "--env-file", "-e"})


def flask_command() -> str | None:
    """Return the command this process runs as `flask ... COMMAND`, None when not the flask CLI."""
    program = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    if not (program.name == "flask" or program.parent.name == "flask"):
        return None
    arguments = iter(sys.argv[1:])
    for argument in arguments:
        if argument in FLASK_VALUE_OPTIONS:
            next(arguments, None)
        elif not argument.startswith("-"):
            return argument
    return ""


def running_command_line() -> bool:
    """Tell whether this process is a flask command that serves nothing (not `flask run`).

    The secret key signs sessions and CSRF tokens, which only a server hands out: the first
    administrator is made with `create-user` before any key needs choosing, and `check`
    reports the weaknesses itself.
    """
    command = flask_command()
    return command is not None and command not in ("", "run")


def refuse_unsafe_configuration(app) -> None:
    """Raise ConfigurationError outside development and testing when anything is weak."""
    from roadmap.proxy import MAX_HOPS, trusted_hops

    if trusted_hops(app.config) is None:
        # Wrong everywhere: a guessed count would trust a client's forged address.
        raise ConfigurationError(
            f"ROADMAP_PROXY_HOPS must be a whole number from 0 to {MAX_HOPS} (the reverse "
            f"proxies in front of the app), not {app.config.get('ROADMAP_PROXY_HOPS')!r}."
        )
    if app.config.get("ENV_NAME") in RELAXED_ENVIRONMENTS:
        return
    problems = weaknesses(app.config)
    if problems and running_command_line():
        return  # a command serves nothing; `flask check` lists them and exits 1
    if problems:
        raise ConfigurationError(
            " ".join(problems)
            + " Set SECRET_KEY (32+ random characters), or ROADMAP_ENV=development for local use."
        )
