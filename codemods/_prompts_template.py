"""Read a hand-built Llama chat prompt back into turns.

A prompt expression (an f-string, ``%``/``.format`` on a template, ``+`` concatenation, module constants such as
``B_INST, E_INST = "[INST]", "[/INST]"``, variables assigned once) is flattened into parts: literal text and
holes (the expressions the program fills in). The text is then read with the Llama 2 (``[INST]``, ``<<SYS>>``,
``<s>``...``</s>``) or the Llama 3 (``<|start_header_id|>role<|end_header_id|>\\n\\n...<|eot_id|>``) grammar.
Holes may only stand inside a turn's content; anything else (a hole between turns, an unknown role, a prompt
that ends inside a reply) makes the structure unclear, and the reason says why.
"""

from __future__ import annotations

import ast
import re
import string as stringlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import libcst as cst
from sovmigrate.codemods._exprs import code, literal
from sovmigrate.codemods._openai_compat_exprs import short
from sovmigrate.codemods._openai_compat_flow import enclosing_function, module_value

if TYPE_CHECKING:
    from sovmigrate.scan.analysis import ModuleAnalysis

Part = str | cst.BaseExpression
_HOLE = re.compile("\ue000(\\d+)\ue001")
_MAX_DEPTH = 8
LLAMA2_MARKERS = ("[INST]", "[/INST]", "<<SYS>>", "<</SYS>>")
LLAMA3_MARKERS = ("<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>", "<|begin_of_text|>")
ROLES = ("system", "user", "assistant")


@dataclass
class Flat:
    """A prompt as parts, and the string literals it was built from (the findings it explains)."""

    parts: list[Part] = field(default_factory=list)
    literals: list[cst.CSTNode] = field(default_factory=list)
    problem: str = ""  # why the prompt cannot be read (its literals are still known)

    def add(self, other: Flat) -> Flat:
        self.parts += other.parts
        self.literals += other.literals
        self.problem = self.problem or other.problem
        return self

    def fail(self, problem: str) -> Flat:
        self.problem = self.problem or problem
        return self


@dataclass(frozen=True)
class Turn:
    role: str
    content: tuple[Part, ...]


@dataclass(frozen=True)
class Parsed:
    """The turns of a prompt in one template family; ``bos``: the prompt wrote the BOS token itself."""

    family: str
    turns: tuple[Turn, ...]
    bos: bool


# ---------------------------------------------------------------------------------------------- flattening


def flatten(analysis: ModuleAnalysis, expr: cst.BaseExpression, depth: int = 0) -> Flat:
    """``expr`` as text and holes (with the problem, when it cannot be read)."""
    if depth > _MAX_DEPTH:
        return Flat().fail("the prompt is built through too many steps")
    if isinstance(expr, cst.SimpleString):
        value = literal(expr)
        return Flat([value], [expr]) if isinstance(value, str) else Flat([expr])
    if isinstance(expr, cst.ConcatenatedString):
        return _join(analysis, [expr.left, expr.right], depth)
    if isinstance(expr, cst.FormattedString):
        return _fstring(analysis, expr, depth)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _join(analysis, [expr.left, expr.right], depth)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Modulo):
        return _percent(analysis, expr, depth)
    if (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "format"
    ):
        return _format(analysis, expr, depth)
    if isinstance(expr, cst.Name):
        value = _value_of(analysis, expr)
        inner = flatten(analysis, value, depth + 1) if value is not None else None
        if inner is not None and (inner.problem or _structural(inner.parts)):
            return inner
    return Flat([expr])


def _structural(parts: list[Part]) -> bool:
    """Whether a variable's value is part of the template (markers, whitespace, holes) rather than content."""
    text = "".join(p for p in parts if isinstance(p, str))
    return bool(markers(parts)) or not text.strip() or any(not isinstance(p, str) for p in parts)


def _join(analysis: ModuleAnalysis, nodes: list[cst.BaseExpression], depth: int) -> Flat:
    flat = Flat()
    for node in nodes:
        flat.add(flatten(analysis, node, depth + 1))
    return flat


def _value_of(analysis: ModuleAnalysis, name: cst.Name) -> cst.BaseExpression | None:
    """The one value a variable holds where it is read: assigned once in its function, else a module constant."""
    function = enclosing_function(analysis, name)
    if function is not None:
        local = _assigned_once(function.body, name.value)
        if local is not False:
            return local
    return module_value(analysis.module, name.value)


