"""The schemas the commands check at run time, compiled by fastjsonschema and worded like jsonschema.

``import jsonschema`` takes ~1 s where its format extras are installed (our ``receipts`` extra, every
Jupyter environment: rfc3987-syntax builds Lark grammars at import, python-jsonschema/jsonschema#1428),
more than a whole ``plan``. So ``[tool.sovmigrate]``, the effort model, the model catalog, the tokenizer
family maps and the ``tokens`` report are checked here: each schema is compiled once per process, and the
first problem found is described with the message, path and keyword jsonschema gives for it.
:func:`sovmigrate.schemas.validate` stays the public validator (jsonschema).

The same schema files are used. fastjsonschema implements drafts 4 to 2019-09 and reads our 2020-12
schemas as 2019-09 (older releases: as draft 7): they keep to keywords all of these mean the same way
(``RUNTIME_KEYWORDS``, a test checks it), keywords beside a ``$ref`` are moved into an ``allOf`` so that
they still apply, and the formats (``date``, ``uri``) are checked by the functions jsonschema uses: a
format fastjsonschema does not know would otherwise be passed over in silence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from typing import Any

__all__ = ["SchemaViolation", "check", "compiled", "keys_to"]

# Keywords the run-time schemas may use: those with the same meaning in 2019-09 and 2020-12 (not ``items``
# as a list, ``prefixItems``, ``$dynamicRef``...) and a translation to jsonschema's wording below.
RUNTIME_KEYWORDS = frozenset(
    {"$schema", "$id", "$ref", "$defs", "title", "description", "type", "enum", "const", "properties"}
    | {"additionalProperties", "required", "propertyNames", "minProperties", "maxProperties", "items"}
    | {"minItems", "maxItems", "uniqueItems", "pattern", "minLength", "maxLength", "format", "anyOf", "oneOf"}
    | {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}
)


class SchemaViolation(ValueError):
    """An instance that does not follow a schema, described as jsonschema's ``ValidationError`` would be.

    ``message``, ``path`` (jsonschema's ``absolute_path``: keys and indexes from the instance's root),
    ``keyword`` (jsonschema's ``validator``: the keyword that failed), ``instance`` (the failing value)
    and ``schema`` (the subschema holding the keyword).
    """

    def __init__(
        self, message: str, path: Sequence[str | int], keyword: str, instance: Any, schema: dict[str, Any]
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = tuple(path)
        self.keyword = keyword
        self.instance = instance
        self.schema = schema


def _is_date(value: str) -> bool:
    """jsonschema's ``date`` check (RFC 3339 full-date, a real day)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII):
        return False
    try:
        return bool(date.fromisoformat(value))
    except ValueError:
        return False


@cache
def _formats() -> dict[str, Callable[[str], bool] | str]:
    """The formats of the run-time schemas, checked as jsonschema checks them.

    ``uri``: rfc3986-validator where installed (what jsonschema uses with its format extras); without it
    jsonschema checks nothing, and fastjsonschema's own pattern (a scheme, then no spaces) is kept.
    """
    formats: dict[str, Callable[[str], bool] | str] = {"date": _is_date}
    try:
        from rfc3986_validator import validate_rfc3986
    except ImportError:
        formats["uri"] = r"^\w+:(\/?\/?)[^\s]+\Z"
    else:
        formats["uri"] = lambda value: bool(validate_rfc3986(value, rule="URI"))
    return formats


@cache
def compiled(name: str, version: int = 1) -> Callable[[Any], Any]:
    """Schema ``name`` compiled by fastjsonschema, once per process (~10-30 ms each)."""
    return _compile(_prepared(name, version))


@cache
def _prepared(name: str, version: int) -> dict[str, Any]:
    from sovmigrate.schemas import load_schema

    return _ref_siblings_in_all_of(load_schema(name, version))


def _ref_siblings_in_all_of(node: Any) -> Any:
    """``{"$ref": r, k: v}`` as ``{"allOf": [{"$ref": r}, {k: v}]}``, which every draft reads alike.

    Since 2019-09 the keywords beside a ``$ref`` apply too; fastjsonschema, as draft 7 said, ignores them
    (the model catalog narrows each fact's ``value`` so). Annotations alone (``description``) stay put.
    """
    if isinstance(node, list):
        return [_ref_siblings_in_all_of(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _ref_siblings_in_all_of(value) for key, value in node.items()}
    siblings = {key: value for key, value in node.items() if key != "$ref"}
    if "$ref" in node and set(siblings) - _ANNOTATIONS:
        return {"allOf": [{"$ref": node["$ref"]}, siblings]}
    return node


_ANNOTATIONS = frozenset({"description", "title", "$comment", "examples"})


@cache
def _compiled_part(text: str) -> Callable[[Any], Any]:
    return _compile(json.loads(text))


def _compile(schema: dict[str, Any]) -> Callable[[Any], Any]:
    import fastjsonschema

    handlers = {"http": _own_schema, "https": _own_schema}
    formats = _formats() if '"format": "' in json.dumps(schema) else {}  # no validator imported for nothing
    return fastjsonschema.compile(schema, handlers=handlers, formats=formats, use_default=False)


def _own_schema(uri: str) -> dict[str, Any]:
    """A ``$ref`` to another schema is read from the package; nothing is ever fetched."""
    from sovmigrate.schemas import SCHEMA_BASE

    found = re.fullmatch(re.escape(SCHEMA_BASE) + r"(\w+)\.v(\d+)\.json", uri.split("#")[0])
    if found is None:
        raise ValueError(f"{uri}: only sovmigrate's own schemas can be referenced")
    return _prepared(found[1], int(found[2]))


def check(instance: Any, name: str, version: int = 1) -> None:
    """Raise :class:`SchemaViolation` describing the first problem of ``instance`` against schema ``name``.

    Message, path and keyword are jsonschema's for that problem (a failed ``anyOf``/``oneOf`` is reported
    as such, not by a branch's error, as ``iter_errors`` and ``Validator.validate`` do). Where an instance
    has several problems, the first one fastjsonschema meets is described: it checks the keywords of a
    schema in its own order, so jsonschema may have named another one first.
    """
    import fastjsonschema

    try:
        compiled(name, version)(instance)
    except fastjsonschema.JsonSchemaValueException as error:
        raise _violation(error, instance, _prepared(name, version)) from None


def _first_violation(schema: Any, instance: Any, root: dict[str, Any]) -> SchemaViolation | None:
    """The violation of ``instance`` against a part of ``root`` (a branch, a ``propertyNames`` schema)."""
    import fastjsonschema

    # Under the root's $id, with its $defs: the part's references (made absolute by fastjsonschema) resolve here.
    part = {**schema, **{key: root[key] for key in ("$schema", "$id", "$defs") if key in root}}
    try:
        _compiled_part(json.dumps(part, sort_keys=True))(instance)
    except fastjsonschema.JsonSchemaValueException as error:
        return _violation(error, instance, root)
    return None


def _violation(error: Any, instance: Any, root: dict[str, Any]) -> SchemaViolation:
    path = keys_to(instance, error.name or "data") or []
    value, schema, rule, limit = error.value, error.definition, error.rule, error.rule_definition
    if rule == "propertyNames":
        for key in value:  # jsonschema reports the first bad name, at the object's path
            inner = _first_violation(limit, key, root)
            if inner is not None:
                return SchemaViolation(inner.message, path, inner.keyword, key, inner.schema)
    if rule == "oneOf":  # (a branch shows as fastjsonschema holds it: its own top $ref resolved)
        matches = [branch for branch in limit if _first_violation(branch, value, root) is None]
        if len(matches) > 1:
            valid = ", ".join(repr(branch) for branch in [*matches[1:], matches[0]])
            return SchemaViolation(f"{value!r} is valid under each of {valid}", path, rule, value, schema)
    if rule in ("anyOf", "oneOf"):
        message = f"{value!r} is not valid under any of the given schemas"
        return SchemaViolation(message, path, rule, value, schema)
    return SchemaViolation(_message(error, rule, value, limit), path, rule or "", value, schema)


_SIMPLE = {
    "enum": "{value!r} is not one of {limit!r}",
    "const": "{limit!r} was expected",
    "pattern": "{value!r} does not match {limit!r}",
    "format": "{value!r} is not a {limit!r}",
    "minimum": "{value!r} is less than the minimum of {limit!r}",
    "maximum": "{value!r} is greater than the maximum of {limit!r}",
    "exclusiveMinimum": "{value!r} is less than or equal to the minimum of {limit!r}",
    "exclusiveMaximum": "{value!r} is greater than or equal to the maximum of {limit!r}",
    "uniqueItems": "{value!r} has non-unique elements",
}
# keyword: (wording at the limit 1 or 0, wording otherwise, that limit)
_SIZES = {
    "minLength": ("should be non-empty", "is too short", 1),
    "maxLength": ("is expected to be empty", "is too long", 0),
    "minItems": ("should be non-empty", "is too short", 1),
    "maxItems": ("is expected to be empty", "is too long", 0),
    "minProperties": ("should be non-empty", "does not have enough properties", 1),
    "maxProperties": ("is expected to be empty", "has too many properties", 0),
}


def _message(error: Any, rule: str | None, value: Any, limit: Any) -> str:
    """jsonschema's message for a failed ``rule`` (``'SOV1' is not of type 'array'``)."""
    if rule == "type":
        return f"{value!r} is not of type {', '.join(repr(t) for t in ([limit] if isinstance(limit, str) else limit))}"
    if rule in _SIMPLE:
        return _SIMPLE[rule].format(value=value, limit=limit)
    if rule in _SIZES:
        at_limit, otherwise, edge = _SIZES[rule]
        return f"{value!r} {at_limit if limit == edge else otherwise}"
    if rule == "required":
        missing = next(key for key in limit if key not in value)
        return f"{missing!r} is a required property"
    if rule == "additionalProperties":
        extras = sorted(set(value) - set(error.definition.get("properties", {})), key=str)
        verb = "was" if len(extras) == 1 else "were"
        return f"Additional properties are not allowed ({', '.join(map(repr, extras))} {verb} unexpected)"
    return f"{value!r} {error.message.removeprefix(error.name or '').strip()}"  # pragma: no cover


def keys_to(node: Any, name: str, rendered: str = "data") -> list[str | int] | None:
    """The keys from the instance down to the value fastjsonschema calls ``name`` (``data.a.b[0]``).

    fastjsonschema joins keys with dots, so a key holding one (a ``per-file-ignores`` glob such as
    ``"tests/*.py"``) cannot be split back: the instance itself tells which keys the name is made of.
    """
    if rendered == name:
        return []
    if isinstance(node, dict):
        steps = ((key, f".{key}", child) for key, child in node.items())
    elif isinstance(node, list):
        steps = ((index, f"[{index}]", child) for index, child in enumerate(node))
    else:
        return None
    for key, step, child in steps:
        if name.startswith(rendered + step):
            rest = keys_to(child, name, rendered + step)
            if rest is not None:
                return [key, *rest]
    return None
