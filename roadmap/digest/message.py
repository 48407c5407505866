"""A digest rendered for one reader, in their language: subject, text and HTML, and the mail."""

from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale, ngettext

from roadmap import labels
from roadmap.countries import country_name
from roadmap.digest.content import SHOWN, Digest
from roadmap.digest.tokens import unsubscribe_token
from roadmap.mail import settings


@dataclass(frozen=True)
class Rendered:
    language: str
    subject: str
    text: str
    html: str
    unsubscribe_url: str


def linker(base_url: str):
    """Return link(endpoint, _anchor=None, **values): the absolute address of a page."""
    parts = urlsplit(base_url)
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme
    )

    def link(endpoint: str, _anchor: str | None = None, **values) -> str:
        url = adapter.build(endpoint, values, force_external=True)
        return f"{url}#{_anchor}" if _anchor else url

    return link


def language_of(user) -> str:
    languages = current_app.config["LANGUAGES"]
    return user.language if user.language in languages else languages[0]


def render(digest: Digest, user, link) -> Rendered:
    """Render the digest for the user, in the user's language."""
    language = language_of(user)
    with force_locale(language):
        unsubscribe = link("digest.unsubscribe", token=unsubscribe_token(user))
        subject = ngettext(
            "%(project)s: %(num)d item needs attention this week",
            "%(project)s: %(num)d items need attention this week",
            digest.count,
            project=digest.project,
        )
        context = digest_context(digest, user, link, subject, unsubscribe)
        environment = current_app.jinja_env
        text = environment.get_template("digest/mail.txt").render(context)
        html = environment.get_template("digest/mail.html").render(context)
    return Rendered(language, subject, text, html, unsubscribe)


def digest_context(digest: Digest, user, link, subject: str, unsubscribe: str) -> dict:
    """Return what the digest's templates read (the mail's parts and the preview page)."""
    return {
        "digest": digest,
        "language": language_of(user),
        "user": user,
        "subject": subject,
        "unsubscribe_url": unsubscribe,
        "account_url": link("auth.account"),
        "label": labels.label,
        "country_name": country_name,
        "shown": SHOWN,
    }


def compose(rendered: Rendered, user, *, now: datetime) -> EmailMessage:
    """Return the mail of a rendered digest: both parts, and the headers mail clients read."""
    sender = settings.sender(current_app.config)
    message = EmailMessage(policy=policy.SMTP)  # CRLF: servers refuse bare line feeds
    message["From"] = sender
    message["To"] = formataddr((user.name, user.email))
    message["Subject"] = rendered.subject
    message["Date"] = format_datetime(now)
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid("digest", domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # no out-of-office reply to it
    # Raw, so a long address stays one piece: folded, it would be an encoded word that
    # mail clients do not read as a link (delivery.enqueue keeps raw headers as they are).
    message.set_raw("List-Unsubscribe", f"<{rendered.unsubscribe_url}>")
    message.set_raw("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    message["Content-Language"] = rendered.language  # after the parts: they would take it
    return message
