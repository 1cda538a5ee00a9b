"""Checks of tax and address identifiers with python-stdnum and pycountry."""

from __future__ import annotations

import re

import pycountry
from stdnum import vatin
from stdnum.de import leitweg, stnr
from stdnum.exceptions import ValidationError

from workmate.core.errors import invalid

# Postcodes whose format we know for sure; other countries' are kept as typed.
POSTCODE_FORMATS = {"DE": (re.compile(r"^\d{5}$"), "12345")}


def country_code(value: str) -> str:
    code = value.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise invalid(
            "invalid_country", "Use a two-letter ISO 3166 country code such as DE, AT or CH."
        )
    return code


def vat_id(value: str) -> str:
    """A VAT identification number with valid format and check digit (e.g. DE + 9 digits)."""
    try:
        return str(vatin.validate(value))
    except ValidationError as exc:
        raise invalid("invalid_vat_id", "Not a valid VAT ID.") from exc


def tax_number(value: str, country: str) -> str:
    """A German Steuernummer (10 to 13 digits, any common notation); others are kept as typed."""
    cleaned = value.strip()
    if country == "DE":
        try:
            stnr.validate(cleaned)
        except ValidationError as exc:
            raise invalid("invalid_tax_number", "Not a valid German tax number.") from exc
    return cleaned


def leitweg_id(value: str) -> str:
    """The Leitweg-ID that German public authorities require on XRechnung invoices."""
    try:
        return str(leitweg.validate(value))
    except ValidationError as exc:
        raise invalid("invalid_leitweg_id", "Not a valid Leitweg-ID.") from exc


def website(value: str) -> str:
    url = value.strip()
    if not url.lower().startswith(("http://", "https://")):
        url = "https://" + url
    host = url.split("://", 1)[1].split("/", 1)[0]
    if "." not in host or " " in host or len(host) > 253:
        raise invalid("invalid_website", "Not a valid web address.")
    return url


def postcode(value: str | None, country: str | None) -> str | None:
    """A postcode in its country's format where we know it (Germany: five digits)."""
    if value is None or country is None:
        return value
    known = POSTCODE_FORMATS.get(country)
    if known and not known[0].match(value):
        raise invalid(
            "invalid_postcode",
            f"A postcode in {country} looks like {known[1]}.",
            country=country,
            example=known[1],
        )
    return value
