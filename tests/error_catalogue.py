"""Every error code the API can answer with, found without running it.

Three sources, so a code added anywhere later is found too:

1. the source: every ``code="..."`` keyword (errors, field errors, findings, registered database
   constraints), the positional code of the helpers that take one (``field_error(field, message,
   code)``, ``invalid(code, ...)``, ``_f(code, ...)`` of the invoice checks, ``_respond(request,
   status, code, ...)`` of the error handlers) and class-level ``code = "..."`` defaults;
2. the error classes themselves (``WorkmateError`` and subclasses), the HTTP fallbacks and the
   input guard's codes (NUL characters, bad Unicode, a body that is not UTF-8);
3. the request schemas of every route: the pydantic error types their core schemas can raise
   (``missing``, ``string_too_long``, ``greater_than_equal``, ``decimal_parsing``, ...).

A code must be a literal where it is born: an f-string or a concatenation is refused, since no
catalogue could see what it produces. Passing a code on (``code=finding.code``) is fine.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from tests.routes import endpoints
from workmate.core import error_handlers, input_guard
from workmate.core.errors import WorkmateError

SRC = Path(__file__).resolve().parents[1] / "src" / "workmate"

# Helpers that take the code positionally: call name -> index of the code argument.
POSITIONAL_CODE = {
    "field_error": 2,
    "FieldError": 2,
    "invalid": 0,
    "PydanticCustomError": 0,
    "_f": 0,
    "_respond": 2,
    "RowError": 3,
}

# What the front end itself may show without a server answer (ui/src/api/errors.ts).
CLIENT_CODES = {"network_error", "server_error", "unknown_error", "http_error"}

# Errors pydantic raises for any body or query, whatever the schema (FastAPI's own checks).
ALWAYS = {"missing", "json_invalid", "model_attributes_type"}


@dataclass(frozen=True)
class Site:
    """Where a literal code is raised: as a problem or a field's error, and the names of the
    params given there (None: not known statically, e.g. passed on from a variable)."""

    code: str
    where: str
    role: str  # "problem" or "field"
    params: frozenset[str] | None


@dataclass
class Catalogue:
    codes: dict[str, set[str]] = field(default_factory=dict)  # code -> where it was found
    refused: list[str] = field(default_factory=list)  # non-literal codes at their birth
    sites: list[Site] = field(default_factory=list)

    def add(self, code: str, where: str) -> None:
        self.codes.setdefault(code, set()).add(where)


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _code_argument(node: ast.Call, helpers: dict[str, int | None]) -> ast.expr | None:
    for keyword in node.keywords:
        if keyword.arg == "code":
            return keyword.value
    name = _call_name(node)
    index = POSITIONAL_CODE.get(name, helpers.get(name))
    if index is not None and len(node.args) > index:
        arg = node.args[index]
        return None if isinstance(arg, ast.Starred) else arg
    return None


# Calls whose code is a field's error (validation and findings); any other is a problem.
FIELD_CALLS = {"field_error", "FieldError", "invalid", "PydanticCustomError", "_f", "RowError"}
# Where the params of those calls are: positional index, or None for "keyword arguments".
PARAMS_AT = {"field_error": 3, "FieldError": 3, "PydanticCustomError": 2}
NO_PARAMS = {"register_constraint", "register_unique_constraint", "_respond"}


def _keys(node: ast.expr | None) -> frozenset[str] | None:
    if node is None:
        return frozenset()
    literal_keys = isinstance(node, ast.Dict) and all(
        isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys
    )
    if literal_keys and isinstance(node, ast.Dict):
        return frozenset(str(k.value) for k in node.keys if isinstance(k, ast.Constant))
    return None


def _params(node: ast.Call) -> frozenset[str] | None:
    name = _call_name(node)
    if name in NO_PARAMS:
        return frozenset()
    keyword = next((k.value for k in node.keywords if k.arg == "params"), None)
    if keyword is not None:
        return _keys(keyword)
    index = PARAMS_AT.get(name)
    if index is not None:
        return _keys(node.args[index]) if len(node.args) > index else frozenset()
    if name in ("invalid", "_f"):
        if any(k.arg is None for k in node.keywords):
            return None  # **params passed on
        return frozenset(k.arg for k in node.keywords if k.arg and k.arg != "code")
    return frozenset()


def _take(catalogue: Catalogue, value: ast.expr, where: str, call: ast.Call | None = None) -> None:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        catalogue.add(value.value, where)
        if call is not None:
            role = (
                "field"
                if _call_name(call) in FIELD_CALLS or _call_name(call) == "Finding"
                else ("problem")
            )
            catalogue.sites.append(Site(value.value, where, role, _params(call)))
    elif isinstance(value, ast.JoinedStr | ast.BinOp):
        catalogue.refused.append(where)


def scan_source(
    catalogue: Catalogue, root: Path = SRC, defaults: dict[str, str] | None = None
) -> None:
    """``defaults``: error class name -> its class-level code, for raises that give no code."""
    trees = {
        path: ast.parse(path.read_text("utf-8"), filename=str(path))
        for path in sorted(root.rglob("*.py"))
        if "migrations" not in path.parts
    }
    shared = {k: v for k, v in _code_helpers(trees.values()).items() if v is not None}
    for path, tree in trees.items():
        helpers = shared | _code_helpers([tree])  # a module's own function wins over a namesake
        for node in ast.walk(tree):
            where = f"{path.relative_to(root.parent)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call):
                value = _code_argument(node, helpers)
                if value is not None:
                    _take(catalogue, value, where, node)
                elif defaults and _call_name(node) in defaults:
                    code = defaults[_call_name(node)]
                    catalogue.sites.append(Site(code, where, "problem", _params(node)))
            elif isinstance(node, ast.ClassDef):
                for statement in node.body:
                    if (
                        isinstance(statement, ast.Assign)
                        and any(
                            isinstance(t, ast.Name) and t.id == "code" for t in statement.targets
                        )
                        and _is_error_class(node)
                    ):
                        _take(catalogue, statement.value, where)


def _code_helpers(trees: Iterable[ast.Module]) -> dict[str, int | None]:
    """Functions by name with the position of their parameter named ``code`` (a module's own
    ``_invalid(message, code)``), None for functions without one."""
    found: dict[str, int | None] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = [a.arg for a in node.args.posonlyargs + node.args.args]
                names = [n for n in names if n not in ("self", "cls")]
                index = names.index("code") if "code" in names else None
                if found.get(node.name) is None:
                    found[node.name] = index
    return found


def _is_error_class(node: ast.ClassDef) -> bool:
    """Class-level ``code`` of an error class (not e.g. a ``code`` field of a sort enum)."""
    return any(isinstance(s, ast.Assign) and _assigns(s, "status_code") for s in node.body) or any(
        isinstance(b, ast.Name) and b.id.endswith(("Error", "Violation", "Conflict"))
        for b in node.bases
    )


def _assigns(statement: ast.Assign, name: str) -> bool:
    return any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)


def error_classes() -> dict[str, str]:
    """Every error class by name, with its class-level code."""
    found: dict[str, str] = {}
    pending: list[type[WorkmateError]] = [WorkmateError]
    while pending:
        cls = pending.pop()
        found[cls.__name__] = cls.code
        pending.extend(cls.__subclasses__())
    return found


def scan_classes(catalogue: Catalogue) -> None:
    for name, code in error_classes().items():
        catalogue.add(code, f"class {name}")
    for code, _title in error_handlers._HTTP_CODES.values():
        catalogue.add(code, "HTTP fallback")
    for code in CLIENT_CODES:
        catalogue.add(code, "client")
    for code in input_guard.MESSAGES:  # refused before any route runs
        catalogue.add(code, "input guard")


# Core schema type -> error types it raises for wrong input; constraints add theirs below.
_TYPE_ERRORS: dict[str, set[str]] = {
    "str": {"string_type"},
    "int": {"int_type", "int_parsing", "int_from_float"},
    "float": {"float_type", "float_parsing", "finite_number"},
    "decimal": {"decimal_type", "decimal_parsing", "finite_number"},
    "bool": {"bool_type", "bool_parsing"},
    "date": {
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    },
    "datetime": {"datetime_type", "datetime_parsing", "datetime_from_date_parsing"},
    "uuid": {"uuid_type", "uuid_parsing"},
    "enum": {"enum"},
    "literal": {"literal_error"},
    "list": {"list_type"},
    "set": {"set_type"},
    "frozenset": {"frozen_set_type"},
    "tuple": {"tuple_type"},
    "dict": {"dict_type"},
    "model": {"model_type"},
    "model-fields": set(),
    "typed-dict": {"dict_type"},
    "bytes": {"bytes_type"},
    "is-instance": {"is_instance_of"},
    "json-or-python": set(),
    "any": set(),
    "none": {"none_required"},
    "nullable": set(),
    "default": set(),
    "union": set(),
    "tagged-union": {"union_tag_invalid", "union_tag_not_found"},
    "definitions": set(),
    "definition-ref": set(),
    "function-after": {"value_error", "assertion_error"},
    "function-before": {"value_error", "assertion_error"},
    "function-wrap": {"value_error", "assertion_error"},
    "function-plain": {"value_error", "assertion_error"},
    "model-field": set(),
    "chain": set(),
    "lax-or-strict": set(),
}
_CONSTRAINT_ERRORS = {
    "min_length": {"str": "string_too_short", "*": "too_short"},
    "max_length": {"str": "string_too_long", "*": "too_long"},
    "pattern": {"str": "string_pattern_mismatch"},
    "gt": {"*": "greater_than"},
    "ge": {"*": "greater_than_equal"},
    "lt": {"*": "less_than"},
    "le": {"*": "less_than_equal"},
    "multiple_of": {"*": "multiple_of"},
    "max_digits": {"decimal": "decimal_max_digits"},
    "decimal_places": {"decimal": "decimal_max_places"},
    "tz_constraint": {"datetime": "timezone_aware"},
}


class UnknownSchema(Exception):
    pass


def _schema_errors(schema: Any, found: set[str], defs: dict[str, Any], seen: set[str]) -> None:
    if isinstance(schema, list):
        for item in schema:
            _schema_errors(item, found, defs, seen)
        return
    if not isinstance(schema, dict):
        return
    kind = schema.get("type")
    if isinstance(kind, str):
        if kind not in _TYPE_ERRORS:
            raise UnknownSchema(kind)
        found |= _TYPE_ERRORS[kind]
        for constraint, by_type in _CONSTRAINT_ERRORS.items():
            if schema.get(constraint) is not None:
                code = by_type.get(kind, by_type.get("*"))
                if code:
                    found.add(code)
        if kind == "model-fields":
            if any(f.get("schema", {}).get("type") != "default" for f in schema["fields"].values()):
                found.add("missing")
            if schema.get("extra_behavior") == "forbid":
                found.add("extra_forbidden")
        if kind == "model" and schema.get("config", {}).get("extra_fields_behavior") == "forbid":
            found.add("extra_forbidden")
        if kind == "definition-ref":
            ref = schema["schema_ref"]
            if ref not in seen:
                seen.add(ref)
                _schema_errors(defs[ref], found, defs, seen)
        if kind == "definitions":
            for definition in schema["definitions"]:
                defs[definition["ref"]] = definition
    for key, value in schema.items():
        if key not in ("type", "metadata", "serialization", "ref", "cls", "config", "function"):
            _schema_errors(value, found, defs, seen)


def _fields(dependant: Any) -> Iterator[Any]:
    yield from dependant.path_params
    yield from dependant.query_params
    yield from dependant.header_params
    yield from dependant.cookie_params
    yield from dependant.body_params
    for sub in dependant.dependencies:
        yield from _fields(sub)


def scan_schemas(catalogue: Catalogue, app: FastAPI) -> None:
    for endpoint in endpoints(app):
        for model_field in _fields(endpoint.route.dependant):
            found: set[str] = set()
            _schema_errors(model_field._type_adapter.core_schema, found, {}, set())
            for code in found | ALWAYS:
                catalogue.add(code, f"{endpoint} {model_field.name}")


def catalogue(app: FastAPI) -> Catalogue:
    result = Catalogue()
    scan_source(result, defaults=error_classes())
    scan_classes(result)
    scan_schemas(result, app)
    return result
