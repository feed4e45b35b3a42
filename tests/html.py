"""Reading the HTML of a page in tests: its links, forms and scripts, and its elements by id (their
attributes and text), for what a screen reader reads with a field."""

from html.parser import HTMLParser

# Attributes whose value names other elements of the page by id (space-separated for the aria ones).
REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls", "for")
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.forms, self.scripts, self.references = [], [], [], []
        self.attributes, self.text = {}, {}  # by id
        self.open_ids = []  # the id (or None) of each element open at this point

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.attributes[attrs["id"]] = attrs
            self.text.setdefault(attrs["id"], "")
        for name in REFERENCES:
            for target in (attrs.get(name) or "").split():
                self.references.append((tag, name, target))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self.forms.append(attrs)
        elif tag == "script":
            self.scripts.append(attrs)
        if tag not in VOID_ELEMENTS:
            self.open_ids.append(attrs.get("id"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.open_ids.pop()

    def handle_endtag(self, tag):
        if tag not in VOID_ELEMENTS and self.open_ids:
            self.open_ids.pop()

    def handle_data(self, data):
        for element_id in self.open_ids:
            if element_id:
                self.text[element_id] += data


def parse(html):
    parser = PageParser()
    parser.feed(html)
    return parser


def unresolved_references(html):
    """(tag, attribute, id) for every id that an aria-describedby, aria-labelledby, aria-controls or
    label's `for` names and the page does not have: a help text or an error a screen reader never
    reads with its field."""
    page = parse(html)
    return [reference for reference in page.references if reference[2] not in page.attributes]


def description(html, element_id):
    """What a screen reader reads after the element's name: the text of the elements its
    aria-describedby names, in order."""
    page = parse(html)
    named = (page.attributes.get(element_id) or {}).get("aria-describedby") or ""
    return " ".join(" ".join(page.text.get(target, "").split()) for target in named.split())
