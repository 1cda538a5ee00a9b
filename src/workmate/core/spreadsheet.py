"""CSV for spreadsheets, safe from formula injection (CSV injection, OWASP).

Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as
a formula (``=HYPERLINK(...)``, ``-1+cmd|' /C calc'!A0``), also after a leading TAB or CR, and
some locales accept the full-width forms. Every CSV export writes through ``writer``, which
prefixes such text cells with ``'`` so they are shown as text. Numbers the export formats itself
are not text a user typed and are written as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


class Figure(str):
    """A number the export formatted itself (``-1.234,50``): written as it is."""

    __slots__ = ()


def neutralize(text: str) -> str:
    """``text``, shown as text rather than run as a formula by a spreadsheet."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeWriter:
    """``csv.writer`` whose text cells are neutralized; numbers and ``Figure`` cells are not."""

    def __init__(self, out: _Writable, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow(
            [neutralize(c) if isinstance(c, str) and not isinstance(c, Figure) else c for c in row]
        )


def writer(out: _Writable, *, delimiter: str = ";", lineterminator: str = "\r\n") -> SafeWriter:
    """The writer every CSV export uses (German Excel: ``;``, CRLF)."""
    return SafeWriter(out, delimiter=delimiter, lineterminator=lineterminator)
