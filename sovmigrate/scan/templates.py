"""Family chat templates chosen by name in Python settings (convention 22).

A setting named like a template key (``prompt_template``, ``default_prompt_formatter``, ``model_wrapper``, an
option ``--model-family``) whose value names one family's template: a string (``"chatml"``), a registry's
attribute (``PROMPT_TEMPLATE.llama2_chat``) or the ``default=`` of a field or option built for it
(``Field(default="chatml")``). What names a template and which rules report it is the catalog's
(``sovmigrate.rules.deploy``); a value another rule already reports is left to it.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from sovmigrate.rules import get_rule
from sovmigrate.rules.deploy import (
    FAMILY_TEMPLATE_RULE,
    FAMILY_TEMPLATE_VALUE,
    LLAMA_TEMPLATE_RULE,
    TEMPLATE_SETTINGS,
)
from sovmigrate.rules.vocabulary import OPTION_BUILDERS
from sovmigrate.scan.bindings import Collector, dotted_name, string_value
from sovmigrate.scan.passes import RawFinding


def template_names(collector: Collector, findings: list[RawFinding]) -> None:
    """Findings for the family templates the module's settings choose by name."""
    reported = {id(finding.node) for finding in findings}
    for node, name in _template_values(collector):
        if id(node) in reported:
            continue
        choice = FAMILY_TEMPLATE_VALUE.fullmatch(name)
        if choice is not None:
            code = LLAMA_TEMPLATE_RULE if choice.group("llama") else FAMILY_TEMPLATE_RULE
            findings.append(RawFinding(get_rule(code), node, name))
            reported.add(id(node))


def _template_values(collector: Collector) -> Iterator[tuple[cst.CSTNode, str]]:
    for target, value, _scope in collector.assignments:
        if TEMPLATE_SETTINGS.fullmatch((dotted_name(target) or "").rpartition(".")[2]):
            yield from _value(value)
    for call, _scope in collector.calls:
        for arg in call.args:
            if arg.keyword is not None and TEMPLATE_SETTINGS.fullmatch(arg.keyword.value):
                yield from _value(arg.value)
        option = _option_name(call)
        if option and TEMPLATE_SETTINGS.fullmatch(option):
            yield from _default(call)


def _value(node: cst.BaseExpression, depth: int = 0) -> Iterator[tuple[cst.CSTNode, str]]:
    """The template name ``node`` spells: a string, an attribute's name, or a field's or option's default."""
    text = string_value(node)
    if text is not None:
        yield node, text
    elif isinstance(node, cst.Attribute):
        yield node, node.attr.value
    elif isinstance(node, cst.Call) and depth == 0:
        yield from _default(node)


def _default(call: cst.Call) -> Iterator[tuple[cst.CSTNode, str]]:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "default":
            yield from _value(arg.value, depth=1)


def _option_name(call: cst.Call) -> str:
    """The setting a command-line option builder declares (``add_argument("--model-family")`` -> ``model_family``)."""
    if (dotted_name(call.func) or "").rpartition(".")[2] not in OPTION_BUILDERS or not call.args:
        return ""
    first = call.args[0]
    flag = string_value(first.value) if first.keyword is None else None
    return flag.lstrip("-").replace("-", "_") if flag and flag.startswith("--") else ""
