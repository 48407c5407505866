"""Read an edit page's form as a browser would post it, for tests of concurrent edits."""

from html.parser import HTMLParser

from werkzeug.datastructures import MultiDict


class _Form(HTMLParser):
    def __init__(self, form_id=None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.values = MultiDict()
        self.select = None
        self.textarea = None
        self.option = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.inside:
            self.inside = self.form_id is None or a.get("id") == self.form_id
            return
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.values.add(a["name"], a.get("value", "y"))
            elif kind not in ("submit", "button", "file"):
                self.values.add(a["name"], a.get("value", ""))
        elif tag == "select":
            self.select = (a.get("name"), "multiple" in a, [], [])
        elif tag == "option" and self.select:
            self.option = a
            self.select[3].append(a.get("value", ""))
            if "selected" in a:
                self.select[2].append(a.get("value", ""))
        elif tag == "textarea":
            self.textarea = [a.get("name"), ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "select" and self.select:
            name, multiple, chosen, options = self.select
            if not chosen and not multiple and options:
                chosen = options[:1]  # a browser posts the first option when none is chosen
            for value in chosen:
                self.values.add(name, value)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.values.add(*self.textarea)
            self.textarea = None
        elif tag == "form":
            self.inside = False


def form_values(page: str, form_id: str | None = None) -> MultiDict:
    """Return the fields of the page's first form (or the one with that id) as posted."""
    parser = _Form(form_id)
    parser.feed(page)
    return parser.values
