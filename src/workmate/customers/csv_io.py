"""CSV import and export in the shape German Excel writes and reads.

Excel in Germany writes ``;``-separated files in Windows-1252 (or UTF-8 with BOM) with decimal
commas. Import accepts both encodings, ``;`` or ``,`` separators and German or English headers,
validates every row with the API's own schemas and writes all rows or none.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError

from workmate.contacts.schemas import ContactFields
from workmate.core import spreadsheet
from workmate.core.errors import Params, validation_field_errors
from workmate.customers.schemas import CustomerCreate

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000

# canonical field -> accepted header spellings (compared case-insensitively, trimmed)
CUSTOMER_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "firma", "firmenname", "kunde", "kundenname"),
    "kind": ("art", "kind", "typ", "kundenart"),
    "status": ("status",),
    "street": ("straße", "strasse", "street", "adresse"),
    "postcode": ("plz", "postleitzahl", "postcode", "zip"),
    "city": ("ort", "stadt", "city"),
    "country": ("land", "country", "ländercode"),
    "email": ("e-mail", "email", "mail"),
    "phone": ("telefon", "phone", "tel"),
    "website": ("website", "webseite", "internet", "homepage"),
    "vat_id": ("ust-idnr", "ust-idnr.", "ust-id", "ustid", "vat id", "vat_id"),
    "tax_number": ("steuernummer", "tax number", "tax_number", "stnr"),
    "leitweg_id": ("leitweg-id", "leitweg_id", "leitwegid"),
    "payment_terms_days": (
        "zahlungsziel",
        "zahlungsziel (tage)",
        "payment terms",
        "payment_terms_days",
    ),
    "hourly_rate": ("stundensatz", "hourly rate", "hourly_rate"),
    "notes": ("notizen", "bemerkung", "notes"),
    "tags": ("tags", "schlagworte"),
}

CONTACT_COLUMNS: dict[str, tuple[str, ...]] = {
    "customer_number": (
        "kundennummer",
        "kunden-nr",
        "kunden-nr.",
        "customer number",
        "customer_number",
    ),
    "name": ("name", "ansprechpartner", "kontakt"),
    "salutation": ("anrede", "salutation"),
    "academic_title": ("titel", "title", "akademischer titel"),
    "position": ("position", "funktion"),
    "department": ("abteilung", "department"),
    "email": ("e-mail", "email", "mail"),
    "phone": ("telefon", "phone", "tel"),
    "mobile": ("mobil", "handy", "mobile"),
    "notes": ("notizen", "bemerkung", "notes"),
    "is_primary": ("hauptkontakt", "primary", "is_primary"),
}

KIND_WORDS = {
    "firma": "business",
    "unternehmen": "business",
    "privat": "private",
    "privatperson": "private",
    "behörde": "authority",
    "öffentlich": "authority",
}
STATUS_WORDS = {
    "interessent": "lead",
    "aktiv": "active",
    "inaktiv": "inactive",
    "gesperrt": "blocked",
}
SALUTATION_WORDS = {"frau": "ms", "herr": "mr", "ms": "ms", "mrs": "ms", "mr": "mr"}
YES = {"ja", "yes", "x", "1", "true", "wahr"}


@dataclass
class RowError:
    row: int
    field: str
    message: str
    code: str = "invalid"
    params: Params = dataclasses.field(default_factory=dict)


@dataclass
class ParsedFile:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ";"
    unknown_columns: list[str] = field(default_factory=list)


class CsvFormatError(ValueError):
    pass


def decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def _reader(text: str) -> tuple[Any, str]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), delimiter


def _decimal(value: str) -> str:
    """German '1.234,50' and English '1234.50' both become '1234.50'."""
    cleaned = value.strip().replace(" ", "").replace("€", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    return cleaned


def _map_header(
    header: list[str], columns: dict[str, tuple[str, ...]]
) -> tuple[dict[int, str], list[str]]:
    lookup = {alias: name for name, aliases in columns.items() for alias in aliases}
    mapping: dict[int, str] = {}
    unknown: list[str] = []
    for index, raw in enumerate(header):
        key = raw.strip().lower().lstrip("\ufeff")
        if key in lookup and lookup[key] not in mapping.values():
            mapping[index] = lookup[key]
        elif key:
            unknown.append(raw.strip())
    return mapping, unknown


def parse(data: bytes, entity: str) -> ParsedFile:
    if len(data) > MAX_BYTES:
        raise CsvFormatError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    text, encoding = decode(data)
    reader, delimiter = _reader(text)
    columns = CUSTOMER_COLUMNS if entity == "customers" else CONTACT_COLUMNS
    try:
        header = next(reader)
    except StopIteration as exc:
        raise CsvFormatError("The file is empty.") from exc
    except csv.Error as exc:
        raise CsvFormatError(f"The file is not valid CSV: {exc}") from exc
    mapping, unknown = _map_header(header, columns)
    required = {"name"} | ({"customer_number"} if entity == "contacts" else set())
    missing = required - set(mapping.values())
    if missing:
        names = ", ".join(columns[m][0].capitalize() for m in sorted(missing))
        raise CsvFormatError(f"Required column(s) missing: {names}.")
    parsed = ParsedFile(encoding=encoding, delimiter=delimiter, unknown_columns=unknown)
    try:
        for line_no, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(parsed.rows) >= MAX_ROWS:
                raise CsvFormatError(f"The file has more than {MAX_ROWS} rows; split it.")
            raw: dict[str, Any] = {
                name: cells[i].strip()
                for i, name in mapping.items()
                if i < len(cells) and cells[i].strip()
            }
            raw["_row"] = line_no
            parsed.rows.append(raw)
    except csv.Error as exc:
        raise CsvFormatError(
            f"The file is not valid CSV near line {reader.line_num}: {exc}"
        ) from exc
    return parsed


def _customer_values(raw: dict[str, Any]) -> dict[str, Any]:
    values = {k: v for k, v in raw.items() if k != "_row"}
    if "kind" in values:
        values["kind"] = KIND_WORDS.get(values["kind"].lower(), values["kind"].lower())
    if "status" in values:
        values["status"] = STATUS_WORDS.get(values["status"].lower(), values["status"].lower())
    if "hourly_rate" in values:
        values["hourly_rate"] = _decimal(values["hourly_rate"])
    if "tags" in values:
        values["tags"] = [
            t.strip() for t in values["tags"].replace("|", ",").split(",") if t.strip()
        ]
    return values


def _contact_values(raw: dict[str, Any]) -> dict[str, Any]:
    values = {k: v for k, v in raw.items() if k not in ("_row", "customer_number")}
    if "is_primary" in values:
        values["is_primary"] = values["is_primary"].lower() in YES
    if "salutation" in values:
        word = values["salutation"].strip().lower()
        values["salutation"] = SALUTATION_WORDS.get(word, word) or None
    return values


def validate_rows(parsed: ParsedFile, entity: str) -> list[tuple[int, BaseModel, dict[str, Any]]]:
    """Validate each row with the API schema; collect errors with row numbers."""
    valid: list[tuple[int, BaseModel, dict[str, Any]]] = []
    schema: type[BaseModel] = CustomerCreate if entity == "customers" else ContactFields
    to_values = _customer_values if entity == "customers" else _contact_values
    for raw in parsed.rows:
        try:
            model = schema.model_validate(to_values(raw))
        except ValidationError as exc:
            for err in validation_field_errors(exc.errors()):
                parsed.errors.append(
                    RowError(raw["_row"], err.field, err.message, err.code, err.params)
                )
            continue
        valid.append((raw["_row"], model, raw))
    return valid


EXPORT_COLUMNS = [
    ("number", "Kundennummer"),
    ("name", "Name"),
    ("kind", "Art"),
    ("status", "Status"),
    ("street", "Straße"),
    ("postcode", "PLZ"),
    ("city", "Ort"),
    ("country", "Land"),
    ("email", "E-Mail"),
    ("phone", "Telefon"),
    ("website", "Website"),
    ("vat_id", "USt-IdNr"),
    ("tax_number", "Steuernummer"),
    ("leitweg_id", "Leitweg-ID"),
    ("payment_terms_days", "Zahlungsziel"),
    ("hourly_rate", "Stundensatz"),
    ("tags", "Tags"),
    ("primary_contact", "Hauptkontakt"),
    ("notes", "Notizen"),
]


def _cell(value: Any) -> str | int:
    """Text as it is (the writer neutralizes formulas), amounts with a decimal comma."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return spreadsheet.Figure(f"{value:.2f}".replace(".", ","))
    if isinstance(value, int):
        return value
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def export_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """UTF-8 with BOM and ';' so Excel opens umlauts and columns correctly."""
    buffer = io.StringIO()
    writer = spreadsheet.writer(buffer)
    writer.writerow([label for _, label in EXPORT_COLUMNS])
    yield "\ufeff" + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_cell(row.get(name)) for name, _ in EXPORT_COLUMNS])
        yield buffer.getvalue()