def _assigned_once(body: cst.CSTNode, name: str) -> cst.BaseExpression | None | bool:
    """The value of ``name`` assigned exactly once in ``body`` (None when assigned otherwise), False when never."""
    found: list[cst.BaseExpression | None] = []
    stack = [body]
    while stack:
        node = stack.pop()
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        if isinstance(node, cst.Assign):
            for target in node.targets:
                if isinstance(target.target, cst.Name) and target.target.value == name:
                    found.append(node.value if len(node.targets) == 1 else None)
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For, cst.NamedExpr, cst.Param)):
            target = getattr(node, "target", getattr(node, "name", None))
            if isinstance(target, cst.Name) and target.value == name:
                found.append(None)
        stack.extend(node.children)
    if not found:
        return False
    return found[0] if len(found) == 1 else None


def _fstring(analysis: ModuleAnalysis, node: cst.FormattedString, depth: int) -> Flat:
    flat = Flat(literals=[node])
    prefix = node.prefix.lower().replace("f", "")
    for part in node.parts:
        if isinstance(part, cst.FormattedStringText):
            text = part.value.replace("{{", "{").replace("}}", "}")
            flat.parts.append(ast.literal_eval(f"{prefix}{node.quote}{text}{node.quote}"))
        elif part.conversion is not None or part.format_spec is not None:
            flat.fail(f"`{short(part.expression)}` is formatted with a conversion or a format spec")
        else:
            flat.add(flatten(analysis, part.expression, depth + 1))
    return flat


def _template(analysis: ModuleAnalysis, node: cst.BaseExpression, depth: int) -> tuple[str, Flat] | None:
    """The all-text template a ``%`` or ``.format`` applies to, or None."""
    flat = flatten(analysis, node, depth + 1)
    if flat.problem or not all(isinstance(p, str) for p in flat.parts):
        return None
    return "".join(flat.parts), flat  # type: ignore[arg-type]


def _percent(analysis: ModuleAnalysis, expr: cst.BinaryOperation, depth: int) -> Flat:
    found = _template(analysis, expr.left, depth)
    if found is None:
        return Flat([expr])
    template, flat = found
    right = expr.right
    named = isinstance(right, cst.Dict)
    args = (
        {literal(e.key): e.value for e in right.elements if isinstance(e, cst.DictElement)} if named else None
    )
    values = [e.value for e in right.elements] if isinstance(right, cst.Tuple) else [right]
    result = Flat(literals=flat.literals)
    for index, piece in enumerate(re.split(r"(%(?:\([^)]*\))?[sd]|%%)", template)):
        if index % 2 == 0:
            result.parts.append(piece)
        elif piece == "%%":
            result.parts.append("%")
        else:
            key = piece[2:-2] if piece.startswith("%(") else None
            value = (args or {}).get(key) if named else (values.pop(0) if values else None)
            if value is None:
                return result.fail("a `%` placeholder without a matching value")
            result.add(_hole(analysis, value, depth))
    return result


def _format(analysis: ModuleAnalysis, call: cst.Call, depth: int) -> Flat:
    found = _template(analysis, call.func.value, depth)  # type: ignore[attr-defined]
    if found is None:
        return Flat([call])
    template, flat = found
    if any(a.star for a in call.args):
        return Flat(literals=flat.literals).fail("`.format(**values)`: the values are not known here")
    positional = [a.value for a in call.args if a.keyword is None]
    named = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    result = Flat(literals=flat.literals)
    auto = 0
    for text, name, spec, conversion in stringlib.Formatter().parse(template):
        result.parts.append(text)
        if name is None:
            continue
        if spec or conversion:
            return result.fail(f"`{{{name}}}` has a conversion or a format spec")
        if name == "":
            name, auto = str(auto), auto + 1
        value = positional[int(name)] if name.isdigit() and int(name) < len(positional) else named.get(name)
        if value is None:
            return result.fail(f"`{{{name}}}` has no value in `.format()`")
        result.add(_hole(analysis, value, depth))
    return result


def _hole(analysis: ModuleAnalysis, value: cst.BaseExpression, depth: int) -> Flat:
    """A value put into a template: its text when it is a constant, else the expression itself."""
    inner = flatten(analysis, value, depth + 1)
    if inner.problem or not all(isinstance(p, str) for p in inner.parts):
        return Flat([value])
    return inner


def markers(parts: list[Part]) -> str:
    """The family whose markers the text shows ("llama-2", "llama-3"), or ""."""
    text = "".join(p for p in parts if isinstance(p, str))
    if any(m in text for m in LLAMA3_MARKERS):
        return "llama-3"
    if any(m in text for m in LLAMA2_MARKERS):
        return "llama-2"
    return ""


# ---------------------------------------------------------------------------------------------- parsing


