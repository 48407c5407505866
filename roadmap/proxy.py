"""Trust the reverse proxies in front of the app, and no one else, for the client's address."""

from werkzeug.middleware.proxy_fix import ProxyFix

MAX_HOPS = 5


def trusted_hops(config) -> int | None:
    """Return how many proxies ROADMAP_PROXY_HOPS trusts, None when it is not a small count."""
    raw = str(config.get("ROADMAP_PROXY_HOPS") or "0").strip()
    if not raw.isdigit() or int(raw) > MAX_HOPS:
        return None
    return int(raw)


def register(app) -> None:
    """Read X-Forwarded-For/-Proto/-Host/-Port/-Prefix from the trusted proxies only.

    Each proxy appends the address it saw, so the client is the entry `hops` from the
    right; what the client wrote itself further left is ignored. With no proxy (0) the
    headers are ignored altogether and the address is the connection's.
    """
    hops = trusted_hops(app.config)
    if hops:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops
        )
