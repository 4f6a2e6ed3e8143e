"""The POST data a browser sends for a Wagtail page form, computed from the form's HTML alone.

Standard library only: the locust process that uses it has no Django. Plain inputs, selects and
text areas are read as a browser submits them. StreamFields are rendered by JavaScript from a
JSON "form state" (``data-w-block-arguments-value``); :func:`flatten_stream` turns that state into
the flat field names Wagtail's block widgets read back (``steps-count``, ``steps-0-type``,
``steps-0-value-name`` …), as Wagtail's own JavaScript would.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

SKIPPED_INPUT_TYPES = {"submit", "button", "image", "reset", "file"}
CHOOSER_KEYS = {"edit_url", "string", "title", "preview"}


class _FormReader(HTMLParser):
    """Collects the successful controls of the form with ``form_id`` and its StreamFields."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.depth = 0
        self.fields: list[tuple[str, str]] = []
        self.streams: dict[str, object] = {}
        self.buttons: dict[str, str] = {}
        self._textarea: tuple[str, list[str]] | None = None
        self._select: dict | None = None
        self._option: dict | None = None

    def handle_starttag(self, tag: str, attrs_list: list) -> None:
        attrs = {key: (value if value is not None else "") for key, value in attrs_list}
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
            return
        if not self.inside or "disabled" in attrs:
            return
        if tag == "div" and "data-block" in attrs and attrs.get("id"):
            state = json.loads(attrs.get("data-w-block-arguments-value") or "[[], null]")
            self.streams[attrs["id"]] = state[0]
        elif tag == "button" and attrs.get("name"):
            self.buttons.setdefault(attrs["name"], attrs.get("value", ""))
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text").lower()
            if kind in SKIPPED_INPUT_TYPES:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.fields.append((attrs["name"], attrs.get("value", default)))
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = (attrs["name"], [])
        elif tag == "select" and attrs.get("name"):
            self._select = {"name": attrs["name"], "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = {
                "value": attrs.get("value"),
                "selected": "selected" in attrs,
                "text": [],
            }
            self._select["options"].append(self._option)

    def handle_endtag(self, tag: str) -> None:
        if not self.inside:
            return
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            text = "".join(parts)
            # A browser drops the one newline that follows the opening tag.
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            chosen = [option for option in options if option["selected"]]
            if not chosen and options and not self._select["multiple"]:
                chosen = options[:1]
            for option in chosen:
                value = option["value"]
                if value is None:
                    value = "".join(option["text"]).strip()
                self.fields.append((self._select["name"], value))
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)
        elif self._option is not None:
            self._option["text"].append(data)


def _is_chooser(value: dict) -> bool:
    return "id" in value and bool(CHOOSER_KEYS & value.keys())


def _flatten_value(prefix: str, value: object, out: list[tuple[str, str]]) -> None:
    if isinstance(value, list):
        if value and all(isinstance(item, dict) and "type" in item for item in value):
            flatten_stream(prefix, value, out)
        elif value and all(isinstance(item, dict) and "value" in item for item in value):
            out.append((f"{prefix}-count", str(len(value))))
            for index, item in enumerate(value):
                _flatten_value(f"{prefix}-{index}-value", item["value"], out)
                out.append((f"{prefix}-{index}-id", item.get("id") or ""))
                out.append((f"{prefix}-{index}-deleted", ""))
                out.append((f"{prefix}-{index}-order", str(index)))
        elif not value:
            out.append((f"{prefix}-count", "0"))
        else:  # a multiple choice: one value per entry
            out.extend((prefix, str(item)) for item in value)
    elif isinstance(value, dict):
        if _is_chooser(value):
            out.append((prefix, str(value["id"])))
        else:
            for name, child in value.items():
                _flatten_value(f"{prefix}-{name}", child, out)
    elif isinstance(value, bool):
        if value:
            out.append((prefix, "on"))
    elif value is None:
        out.append((prefix, ""))
    else:
        out.append((prefix, str(value)))


def flatten_stream(prefix: str, children: list, out: list[tuple[str, str]]) -> None:
    """Append the POST fields of a StreamBlock's form state ``children`` under ``prefix``."""
    out.append((f"{prefix}-count", str(len(children))))
    for index, child in enumerate(children):
        out.append((f"{prefix}-{index}-type", child["type"]))
        out.append((f"{prefix}-{index}-id", child.get("id") or ""))
        out.append((f"{prefix}-{index}-deleted", ""))
        out.append((f"{prefix}-{index}-order", str(index)))
        _flatten_value(f"{prefix}-{index}-value", child["value"], out)


def page_form_data(
    html: str, button: str | None = None, form_id: str = "page-edit-form"
) -> list[tuple[str, str]]:
    """The (name, value) pairs a browser posts for the page form in ``html`` when the submit
    button named ``button`` is pressed (e.g. ``action-submit``: "Zur Freigabe einreichen"); no
    button: the default action, saving a draft. A button the form does not offer (the user may
    not do that) raises ``LookupError``."""
    reader = _FormReader(form_id)
    reader.feed(html)
    reader.close()
    data = list(reader.fields)
    if button is not None:
        if button not in reader.buttons:
            raise LookupError(f"the form offers no button {button!r}")
        data.append((button, reader.buttons[button]))
    for name, state in reader.streams.items():
        _flatten_value(name, state or [], data)
    return data


def with_changes(data: list[tuple[str, str]], **changes: str) -> list[tuple[str, str]]:
    """``data`` with the fields in ``changes`` replaced (or added)."""
    kept = [(name, value) for name, value in data if name not in changes]
    return kept + list(changes.items())
