"""Every error code the API can answer with has a German and an English text in the UI.

The codes come from ``tests.error_catalogue`` (source scan, error classes, HTTP fallbacks and the
validation types of every route's request schemas), so a code added later anywhere is checked
too. The texts live in ``ui/src/i18n/{de,en}.json`` under ``errors.<code>`` (a problem) or
``errors.field.<code>`` (a field's error); the UI takes either.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from tests.error_catalogue import Catalogue, catalogue, scan_source
from workmate.app import create_app

UI = Path(__file__).resolve().parents[1] / "ui" / "src"
LOCALES = ("de", "en")


def _texts(locale: str) -> dict[str, Any]:
    errors: dict[str, Any] = json.loads((UI / "i18n" / f"{locale}.json").read_text("utf-8"))[
        "errors"
    ]
    return errors


def untranslated(codes: set[str], locale: str) -> set[str]:
    texts = _texts(locale)
    fields = texts.get("field", {})
    return {code for code in codes if code not in texts and code not in fields}


@pytest.fixture(scope="module")
def found() -> Catalogue:
    app: FastAPI = create_app(start_worker=False)
    return catalogue(app)


def test_every_code_the_api_can_send_has_a_german_and_an_english_text(found: Catalogue) -> None:
    assert len(found.codes) > 150  # the scan works: today's API has ~190 codes
    for locale in LOCALES:
        missing = untranslated(set(found.codes), locale)
        assert not missing, {
            f"errors.<code> or errors.field.<code> missing in ui/src/i18n/{locale}.json": {
                code: sorted(found.codes[code])[:2] for code in sorted(missing)
            }
        }


def test_codes_are_literals_where_they_are_born(found: Catalogue) -> None:
    assert not found.refused, f"give these a literal code the catalogue can see: {found.refused}"


def test_the_scan_finds_a_code_added_anywhere_later(tmp_path: Path) -> None:
    domain = tmp_path / "workmate" / "newthing"
    domain.mkdir(parents=True)
    (domain / "service.py").write_text(
        "from workmate.core.errors import Conflict, field_error, invalid\n"
        "def check(n):\n"
        "    raise Conflict('no', code='brand_new_conflict',\n"
        "        errors=[field_error('x', 'bad', 'brand_new_field')])\n"
        "def validate(v):\n"
        "    raise invalid('brand_new_validation', 'bad')\n"
        "def dynamic(kind):\n"
        "    raise Conflict('no', code=f'dyn_{kind}')\n",
        "utf-8",
    )
    result = Catalogue()
    scan_source(result, tmp_path / "workmate")
    assert {"brand_new_conflict", "brand_new_field", "brand_new_validation"} <= set(result.codes)
    assert untranslated(set(result.codes), "de") == set(result.codes)
    assert len(result.refused) == 1


def test_validation_types_of_the_schemas_are_in_the_catalogue(found: Catalogue) -> None:
    # A sample of what the request schemas really use: constraints bring their own types.
    for code in (
        "missing",
        "string_too_long",
        "string_too_short",
        "greater_than_equal",
        "less_than",
        "decimal_parsing",
        "decimal_max_places",
        "uuid_parsing",
        "literal_error",
        "extra_forbidden",
        "invalid_email",
        "invalid_postcode",
    ):
        assert code in found.codes, code


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_every_raise_gives_the_params_its_text_needs(found: Catalogue) -> None:
    """A text with ``{open}`` must get ``open`` wherever its code is raised, or the reader sees a
    hole ("Der Kunde  ist archiviert"). Problems use ``errors.<code>``, field errors
    ``errors.field.<code>``, each falling back to the other like the UI does."""
    for locale in LOCALES:
        texts = _texts(locale)
        fields = texts["field"]
        missing = []
        for site in found.sites:
            first, second = (texts, fields) if site.role == "problem" else (fields, texts)
            text = first.get(site.code, second.get(site.code))
            if not isinstance(text, str) or site.params is None:
                continue
            needed = set(PLACEHOLDER.findall(text)) - site.params
            if needed:
                missing.append(f"{site.where}: {site.code} needs params {sorted(needed)}")
        assert not missing, "\n".join(missing)


def test_german_and_english_texts_use_the_same_placeholders() -> None:
    de, en = _texts("de"), _texts("en")
    for scope_de, scope_en in ((de, en), (de["field"], en["field"])):
        assert set(scope_de) == set(scope_en)
        for code, text in scope_de.items():
            if isinstance(text, str):
                assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(scope_en[code])), (
                    code
                )
