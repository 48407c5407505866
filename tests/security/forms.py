"""Read a page's edit form back as the browser would submit it."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.current, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = {
                "action": a.get("action"),
                "method": (a.get("method") or "get").lower(),
                "fields": [],
            }
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            self.current["fields"].append(
                [a["name"], a.get("value") or ("y" if kind == "checkbox" else "")]
            )
        elif tag == "select" and a.get("name"):
            self.select = {
                "name": a["name"],
                "multiple": "multiple" in a,
                "first": None,
                "chosen": [],
            }
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in a:
                self.select["chosen"].append(value)
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]
            self.current["fields"].append(self.textarea)

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            chosen = self.select["chosen"] or (
                [] if self.select["multiple"] else [self.select["first"] or ""]
            )
            for value in chosen:
                self.current["fields"].append([self.select["name"], value])
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.current = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


def edit_form(html: str, marker="version") -> list[tuple[str, str]]:
    """Return the fields of the page's form that carries `marker`, as (name, value) pairs."""
    reader = _FormReader()
    reader.feed(html)
    for form in reader.forms:
        names = [name for name, _ in form["fields"]]
        if form["method"] == "post" and marker in names:
            return [(name, value) for name, value in form["fields"]]
    raise AssertionError(f"no POST form with a {marker!r} field")


def replace(fields, **values):
    """Return fields with the named ones set to new values (added when missing)."""
    out = [(name, values.pop(name) if name in values else value) for name, value in fields]
    return out + list(values.items())
