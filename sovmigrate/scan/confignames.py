"""Model-id findings in YAML and JSON that sit on names, links and table titles, not on models.

- A display name (``pretty_name:``) is never a model id, and ``name:``/``model_name:`` are names when the mapping
  they are in (or, for ``model_name:``, the document) has a model-id key that holds an id, or a router's model
  settings (``litellm_params``) beside them (conventions 16 and 26).
- A web link to a model's page (``link: https://huggingface.co/<id>``) is metadata, not a download.
- A YAML document whose only top-level key is an entry name (alpaca-eval's ``llama-2-7b-chat-hf:`` over the entry's
  settings) is titled by it; a per-model table has several such keys, and an ``owner/name`` key is an id anyway.
- A provider prefix followed by a variable (``model: openai/${MODEL}``) names no model.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sovmigrate.rules import Kind
from sovmigrate.rules.manifests import (
    ALIAS_SIBLING_KEYS,
    DISPLAY_NAME_KEYS,
    DOCUMENT_ID_KEYS,
    LINK_KEYS,
    MODEL_ID_KEYS,
    NAME_KEYS,
)

if TYPE_CHECKING:
    from sovmigrate.scan.textfiles import LineFinding

_KEY = re.compile(r"""^(?P<lead>\s*(?:-\s+)?)["']?(?P<key>[\w.-]+)["']?\s*:(?:\s|$)""")
_TOP_KEY = re.compile(r"""^["']?[^\s#"'-][^:]*["']?\s*:(?:\s|$)""")


def without_names(findings: list[LineFinding], lines: list[str], kind: str) -> list[LineFinding]:
    """``findings`` without the model ids on names, links, a lone top-level title and bare provider prefixes."""
    models = [f for f in findings if f.rule.kind is Kind.MODEL_ID]
    if not models:
        return findings
    id_lines = {f.line for f in models if key_of(lines, f.line) in MODEL_ID_KEYS}
    document_ids = any(key_of(lines, number) in DOCUMENT_ID_KEYS for number in id_lines)
    title = _lone_title(lines) if kind == "yaml" else 0
    return [
        f
        for f in findings
        if f.rule.kind is not Kind.MODEL_ID or not _is_name(f, lines, id_lines, document_ids, title)
    ]


def _is_name(
    finding: LineFinding, lines: list[str], id_lines: set[int], document_ids: bool, title: int
) -> bool:
    key = key_of(lines, finding.line)
    line = lines[finding.line - 1]
    if key in DISPLAY_NAME_KEYS or (finding.line == title and "/" not in finding.api):
        return True
    if key in LINK_KEYS and "://" in line[: finding.column]:
        return True
    if line[finding.end_column : finding.end_column + 1] in ("$", "{") and finding.api.endswith(("/", ":")):
        return True
    if key not in NAME_KEYS:
        return False
    mapping = siblings(lines, finding.line)
    if id_lines & mapping or any(key_of(lines, number) in ALIAS_SIBLING_KEYS for number in mapping):
        return True
    return key != "name" and document_ids


def key_of(lines: list[str], number: int) -> str:
    match = _KEY.match(lines[number - 1])
    return match.group("key").lower().rsplit(".", 1)[-1] if match else ""


def _lone_title(lines: list[str]) -> int:
    """The line (1-based) of a YAML document's only top-level key when the rest is nested under it, else 0."""
    tops = [number for number, text in enumerate(lines, start=1) if _TOP_KEY.match(text)]
    if len(tops) != 1 or lines[tops[0] - 1].split(":", 1)[1].split("#", 1)[0].strip():
        return 0
    return tops[0]


def _indent(text: str) -> int:
    stripped = text.lstrip()
    return len(text) - len(stripped) + (2 if stripped.startswith("- ") else 0)


def siblings(lines: list[str], number: int) -> set[int]:
    """The lines (1-based) of the keys in the same mapping as line ``number`` (a list item's keys end at the next)."""
    column = _indent(lines[number - 1])
    found: set[int] = set()
    for step in (-1, 1):
        if step < 0 and lines[number - 1].lstrip().startswith("- "):
            continue  # the item starts here: the keys above are another item's
        current = number
        while current == number or (
            1 <= current <= len(lines) and _same_mapping(lines, current, column, step, found)
        ):
            current += step
    return found


def _same_mapping(lines: list[str], number: int, column: int, step: int, found: set[int]) -> bool:
    text = lines[number - 1]
    stripped = text.lstrip()
    if not stripped or stripped.startswith("#"):
        return True
    indent = _indent(text)
    if indent < column:
        return False
    item = stripped.startswith("- ")
    if indent == column:
        if item and step > 0:
            return False
        found.add(number)
        return not item
    return True
