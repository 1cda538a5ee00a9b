"""Which characters the shipped PDF fonts can print, read from the fonts themselves.

Typst refuses, for PDF/A, any character its fonts have no glyph for ("the text "😀" could not
be displayed with font Inter"), so a document with an emoji or Chinese text could never be
rendered. The set of printable characters is the ``cmap`` of every shipped font (fontTools),
plus what Typst lays out without a glyph: line breaks and other whitespace, and invisible
default-ignorable characters (joiners, variation selectors, the byte order mark). The tests
render each of those extras to prove it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path(__file__).parent / "fonts"
# Shown in a PDF instead of a character no font has (only for documents finalized before
# finalizing checked this; see ``substitute``): WHITE SQUARE, which the fonts cover.
PLACEHOLDER = "\u25a1"
_LAYOUT = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029}
_IGNORABLE = [
    (0x200B, 0x200F),  # zero-width space, joiners, direction marks
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0xFE00, 0xFE0F),  # variation selectors (e.g. after a pasted check mark)
    (0xFEFF, 0xFEFF),  # byte order mark
    (0xE0100, 0xE01EF),  # variation selectors supplement
]


@functools.cache
def printable_code_points() -> frozenset[int]:
    fonts = sorted(FONT_DIR.glob("*.otf")) + sorted(FONT_DIR.glob("*.ttf"))
    covered: set[int] | None = None
    for path in fonts:
        font = TTFont(path, lazy=True)
        try:
            cmap = set(font.getBestCmap())
        finally:
            font.close()
        # A character must print in every face (bold headings, italic notes, ...).
        covered = cmap if covered is None else covered & cmap
    extra = set(_LAYOUT)
    for start, end in _IGNORABLE:
        extra.update(range(start, end + 1))
    return frozenset((covered or set()) | extra)


@functools.cache
def _unprintable_pattern() -> re.Pattern[str]:
    """A character class of everything not printable (C speed: rendering checks all text)."""
    ranges: list[str] = []
    points = sorted(printable_code_points())
    start = previous = points[0]
    for point in [*points[1:], -1]:
        if point == previous + 1:
            previous = point
            continue
        ranges.append(
            re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous > start else "")
        )
        start = previous = point
    return re.compile(f"[^{''.join(ranges)}]")


def unprintable(text: str) -> list[str]:
    """The distinct characters of ``text`` the PDF cannot print, in order of appearance."""
    return list(dict.fromkeys(_unprintable_pattern().findall(text)))


def describe(char: str) -> str:
    """``“😀” (U+1F600 GRINNING FACE)``: visible and unambiguous in a message."""
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    label = f"{code} {name}" if name else code
    return f"“{char}” ({label})" if char.isprintable() else f"({label})"


def substitute(text: str) -> str:
    """``text`` with every unprintable character replaced by ``PLACEHOLDER``."""
    return _unprintable_pattern().sub(PLACEHOLDER, text)
