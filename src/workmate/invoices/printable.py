"""Every text of a document must be printable with the PDF's fonts before a number is drawn.

A line like "Kaffee-Flatrate 😀" or "王小明 Beratung" passed validation, got its number at
finalizing, and then its PDF could never be built (PDF/A needs a glyph for every character):
a number used up for a document that cannot be sent. ``findings`` names each field and each
character the shipped fonts cannot print (``pdf.glyphs``); finalizing refuses them with the
other findings, before the number is drawn.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from workmate.core.errors import BusinessRuleViolation, field_error
from workmate.invoices.document import Document, Line
from workmate.invoices.pdf import glyphs
from workmate.invoices.schemas import Finding

CODE = "unprintable_character"


def _texts(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(path, text) of every string inside a document's dataclasses."""
    if isinstance(value, str):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _texts(getattr(value, item.name), f"{path}.{item.name}".lstrip("."))
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{path}.{key}")


def _where(doc: Document, path: str) -> str:
    """``Line 3 (description)``, ``Line 3, timesheet entry 2 (description)`` or the field."""
    if path.startswith("lines["):
        index = int(path[len("lines[") : path.index("]")])
        line: Line = doc.lines[index]
        rest = path[path.index("]") + 2 :]
        if rest.startswith("timesheet["):
            entry = int(rest[len("timesheet[") : rest.index("]")]) + 1
            return f"Line {line.position}, timesheet entry {entry} ({rest.rsplit('.', 1)[-1]})"
        return f"Line {line.position} ({rest})"
    return path


def _message(where: str, bad: list[str]) -> str:
    chars = ", ".join(glyphs.describe(c) for c in bad)
    return (
        f"{where}: {chars} cannot be printed in the PDF, whose fonts cover Latin, Greek and "
        "Cyrillic script. Remove or replace it."
    )


def findings(doc: Document) -> list[Finding]:
    out = []
    for path, text in _texts(doc, ""):
        bad = glyphs.unprintable(text)
        if bad:
            message = _message(_where(doc, path), bad)
            out.append(Finding(code=CODE, field=path, message=message, source="workmate"))
    return out


def ensure_printable(text: str | None, field: str) -> None:
    """422 ``unprintable_character`` on ``field`` for text that goes into a PDF as it is
    (e.g. a cancellation's reason, printed on the credit note)."""
    bad = glyphs.unprintable(text or "")
    if bad:
        message = _message(field, bad)
        raise BusinessRuleViolation(message, code=CODE, errors=[field_error(field, message, CODE)])
