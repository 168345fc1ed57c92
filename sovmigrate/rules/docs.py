"""Render rule documentation from the catalog (``docs/rules/*.md`` and ``sovmigrate rule CODE``).

Regenerate the committed pages with ``python -m sovmigrate.rules.docs docs/rules``; a test fails when
they are stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sovmigrate.rules import CATALOG, Calls, Dependency, Fix, Imports, Keywords, Line, Literal, Rule, TokenIds
from sovmigrate.rules.model import (
    Assigns,
    BaseUrls,
    Commands,
    EngineAddresses,
    FixSafety,
    Flags,
    HttpRequests,
    Options,
    Reads,
)

_FIX_LABEL = {
    Fix.ALWAYS: "Fix is always available.",
    Fix.SOMETIMES: "Fix is sometimes available.",
    Fix.NONE: "No automatic fix.",
}
_SAFETY_LABEL = {
    FixSafety.SAFE: "The fix is safe: `sovmigrate rewrite` makes it by default.",
    FixSafety.UNSAFE: "The fix is unsafe (it may change behaviour): `sovmigrate rewrite --unsafe` makes it, "
    "`sovmigrate rewrite` lists it.",
    FixSafety.MANUAL: "`sovmigrate rewrite` reports each site for manual work; with `--annotate` it adds a "
    "`# sovmigrate: TODO({code}): reason` comment above it.",
}


def _fix_label(rule: Rule) -> str:
    label = _FIX_LABEL[rule.fix]
    if rule.fix_safety is None:
        return label
    return f"{label} {_SAFETY_LABEL[rule.fix_safety].format(code=rule.code)}"


def _fix_section(rule: Rule) -> list[str]:
    """The fix as the codemod makes it (fixable rules with an example)."""
    docs = rule.docs
    if not (docs.before and docs.after):
        return []
    return [
        "## Fix",
        "",
        f"`sovmigrate rewrite{' --unsafe' if rule.fix_safety is FixSafety.UNSAFE else ''}` turns",
        "",
        "```python",
        docs.before.rstrip("\n"),
        "```",
        "",
        "into",
        "",
        "```python",
        docs.after.rstrip("\n"),
        "```",
        "",
    ]


def _matches(rule: Rule) -> list[str]:
    lines = []
    for matcher in rule.matchers:
        if isinstance(matcher, Calls):
            gate = f" (only clients whose base URL is {' or '.join(matcher.hosts)})" if matcher.hosts else ""
            lines.append("Calls" + gate + ": " + ", ".join(f"`{p}`" for p in matcher.patterns))
        elif isinstance(matcher, Imports):
            lines.append("Imports: " + ", ".join(f"`{m}`" for m in matcher.modules))
        elif isinstance(matcher, Keywords):
            lines.append("Keyword arguments: " + ", ".join(f"`{n}=`" for n in matcher.names))
        elif isinstance(matcher, Literal):
            where = {
                "model": " where a model is expected",
                "vendor-model": " in a model position (see above)",
                "env": " naming an environment variable a look-up reads",
                "stop": " kept as stop strings or special tokens (`stop=`, `STOP_WORDS`, `BOS`/`EOS` names)",
                "chat-format": " given as a chat format (`chat_format=`)",
                "family-test": ' tested against a name (`"gemma" in name`, `.startswith(...)`)',
                "family-name": " given to a model-family keyword (`base_name=`, `model_family=`, `family=`)",
                "value": " written as a value (not a dict key, an `abbr=`/`name=` label or a label beside an id)",
            }.get(matcher.context or "", "")
            lines.append(f"String literals{where} matching `{matcher.regex.pattern}`")
        elif isinstance(matcher, TokenIds):
            lines.append("Integer literals given to: " + ", ".join(f"`{k}`" for k in matcher.keywords))
        elif isinstance(matcher, Dependency):
            lines.append("Packages: " + ", ".join(f"`{p}`" for p in matcher.packages))
        elif isinstance(matcher, Line):
            lines.append(f"Lines of {', '.join(matcher.files)} files matching `{matcher.regex.pattern}`")
        else:
            lines.append(_outbound(matcher))
    return lines


def _outbound(
    matcher: Assigns | Reads | HttpRequests | Options | Flags | BaseUrls | EngineAddresses | Commands,
) -> str:
    if isinstance(matcher, Assigns):
        return "Assignments to: " + ", ".join(f"`{p}`" for p in matcher.patterns)
    if isinstance(matcher, Reads):
        return "Reads of: " + ", ".join(f"`{p}`" for p in matcher.patterns)
    if isinstance(matcher, (HttpRequests, EngineAddresses)) and matcher.engines:
        engines = ", ".join(f"{name} (`{words.pattern}`)" for name, words in matcher.engines)
        what = (
            "HTTP requests without a route or with a probe route"
            if isinstance(matcher, HttpRequests)
            else "Server addresses given to URL settings, parameters and keywords"
        )
        return f"{what}, in a class or module named after an engine: {engines}"
    if isinstance(matcher, HttpRequests):
        route = f" on routes matching `{matcher.route.pattern}`" if matcher.route else ""
        return f"HTTP requests to {' or '.join(matcher.hosts)} hosts{route}"
    if isinstance(matcher, Options):
        return f"Option names in {matcher.vendor} code (dict keys, stores, pops): " + ", ".join(
            f"`{n}`" for n in matcher.names
        )
    if isinstance(matcher, Flags):
        beside = ", ".join(matcher.beside)
        return f"Flags of engine commands ({beside}) built in Python: " + ", ".join(
            f"`{n}`" for n in matcher.names
        )
    if isinstance(matcher, BaseUrls):
        return "Base URLs that the HTTP requests found by other rules are built on"
    return f"Commands started from Python matching `{matcher.regex.pattern}`"


def render_rule(rule: Rule) -> str:
    """One rule's page, in ruff's section order."""
    docs = rule.docs
    out = [f"# {rule.name} ({rule.code})", ""]
    out.append(
        f"Kind: `{rule.kind.value}` · Vendor: `{rule.vendor}` · Level: `{rule.level.value}` · Status: {rule.status}"
    )
    out += [
        "",
        _fix_label(rule),
        "",
        "## What it does",
        "",
        docs.what,
        "",
        "## Why migrate?",
        "",
        docs.why,
        "",
    ]
    if docs.example:
        out += ["## Example", "", "```python", docs.example, "```", ""]
    if docs.use_instead:
        out += ["Use instead:", "", "```python", docs.use_instead, "```", ""]
    out += _fix_section(rule)
    if docs.fix_safety:
        out += ["## Fix safety", "", docs.fix_safety, ""]
    if rule.effort_driver:
        out += ["## Effort", "", f"Counted by the estimator as `{rule.effort_driver}`.", ""]
    matches = _matches(rule)
    if matches:
        out += ["## What it matches", "", *[f"- {line}" for line in matches], ""]
    out += [
        "## Suppression",
        "",
        f'`# sovmigrate: ignore[{rule.code}]` on the line, or `ignore = ["{rule.code}"]` in `[tool.sovmigrate]`.',
        "",
    ]
    if docs.references:
        out += ["## References", "", *[f"- {ref}" for ref in docs.references], ""]
    return "\n".join(out)


def render_index() -> str:
    """The table of all rules."""
    out = [
        "# Rules",
        "",
        "Generated from the rule catalog (`sovmigrate/rules/`). Codes are stable and never reused.",
        "",
        "| code | name | kind | vendor | fix |",
        "|---|---|---|---|---|",
    ]
    for rule in CATALOG:
        fix = rule.fix.value + (f" ({rule.fix_safety.value})" if rule.fix_safety is not None else "")
        out.append(
            f"| [{rule.code}]({rule.code}.md) | {rule.name} | {rule.kind.value} | {rule.vendor} | {fix} |"
        )
    return "\n".join(out) + "\n"


def write_docs(directory: Path) -> list[Path]:
    """Write every rule page and the index into ``directory``; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for rule in CATALOG:
        path = directory / f"{rule.code}.md"
        path.write_text(render_rule(rule), encoding="utf-8")
        written.append(path)
    index = directory / "README.md"
    index.write_text(render_index(), encoding="utf-8")
    return [*written, index]


if __name__ == "__main__":  # pragma: no cover
    for written_path in write_docs(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rules")):
        print(written_path)
