"""The mail settings read once from the configuration, each refused in one line when wrong.

ROADMAP_SMTP_URL names the server: `smtp://user:password@host:587?starttls=1` (plain
SMTP, upgraded with STARTTLS), `smtps://user:password@host` (TLS from the start, port
465) or `smtp://host:25`; `timeout=SECONDS` may be added. Without it, mails go to the
outbox folder (ROADMAP_OUTBOX_DIR, by default `outbox/` in the instance folder).
"""

from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
STARTTLS_PORT = 587
TRUE, FALSE = frozenset({"1", "true", "yes", "on"}), frozenset({"0", "false", "no", "off"})


class MailSettingsError(ValueError):
    """A mail setting is wrong; the message names it and says why, in one line."""


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    ssl: bool  # TLS from the first byte (smtps)
    starttls: bool
    username: str | None
    password: str | None
    timeout: float

    def __repr__(self) -> str:  # never the password, in a log or a traceback
        return f"SmtpServer({self.host}:{self.port}, ssl={self.ssl}, starttls={self.starttls})"


def smtp_server(url: str | None) -> SmtpServer | None:
    """Return the server ROADMAP_SMTP_URL names, None when unset; raise MailSettingsError."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise MailSettingsError("ROADMAP_SMTP_URL has a port that is not a number.") from None
    if parts.scheme not in DEFAULT_PORTS:
        raise MailSettingsError(
            f"ROADMAP_SMTP_URL must start with smtp:// or smtps://, not {parts.scheme or '(none)'}://."
        )
    if not parts.hostname:
        raise MailSettingsError("ROADMAP_SMTP_URL names no host (smtp://host:587).")
    options = dict(parse_qsl(parts.query, keep_blank_values=True))
    unknown = sorted(set(options) - {"starttls", "timeout"})
    if unknown:
        raise MailSettingsError(
            f"ROADMAP_SMTP_URL has an unknown option {unknown[0]!r} (starttls, timeout)."
        )
    starttls = _flag(options.get("starttls", "0"))
    ssl = parts.scheme == "smtps"
    if ssl and starttls:
        raise MailSettingsError(
            "ROADMAP_SMTP_URL asks for STARTTLS on smtps://, which is TLS already."
        )
    try:
        timeout = float(options.get("timeout", "30"))
    except ValueError:
        timeout = -1.0
    if not 0 < timeout <= 600:
        raise MailSettingsError("ROADMAP_SMTP_URL timeout must be a number of seconds, 1 to 600.")
    if port is None:
        port = STARTTLS_PORT if starttls else DEFAULT_PORTS[parts.scheme]
    return SmtpServer(
        host=parts.hostname,
        port=port,
        ssl=ssl,
        starttls=starttls,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        timeout=timeout,
    )


def _flag(text: str) -> bool:
    value = text.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise MailSettingsError(f"ROADMAP_SMTP_URL starttls must be 1 or 0, not {text!r}.")


def sender(config) -> str:
    """Return the From address (ROADMAP_MAIL_FROM); raise MailSettingsError when it is none."""
    text = (config.get("ROADMAP_MAIL_FROM") or "").strip()
    _name, address = parseaddr(text)
    if "@" not in address or any(c in text for c in "\r\n"):
        raise MailSettingsError(
            f"ROADMAP_MAIL_FROM must be an address, e.g. Roadmap <roadmap@example.org>, not {text!r}."
        )
    return text


def base_url(config) -> str:
    """Return the public address the mails link to (ROADMAP_BASE_URL), without a final /."""
    text = (config.get("ROADMAP_BASE_URL") or "").strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise MailSettingsError(
            f"ROADMAP_BASE_URL must be the app's public address, e.g. https://roadmap.example.org, not {text!r}."
        )
    return text


def outbox(config, instance_path: str) -> Path:
    """Return the folder the mails are written to when no SMTP server is set."""
    return Path(config.get("ROADMAP_OUTBOX_DIR") or Path(instance_path) / "outbox")


def problems(config) -> list[str]:
    """Return what is wrong or missing in the mail settings, one sentence each (`flask check`)."""
    found = []
    for check in (
        lambda: smtp_server(config.get("ROADMAP_SMTP_URL")),
        lambda: sender(config),
        lambda: _public(base_url(config), config),
    ):
        try:
            check()
        except MailSettingsError as error:
            found.append(str(error))
    return found


def _public(url: str, config) -> None:
    """Refuse, outside development and testing, links to this machine's own address."""
    relaxed = config.get("ENV_NAME") in ("development", "testing")
    if not relaxed and urlsplit(url).hostname in ("localhost", "127.0.0.1", "::1"):
        raise MailSettingsError(
            f"ROADMAP_BASE_URL is not set: the links in e-mails would point to {url}."
        )
