"""Where a rendered mail goes: an SMTP server, or an `.eml` file in the outbox folder."""

import os
import smtplib
import ssl
from contextlib import contextmanager
from pathlib import Path

from roadmap.mail.settings import SmtpServer


class DeliveryError(Exception):
    """A mail could not be handed over; `permanent` when trying again cannot help."""

    def __init__(self, message: str, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


@contextmanager
def smtp_transport(server: SmtpServer):
    """Yield a function that sends (sender, recipient, raw bytes, name) over one connection.

    A server that cannot be reached or refuses the login raises DeliveryError here, for
    the whole batch; a refusal of one message raises it from the function, for that one.
    """
    try:
        if server.ssl:
            connection = smtplib.SMTP_SSL(
                server.host,
                server.port,
                timeout=server.timeout,
                context=ssl.create_default_context(),
            )
        else:
            connection = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
        if server.starttls:
            connection.starttls(context=ssl.create_default_context())
        if server.username:
            connection.login(server.username, server.password or "")
    except smtplib.SMTPAuthenticationError as error:
        raise DeliveryError(f"the SMTP server refused the login: {_reply(error)}") from None
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(
            f"cannot reach the SMTP server {server.host}:{server.port}: {_reply(error)}"
        ) from None

    def send(sender: str, recipient: str, raw: bytes, name: str = "") -> None:
        try:
            connection.sendmail(sender, [recipient], raw)
        except smtplib.SMTPRecipientsRefused as error:
            reply = next(iter(error.recipients.values()), (550, b""))
            raise DeliveryError(f"the server refused {recipient}: {_code(reply)}", True) from None
        except smtplib.SMTPResponseException as error:
            raise DeliveryError(f"the server refused the mail: {_reply(error)}") from None
        except (smtplib.SMTPException, OSError) as error:
            raise DeliveryError(f"the connection failed while sending: {_reply(error)}") from None

    try:
        yield send
    finally:
        try:
            connection.quit()
        except (smtplib.SMTPException, OSError):
            connection.close()


@contextmanager
def outbox_transport(folder: Path):
    """Yield a function that writes each mail to `folder` as `<id>.eml`, whole or not at all."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DeliveryError(f"cannot make the outbox folder {folder}: {error.strerror}") from None

    def send(sender: str, recipient: str, raw: bytes, name: str = "mail") -> None:
        target = folder / f"{name}.eml"
        partial = folder / f".{name}.eml.part"
        try:
            partial.write_bytes(raw)
            os.replace(partial, target)  # a reader never sees half a file
        except OSError as error:
            raise DeliveryError(f"cannot write {target}: {error.strerror}") from None

    yield send


def _reply(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return _code((error.smtp_code, error.smtp_error))
    return str(error) or error.__class__.__name__


def _code(reply) -> str:
    code, text = reply
    text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    return f"{code} {text}".strip()
