"""The UI translates built-in roles while they keep their default name and description; it
recognises those by the texts in ``ui/src/composables/roleName.ts``, which must match ours."""

from __future__ import annotations

import re
from pathlib import Path

from workmate.auth.permissions import DEFAULT_ROLES

ROLE_NAME_TS = Path(__file__).resolve().parents[2] / "ui" / "src" / "composables" / "roleName.ts"


def _table(source: str, name: str) -> dict[str, str]:
    body = source.split(f"export const {name}")[1].split("}")[0]
    return {k: v for k, _q, v in re.findall(r"(\w+): ([\"'])(.*?)\2,", body)}


def test_ui_knows_the_default_names_and_descriptions_of_the_built_in_roles() -> None:
    source = ROLE_NAME_TS.read_text("utf-8")
    assert _table(source, "BUILTIN_ROLE_NAMES") == {k: v[0] for k, v in DEFAULT_ROLES.items()}
    assert _table(source, "BUILTIN_ROLE_DESCRIPTIONS") == {
        k: v[1] for k, v in DEFAULT_ROLES.items()
    }