def parse(parts: list[Part]) -> Parsed | str:
    """The turns of a flattened prompt, or why its structure is not clear."""
    holes = [p for p in parts if not isinstance(p, str)]
    text = "".join(p if isinstance(p, str) else f"\ue000{holes.index(p)}\ue001" for p in parts)
    family = markers(parts)
    if family == "llama-3":
        found = _llama3(text)
    elif family == "llama-2":
        found = _llama2(text)
    else:
        return "no Llama 2 or Llama 3 chat markers"
    if isinstance(found, str):
        return found
    turns, bos = found
    return Parsed(family, tuple(Turn(role, _parts(content, holes)) for role, content in turns), bos)


def _parts(content: str, holes: list[cst.BaseExpression]) -> tuple[Part, ...]:
    pieces = _HOLE.split(content.strip())
    return tuple(p if i % 2 == 0 else holes[int(p)] for i, p in enumerate(pieces) if i % 2 or p)


_L2_SYS = re.compile(r"\s*<<SYS>>\n?(.*?)\n?<</SYS>>\s*", re.DOTALL)


def _llama2(text: str) -> tuple[list[tuple[str, str]], bool] | str:
    rest = text.lstrip()
    bos = rest.startswith("<s>")
    rest = rest.removeprefix("<s>")
    turns: list[tuple[str, str]] = []
    while True:
        rest = rest.lstrip()
        if not rest.startswith("[INST]"):
            return _unclear("a turn does not start with `[INST]`", rest)
        user, sep, rest = rest[len("[INST]") :].partition("[/INST]")
        if not sep:
            return "an `[INST]` without its `[/INST]`"
        system = _L2_SYS.match(user)
        if system is not None:
            if turns:
                return "a `<<SYS>>` block after the first turn"
            turns.append(("system", system.group(1)))
            user = user[system.end() :]
        turns.append(("user", user))
        reply, end, rest = rest.partition("</s>")
        if not end:
            if reply.strip():
                return "the prompt ends inside the model's reply (a prefilled answer)"
            return _checked(turns, bos, LLAMA2_MARKERS)
        turns.append(("assistant", reply))
        rest = rest.lstrip().removeprefix("<s>")


_L3_TURN = re.compile(r"\s*<\|start_header_id\|>(.*?)<\|end_header_id\|>\s*", re.DOTALL)


def _llama3(text: str) -> tuple[list[tuple[str, str]], bool] | str:
    rest = text.lstrip()
    bos = rest.startswith("<|begin_of_text|>")
    rest = rest.removeprefix("<|begin_of_text|>")
    turns: list[tuple[str, str]] = []
    while True:
        header = _L3_TURN.match(rest)
        if header is None and not rest.strip():
            return "the prompt does not end with an empty assistant header (the generation prompt)"
        if header is None:
            return _unclear(
                "a turn does not start with a `<|start_header_id|>role<|end_header_id|>` header", rest
            )
        role = header.group(1)
        if role not in ROLES:
            return f"role `{role}` (only system, user and assistant turns are read)"
        content, end, rest = rest[header.end() :].partition("<|eot_id|>")
        if not end:
            if role != "assistant" or content.strip():
                return "the prompt does not end with an empty assistant header (the generation prompt)"
            return _checked(turns, bos, LLAMA3_MARKERS)
        turns.append((role, content))


def _unclear(why: str, rest: str) -> str:
    hole = _HOLE.match(rest.strip())
    if hole is not None:
        return (
            "a value is placed between the turns (a history built at run time?); the turns are not known here"
        )
    return why


def _checked(
    turns: list[tuple[str, str]], bos: bool, family_markers: tuple[str, ...]
) -> tuple[list, bool] | str:
    for role, content in turns:
        if any(m in content for m in (*family_markers, "<s>", "</s>", "<|")):
            return f"markers inside the {role} content"
    if not any(role == "user" for role, _ in turns):
        return "no user turn"
    return turns, bos


def content_code(parts: tuple[Part, ...]) -> str:
    """Source for a turn's content: one expression, a string, or an f-string joining text and expressions."""
    if not parts:
        return '""'
    if len(parts) == 1 and not isinstance(parts[0], str):
        return code(parts[0])
    if all(isinstance(p, str) for p in parts):
        return _string_code("".join(parts))  # type: ignore[arg-type]
    pieces = [code(p) for p in parts if not isinstance(p, str)]
    if any(c in piece for piece in pieces for c in "\"'\\\n{}#"):
        return " + ".join(_string_code(p) if isinstance(p, str) else f"str({code(p)})" for p in parts)
    body = "".join(_escape(p) if isinstance(p, str) else "{" + code(p) + "}" for p in parts)
    return f'f"{body}"'


def _string_code(text: str) -> str:
    return '"' + _escape(text, braces=False) + '"'


def _escape(text: str, braces: bool = True) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    escaped = escaped.replace("\r", "\\r").replace("\t", "\\t")
    return escaped.replace("{", "{{").replace("}", "}}") if braces else escaped
