"""Where values come from and go to, for the client codemods: movable model expressions, result consumers,
``try`` blocks.

These are local, syntactic checks on top of the public analysis (which follows vendor objects, not plain
values): a variable holding a call's result is followed in its own function only, and anything that is not
plainly a field read counts as the result being passed on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import libcst as cst
from sovmigrate.codemods._exprs import code, literal
from sovmigrate.codemods._openai_compat_exprs import env_name, short

if TYPE_CHECKING:
    from sovmigrate.scan.analysis import ModuleAnalysis

_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
_BROAD = frozenset({"Exception", "BaseException"})
_TESTS = (
    cst.If,
    cst.While,
    cst.Comparison,
    cst.ComparisonTarget,
    cst.UnaryOperation,
    cst.IfExp,
    cst.BooleanOperation,
)


def enclosing_function(analysis: ModuleAnalysis, node: cst.CSTNode) -> cst.FunctionDef | None:
    current = analysis.parent(node)
    while current is not None and not isinstance(current, _SCOPES):
        current = analysis.parent(current)
    return current if isinstance(current, cst.FunctionDef) else None


def _module_assignments(module: cst.Module, name: str) -> list[cst.CSTNode]:
    """Top-level statements that bind ``name`` (assignments and imports)."""
    found = []
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if name in _bound_names(small):
                found.append(statement)
    return found


def _bound_names(small: cst.BaseSmallStatement) -> set[str]:
    if isinstance(small, cst.Assign):
        return {name for target in small.targets for name in _target_names(target.target)}
    if isinstance(small, cst.AnnAssign) and small.value is not None and isinstance(small.target, cst.Name):
        return {small.target.value}
    if isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(small.names, cst.ImportStar):
        return {
            (alias.asname.name.value if alias.asname else code(alias.name).split(".")[0])
            for alias in small.names
            if alias.asname is None or isinstance(alias.asname.name, cst.Name)
        }
    return set()


def _target_names(target: cst.BaseExpression) -> set[str]:
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        return {e.value.value for e in target.elements if isinstance(e.value, cst.Name)}
    return set()


def _assigned_in(function: cst.FunctionDef, name: str) -> bool:
    """Whether ``function``'s own body (nested scopes aside) stores to ``name``."""
    for node in _walk(function.body):
        targets: list[cst.BaseExpression] = []
        if isinstance(
            node, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.NamedExpr, cst.For, cst.CompFor)
        ):
            targets = [node.target]
        elif isinstance(node, cst.AsName):
            targets = [node.name]
        for target in targets:
            if any(isinstance(n, cst.Name) and n.value == name for n in _walk(target)):
                return True
    return False


