"""One client of the write storm: log in over HTTP, then switch language N times.

Run as a separate process: `python storm_client.py BASE_URL EMAIL PASSWORD N`.
Prints a JSON summary: status counts and how many answers mentioned a locked database.
"""

import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main(base, email, password, count):
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect()
    )
    statuses, locked = {}, 0

    def call(path, data=None):
        nonlocal locked
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            response = opener.open(base + path, data=body, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        text = response.read().decode("utf-8", "replace")
        if "database is locked" in text:
            locked += 1
        return response.status, text

    def token(path):
        status, text = call(path)
        match = TOKEN.search(text)
        if not match:
            raise SystemExit(f"no CSRF token on {path} (status {status})")
        return match.group(1) or match.group(2)

    status, _ = call(
        "/login", {"email": email, "password": password, "csrf_token": token("/login")}
    )
    if status != 302:
        raise SystemExit(f"login failed with {status}")
    csrf = token("/account")
    for n in range(count):
        language = "fr" if n % 2 == 0 else "en"
        status, _ = call(
            "/language", {"language": language, "next": "/account", "csrf_token": csrf}
        )
        statuses[status] = statuses.get(status, 0) + 1
    print(json.dumps({"statuses": statuses, "locked": locked}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
