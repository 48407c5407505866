"""The mail settings: the SMTP address read once, each mistake said in one line."""

import pytest

from roadmap.mail.settings import MailSettingsError, base_url, problems, sender, smtp_server


def test_an_smtp_address_gives_the_server_the_port_and_the_login():
    server = smtp_server("smtp://mailer:p%40ss@mail.example.org:587?starttls=1")
    assert (server.host, server.port, server.ssl, server.starttls) == (
        "mail.example.org",
        587,
        False,
        True,
    )
    assert (server.username, server.password) == ("mailer", "p@ss")
    assert "p@ss" not in repr(server)
    assert smtp_server("smtps://relay.example.org").port == 465
    assert smtp_server("smtp://relay.example.org?starttls=yes").port == 587
    assert smtp_server("smtp://relay.example.org").port == 25
    assert smtp_server("smtp://relay.example.org?timeout=5").timeout == 5.0
    assert smtp_server("") is None and smtp_server(None) is None


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://mail.example.org", "must start with smtp:// or smtps://"),
        ("smtp://", "names no host"),
        ("smtp://mail.example.org:port", "port that is not a number"),
        ("smtp://mail.example.org?tls=1", "unknown option 'tls'"),
        ("smtp://mail.example.org?starttls=maybe", "starttls must be 1 or 0"),
        ("smtps://mail.example.org?starttls=1", "TLS already"),
        ("smtp://mail.example.org?timeout=0", "timeout must be a number of seconds"),
    ],
)
def test_a_wrong_smtp_address_is_refused_in_one_line(url, message):
    with pytest.raises(MailSettingsError, match=message) as refused:
        smtp_server(url)
    assert "\n" not in str(refused.value) and str(refused.value).startswith("ROADMAP_SMTP_URL")


def test_the_sender_and_the_base_url_must_be_addresses():
    assert sender({"ROADMAP_MAIL_FROM": "Roadmap <roadmap@example.org>"})
    with pytest.raises(MailSettingsError, match="ROADMAP_MAIL_FROM"):
        sender({"ROADMAP_MAIL_FROM": "roadmap"})
    assert base_url({"ROADMAP_BASE_URL": "https://roadmap.example.org/app/"}) == (
        "https://roadmap.example.org/app"
    )
    with pytest.raises(MailSettingsError, match="ROADMAP_BASE_URL"):
        base_url({"ROADMAP_BASE_URL": "roadmap.example.org"})


def test_flask_check_names_a_wrong_server_and_links_to_this_machine_in_production():
    good = {
        "ENV_NAME": "production",
        "ROADMAP_MAIL_FROM": "Roadmap <roadmap@example.org>",
        "ROADMAP_BASE_URL": "https://roadmap.example.org",
        "ROADMAP_SMTP_URL": "smtps://relay.example.org",
    }
    assert problems(good) == []
    found = problems(
        {**good, "ROADMAP_SMTP_URL": "ftp://x", "ROADMAP_BASE_URL": "http://127.0.0.1:8000"}
    )
    assert len(found) == 2
    assert "smtp://" in found[0] and "ROADMAP_BASE_URL is not set" in found[1]
    assert (
        problems({**good, "ENV_NAME": "development", "ROADMAP_BASE_URL": "http://127.0.0.1:8000"})
        == []
    )


def test_flask_check_runs_the_mail_checks(app, runner):
    app.config.update(ROADMAP_SMTP_URL="smtp://mail.example.org?tls=1")
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    assert "problem: ROADMAP_SMTP_URL has an unknown option 'tls'" in result.output
