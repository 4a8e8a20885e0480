"""Reading rendered pages the way a person, or a screen reader, meets them.

A small tree built with the standard library's HTMLParser: enough to ask "which
label belongs to this input?" or "is this error inside the email field's block?"
without pulling in an HTML library.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Protocol

# Elements that never have an end tag.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
# Inputs a person does not type into, so they need no label.
_UNLABELLED_INPUT_TYPES = frozenset({"hidden", "submit", "button", "reset", "image"})


class Page(Protocol):
    """A response as a test sees it: the test client's, or one a view returned."""

    @property
    def content(self) -> bytes: ...

    @property
    def status_code(self) -> int: ...

    def __getitem__(self, header: str) -> str: ...

    def has_header(self, header: str) -> bool: ...


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        """All text inside, with runs of white space collapsed as a browser shows it."""
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text())
        return re.sub(r"\s+", " ", " ".join(parts)).strip()

    def raw_text(self) -> str:
        """The text directly inside, exactly as written (for <script> and <style>)."""
        return "".join(child for child in self.children if isinstance(child, str))

    def descendants(self) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.descendants()

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def find_all(
        self,
        tag: str | None = None,
        attrs: Mapping[str, str] | None = None,
        class_: str | None = None,
    ) -> list[Element]:
        found = []
        for node in self.descendants():
            if tag is not None and node.tag != tag:
                continue
            if attrs and any(node.attrs.get(key) != value for key, value in attrs.items()):
                continue
            if class_ is not None and class_ not in node.classes:
                continue
            found.append(node)
        return found

    def find(
        self,
        tag: str | None = None,
        attrs: Mapping[str, str] | None = None,
        class_: str | None = None,
    ) -> Element | None:
        matches = self.find_all(tag, attrs, class_)
        return matches[0] if matches else None

    def one(
        self,
        tag: str | None = None,
        attrs: Mapping[str, str] | None = None,
        class_: str | None = None,
    ) -> Element:
        matches = self.find_all(tag, attrs, class_)
        assert len(matches) == 1, f"expected one <{tag} {attrs} .{class_}>, found {matches}"
        return matches[0]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self._open = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Element(tag, {key: value or "" for key, value in attrs}, parent=self._open)
        self._open.children.append(node)
        if tag not in _VOID:
            self._open = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open.children.append(
            Element(tag, {key: value or "" for key, value in attrs}, parent=self._open)
        )

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        node: Element | None = self._open
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"stray </{tag}>"
        self._open = node.parent

    def handle_data(self, data: str) -> None:
        self._open.children.append(data)


def parse(markup: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


def html_of(response: Page) -> Element:
    assert response["Content-Type"].startswith("text/html"), response["Content-Type"]
    return parse(response.content.decode())


def source(response: Page) -> str:
    """The page's markup with entities decoded: for "this text appears nowhere" checks."""
    return html.unescape(response.content.decode())


def form_controls(doc: Element) -> list[Element]:
    """Everything a person fills in: text boxes, text areas, menus, checkboxes."""
    controls = []
    for node in doc.descendants():
        typed = (
            node.tag == "input" and node.attrs.get("type", "text") not in _UNLABELLED_INPUT_TYPES
        )
        if typed or node.tag in {"select", "textarea"}:
            controls.append(node)
    return controls


def assert_page_basics(response: Page) -> Element:
    """A language, a title, the mobile viewport, and a <label for> on every input."""
    doc = html_of(response)
    assert doc.one("html").attrs.get("lang"), "<html> has no lang"
    # The page's own title, in <head>: an inline SVG chart has a <title> of its own.
    assert doc.one("head").one("title").text(), "the page has an empty <title>"
    viewport = doc.one("meta", {"name": "viewport"})
    assert "width=device-width" in viewport.attrs.get("content", "")
    for control in form_controls(doc):
        control_id = control.attrs.get("id")
        assert control_id, f"{control} has no id for a label to point at"
        label = doc.find("label", {"for": control_id})
        assert label is not None, f"no <label for={control_id!r}>"
        assert label.text(), f"<label for={control_id!r}> is empty"
    return doc


def control(doc: Element, name: str) -> Element:
    found = [node for node in form_controls(doc) if node.attrs.get("name") == name]
    assert len(found) == 1, f"expected one control named {name!r}, found {found}"
    return found[0]


def field_block(doc: Element, name: str) -> Element:
    """The block that groups a field's label, help, input and errors."""
    for ancestor in control(doc, name).ancestors():
        if "field" in ancestor.classes:
            return ancestor
    raise AssertionError(f"the {name!r} input sits in no .field block")


def field_error(response: Page, name: str) -> str:
    """The error text shown next to a field, after checking it is tied to the input."""
    doc = html_of(response)
    block = field_block(doc, name)
    box = control(doc, name)
    errors = block.find(class_="field-errors")
    assert errors is not None, f"no error shown in the {name!r} field"
    assert box.attrs.get("aria-invalid") == "true", f"the {name!r} input is not aria-invalid"
    assert errors.attrs.get("id") in box.attrs.get("aria-describedby", "").split(), (
        f"the {name!r} input does not point at its error with aria-describedby"
    )
    return errors.text()


def field_errors(response: Page) -> dict[str, str]:
    """Every field error on the page, by input name."""
    doc = html_of(response)
    shown = {}
    for node in form_controls(doc):
        name = node.attrs.get("name", "")
        block = next((a for a in node.ancestors() if "field" in a.classes), None)
        errors = block.find(class_="field-errors") if block else None
        if errors is not None:
            shown[name] = errors.text()
    return shown


def form_error(response: Page) -> str:
    """The error that belongs to the whole form (not to one field)."""
    box = html_of(response).find(class_="form-errors")
    assert box is not None, "no form error is shown"
    assert box.attrs.get("role") == "alert"
    return box.text()


def messages(response: Page) -> list[str]:
    return [node.text() for node in html_of(response).find_all(class_="message")]


def main_text(response: Page) -> str:
    return html_of(response).one("main").text()


def inline_scripts(doc: Element) -> list[str]:
    return [
        node.raw_text()
        for node in doc.find_all("script")
        if "src" not in node.attrs and node.raw_text().strip()
    ]


def inline_styles(doc: Element) -> list[str]:
    found = [node.raw_text() for node in doc.find_all("style")]
    found += [node.attrs["style"] for node in doc.descendants() if "style" in node.attrs]
    return found
