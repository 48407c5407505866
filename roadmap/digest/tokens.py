"""The signed token of an unsubscribe link: it names the user, and only we can make one."""

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

SALT = "roadmap.digest.unsubscribe"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def unsubscribe_token(user) -> str:
    """Return the token of the user's unsubscribe link (it never expires, as old mails stay)."""
    return _serializer().dumps({"user": user.id})


def user_id_of(token: str) -> int | None:
    """Return the user id a token names, or None when it was not made by us."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    key = data.get("user") if isinstance(data, dict) else None
    return key if isinstance(key, int) else None