def _walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """``node`` and its descendants, not entering nested functions, lambdas or classes."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(c for c in current.children if not isinstance(c, _SCOPES))


def movable(
    analysis: ModuleAnalysis, expr: cst.BaseExpression, origin: cst.Call, users: list[cst.CSTNode]
) -> str:
    """Why ``expr`` (read at ``users``) cannot be evaluated where ``origin`` builds the client; "" when it can.

    Literals, environment lookups, module-level constants and parameters of the one function that builds
    and uses the client all can.
    """
    if isinstance(literal(expr), str) or env_name(expr) is not None:
        return ""
    chosen = f"the model is chosen at run time (`{short(expr)}`); the adapter binds it when connecting"
    if not isinstance(expr, cst.Name):
        return chosen
    name = expr.value
    function = enclosing_function(analysis, origin)
    if function is not None and all(enclosing_function(analysis, u) is function for u in users):
        params = function.params
        names = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
        if name in names and not _assigned_in(function, name):
            return ""
    statements = _module_assignments(analysis.module, name)
    if len(statements) != 1:
        return chosen
    if function is None and _line(analysis, statements[0]) > _line(analysis, origin):
        return f"`{name}` is assigned after the client is built"
    return ""


def _line(analysis: ModuleAnalysis, node: cst.CSTNode) -> int:
    return analysis.spans([node])[id(node)][0]


def catches_errors(analysis: ModuleAnalysis, node: cst.CSTNode) -> bool:
    """Whether ``node`` sits in a ``try`` body whose handlers name specific exceptions (the SDK's errors)."""
    child, current = node, analysis.parent(node)
    while current is not None and not isinstance(current, _SCOPES):
        narrow = any(
            h.type is not None and code(h.type).strip() not in _BROAD
            for h in getattr(current, "handlers", ())
        )
        if isinstance(current, (cst.Try, cst.TryStar)) and child is current.body and narrow:
            return True
        child, current = current, analysis.parent(current)
    return False


def result_use(analysis: ModuleAnalysis, target: cst.CSTNode, fields: frozenset[str], stream: bool) -> str:
    """How the value of ``target`` (a call or ``await``) is used, when it is more than reading ``fields``
    of it (or iterating it, for a stream): the excerpt that uses it; "" when every use is a field read."""
    parent = analysis.parent(target)
    if isinstance(parent, cst.Expr):
        return ""
    if (
        isinstance(parent, cst.Assign)
        and len(parent.targets) == 1
        and isinstance(parent.targets[0].target, cst.Name)
    ):
        return _name_uses(analysis, parent, parent.targets[0].target.value, fields, stream)
    return _use(analysis, target, fields, stream)


def _use(analysis: ModuleAnalysis, node: cst.CSTNode, fields: frozenset[str], stream: bool) -> str:
    parent = analysis.parent(node)
    if stream:
        if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is node:
            return ""
        return short(analysis.statement(node) or node)
    if isinstance(parent, cst.Attribute) and parent.value is node and parent.attr.value in fields:
        return ""
    if isinstance(parent, cst.Subscript) and parent.value is node and _key(parent) in fields:
        return ""
    if isinstance(parent, _TESTS):
        return ""
    return short(analysis.statement(node) or node)


def _key(subscript: cst.Subscript) -> object:
    element = subscript.slice[0].slice if len(subscript.slice) == 1 else None
    return literal(element.value) if isinstance(element, cst.Index) else None


def _name_uses(
    analysis: ModuleAnalysis, assign: cst.Assign, name: str, fields: frozenset[str], stream: bool
) -> str:
    scope: cst.CSTNode = enclosing_function(analysis, assign) or analysis.module
    body = scope.body if isinstance(scope, cst.FunctionDef) else scope
    for node in _walk(body):
        if not (isinstance(node, cst.Name) and node.value == name) or _is_store(analysis, node):
            continue
        problem = _use(analysis, node, fields, stream)
        if problem:
            return problem
    return ""


def _is_store(analysis: ModuleAnalysis, name: cst.Name) -> bool:
    parent = analysis.parent(name)
    if isinstance(parent, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.For, cst.CompFor, cst.AsName)):
        return getattr(parent, "target", getattr(parent, "name", None)) is name
    if isinstance(parent, cst.Attribute):
        return parent.attr is name
    if isinstance(parent, cst.Arg):
        return parent.keyword is name
    return isinstance(parent, (cst.Param, cst.FunctionDef, cst.ClassDef, cst.ImportAlias))


def single_value(analysis: ModuleAnalysis, expr: cst.BaseExpression) -> cst.BaseExpression:
    """What ``expr`` holds: itself, or for a variable assigned once in its function (or module) and read only
    here, the value it was assigned."""
    if not isinstance(expr, cst.Name):
        return expr
    scope: cst.CSTNode = enclosing_function(analysis, expr) or analysis.module
    body = scope.body if isinstance(scope, cst.FunctionDef) else scope
    stores, loads, value = 0, 0, None
    for node in _walk(body):
        if isinstance(node, cst.Assign) and any(_is_name(t.target, expr.value) for t in node.targets):
            stores, value = stores + 1, node.value if len(node.targets) == 1 else None
        elif isinstance(node, cst.Name) and node.value == expr.value and not _is_store(analysis, node):
            loads += 1
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For, cst.NamedExpr)) and _is_name(
            node.target, expr.value
        ):
            stores += 2
    return value if stores == 1 and loads == 1 and value is not None else expr


def _is_name(node: cst.CSTNode, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def module_value(module: cst.Module, name: str) -> cst.BaseExpression | None:
    """The value a module-level constant is assigned, once (``A = ...`` or ``A, B = x, y``); else None."""
    values: list[cst.BaseExpression | None] = []
    for statement in _module_assignments(module, name):
        for small in statement.body:
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                values.append(_unpacked(small.targets[0].target, small.value, name))
            elif isinstance(
                small, (cst.Assign, cst.AnnAssign, cst.Import, cst.ImportFrom)
            ) and name in _bound_names(small):
                values.append(small.value if isinstance(small, cst.AnnAssign) else None)
    return values[0] if len(values) == 1 else None


def _unpacked(target: cst.BaseExpression, value: cst.BaseExpression, name: str) -> cst.BaseExpression | None:
    if isinstance(target, cst.Name):
        return value if target.value == name else None
    pairs = (
        zip(target.elements, value.elements, strict=True)
        if isinstance(target, (cst.Tuple, cst.List))
        and isinstance(value, (cst.Tuple, cst.List))
        and len(target.elements) == len(value.elements)
        else ()
    )
    return next((v.value for t, v in pairs if isinstance(t.value, cst.Name) and t.value.value == name), None)
