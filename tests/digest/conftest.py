"""A local SMTP server (aiosmtpd) that keeps what it receives, and a port nothing listens on."""

import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """An aiosmtpd handler that keeps each message it accepts, parsed."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(
            {
                "from": envelope.mail_from,
                "to": list(envelope.rcpt_tos),
                "message": message_from_bytes(envelope.content, policy=policy.default),
            }
        )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        return [mail["message"] for mail in self.received if address in mail["to"]]


def free_port() -> int:
    """Return a port of this machine that nothing listens on (just now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    """Run a local SMTP server for the test; yield its port and inbox."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, inbox
    finally:
        controller.stop()


@pytest.fixture
def outbox(app, tmp_path):
    """Point the outbox of mails at a folder of the test's own; return it."""
    folder = tmp_path / "outbox"
    app.config["ROADMAP_OUTBOX_DIR"] = str(folder)
    return folder
