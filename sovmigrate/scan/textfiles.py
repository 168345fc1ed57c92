"""Analyse non-Python files line by line: dependency manifests, Dockerfiles, YAML/TOML/.env configs."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sovmigrate.rules import Dependency, Kind, Line, Rule, get_rule
from sovmigrate.rules.configkeys import ONE_SITE_PER_FILE, ONE_SITE_PER_SCRIPT
from sovmigrate.rules.deploy import BARE_ARGUMENTS_START, ENGINE_ARGUMENTS_RULE
from sovmigrate.rules.idvalues import CONFIG_KEY_RULES
from sovmigrate.rules.literals import CHAT_TEMPLATE_EVIDENCE
from sovmigrate.rules.manifests import (
    ENGINE_CLI,
    ENGINE_CLONE_RULE,
    ENGINE_DEPENDENCY_RULE,
    ENGINE_EXTRA,
    IMAGE_BUILDER_BASES,
    IMAGE_BUILDER_COMMANDS,
    IMAGE_BUILDER_PACKAGES,
    ROUTER_ALIAS_KEY,
    ROUTER_PARAMS_KEY,
    SOURCE_BUILD,
)
from sovmigrate.scan.confignames import without_names
from sovmigrate.scan.matching import CompiledCatalog

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_REQUIREMENT = re.compile(r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@ ]|$)")
_QUOTED = re.compile(r"[\"']([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@ ][^\"']*)?[\"']")
_EGG = re.compile(r"[#&]egg=(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)")
_KEY = re.compile(r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*=")
_SECTION = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*$")
_PEP621_SECTIONS = ("project", "project.optional-dependencies", "dependency-groups", "build-system")


@dataclass(frozen=True)
class LineFinding:
    rule: Rule
    line: int
    column: int  # 0-based
    end_column: int
    api: str


class MalformedFile(ValueError):
    """The file does not parse in its own format (its lines are still scanned)."""


def analyse_text(text: str, kind: str, catalog: CompiledCatalog) -> tuple[list[LineFinding], str | None]:
    """Findings in a non-Python file, and a parse problem to report (or ``None``).

    Comments are not read (an engine named in a YAML or Dockerfile comment is not a finding), ``echo`` and
    ``printf`` lines are messages (only model ids count there), and one model id on a line is one finding.
    """
    problem = _validate(text, kind)
    if kind == "web":
        text = "" if _minified(text) else without_web_comments(text)
    lines = text.splitlines()
    findings = list(_dependencies(lines, kind, catalog))
    if kind == "requirements":
        findings = _without_transitive_pins(findings, lines)
    file_kind = _LINE_KIND.get(kind, kind)
    findings.extend(_pip_installs(lines, file_kind, catalog))
    matchers = sorted(
        ((matcher, rule) for matcher, rule in catalog.lines if file_kind in matcher.files),
        key=lambda m: m[0].last,
    )
    parented = [(matcher, rule) for matcher, rule in matchers if matcher.parent is not None]
    previous = ""
    for number, raw in enumerate(lines, start=1):
        line = code_part(raw, file_kind)
        if line.strip():
            active = _with_parents(lines, number, line, matchers, parented) if parented else matchers
            found = _urls_in_requests(list(line_findings(number, line, active)))
            found.extend(_continued_findings(number, previous, line, found, matchers))
            found.extend(_swept_findings(number, line, found, matchers))
            if file_kind == "yaml":
                found.extend(_nested_model_findings(lines, number, line, found, matchers))
            elif file_kind == "json":
                found.extend(_setting_value_findings(lines, number, line, found, matchers))
                found.extend(_variable_default_findings(lines, number, line, found, matchers))
            findings.extend(found)
            previous = line
    findings = (
        _without_generic_template(findings, text)
        if file_kind == "template"
        else _one_site_per_install(findings, lines)
    )
    findings = _one_site_per_command(findings, lines, file_kind)
    findings = _one_site_per_file(findings, lines, file_kind)
    findings = _without_unbuilt_clones(findings, text)
    if file_kind == "yaml":
        findings = _without_router_aliases(findings, lines)
        findings.extend(_sibling_model_keys(findings, lines))
    return _one_template_per_value_of(findings, lines, file_kind), problem


_TABLE_KEY = re.compile(
    r"^(?P<indent>[ \t]*)[\"']?(?P<key>(?P<family>[a-z][a-z0-9]*)(?:-[a-z0-9][a-z0-9.]*)+)[\"']?:"
)


def _sibling_model_keys(findings: list[LineFinding], lines: list[str]) -> list[LineFinding]:
    """Keys of a per-model table beside a key a rule reported, of the same family word and indentation under the
    same parent (`deepseek-reasoner:` beside `deepseek-chat:`)."""
    reported = {f.line: f for f in findings if f.rule.code in CONFIG_KEY_RULES}
    tables: dict[tuple[str, str, str], LineFinding] = {}
    for number, finding in reported.items():
        key = _TABLE_KEY.match(lines[number - 1])
        if key is not None:
            indent = key.group("indent")
            tables[(_parent_line(lines, number, len(indent)), indent, key.group("family"))] = finding
    extra = []
    for number, line in enumerate(lines, start=1):
        key = _TABLE_KEY.match(line)
        if key is None or number in reported:
            continue
        indent = key.group("indent")
        table = tables.get((_parent_line(lines, number, len(indent)), indent, key.group("family")))
        if table is not None:
            extra.append(LineFinding(table.rule, number, key.start("key"), key.end("key"), key.group("key")))
    return extra


# What a web source shows or explains, never a setting: comments (`// ...`, `/* ... */`, HTML's `<!-- ... -->`) and
# hints to the user (`placeholder="https://openrouter.ai/api/v1"`, `title=`, `alt=`); strings are kept.
_WEB_TOKEN = re.compile(
    r"""(?P<keep>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`)"""
    r"|(?P<comment>(?<![:\\])//[^\n]*|/\*.*?(?:\*/|\Z)|<!--.*?(?:-->|\Z)"
    r"""|\b(?:placeholder|title|alt|aria-label)\s*=\s*(?:"[^"\n]*"|'[^'\n]*'))""",
    re.DOTALL,
)
# A built bundle: some line longer than anything written by hand.
_BUNDLE_LINE = 1000


def without_web_comments(text: str) -> str:
    """``text`` with its comments and hints blanked (same lines and columns for what is kept)."""
    return _WEB_TOKEN.sub(lambda m: m.group() if m.group("keep") else re.sub(r"[^\n]", " ", m.group()), text)


def _minified(text: str) -> bool:
    return any(len(line) > _BUNDLE_LINE for line in text[:200_000].splitlines())


def _without_unbuilt_clones(findings: list[LineFinding], text: str) -> list[LineFinding]:
    """An engine's repository cloned in a file that builds nothing from source is read, not installed."""
    if not any(f.rule.code == ENGINE_CLONE_RULE for f in findings) or SOURCE_BUILD.search(text):
        return findings
    return [f for f in findings if f.rule.code != ENGINE_CLONE_RULE]


def _one_template_per_value_of(
    findings: list[LineFinding], lines: list[str], file_kind: str
) -> list[LineFinding]:
    """Names in YAML/JSON dropped, then one chat-template site per multi-line value of the file's kind."""
    if file_kind in ("yaml", "json"):
        findings = without_names(findings, lines, file_kind)
    if file_kind == "template":  # a prompt-template file is one site (Llama Guard mixes two families' markup)
        findings = _one_template_per_value(findings, lines, lambda _lines, _number: 1)
    elif file_kind == "yaml":  # a template in a YAML value is one site
        findings = _one_template_per_value(findings, lines, _value_start)
    elif file_kind == "modelfile":  # a `TEMPLATE """..."""` instruction is one site
        findings = _one_template_per_value(findings, lines, _instruction_start)
    return findings


def _without_router_aliases(findings: list[LineFinding], lines: list[str]) -> list[LineFinding]:
    """Drop the model-id findings on a router's alias (`- model_name: x` in a list item with `litellm_params:`)."""
    return [
        finding
        for finding in findings
        if finding.rule.kind is not Kind.MODEL_ID or not _is_router_alias(lines, finding.line)
    ]


def _is_router_alias(lines: list[str], number: int) -> bool:
    alias = ROUTER_ALIAS_KEY.match(lines[number - 1])
    if alias is None:
        return False
    column = len(alias.group("item"))
    first = next((above for above in range(number, 0, -1) if _item_start(lines[above - 1], column)), 0)
    for offset, text in enumerate(lines[first - 1 : first + 40] if first else ()):
        if offset and (_item_start(text, column) or (text.strip() and _indent(text) < column)):
            return False
        if _indent(text) == column and ROUTER_PARAMS_KEY.match(text):
            return True
    return False


def _item_start(text: str, column: int) -> bool:
    """``text`` starts a YAML list item whose keys sit at ``column``."""
    return text.lstrip().startswith("- ") and _indent(text) == column


def _indent(text: str) -> int:
    stripped = text.lstrip()
    return len(text) - len(stripped) + (2 if stripped.startswith("- ") else 0)


_BLOCK_SCALAR = re.compile(r""":\s*(?:[|>][-+]?\d*|["'][^"']*)\s*$""")


def _one_template_per_value(
    findings: list[LineFinding], lines: list[str], value_start: Callable[[list[str], int], int]
) -> list[LineFinding]:
    """Keep the first chat-template finding in a value spread over several lines: one template, one site.

    In YAML, the lines of a block scalar (``key: >`` or ``key: |``) or of an open quoted value belong to the key
    line above them with less indentation; in a Modelfile, to the instruction above them.
    """
    kept, seen = [], set()
    for finding in findings:
        if finding.rule.kind is Kind.PROMPT_FORMAT:
            key = value_start(lines, finding.line)
            if key in seen:
                continue
            seen.add(key)
        kept.append(finding)
    return kept


def _value_start(lines: list[str], number: int) -> int:
    """The line (1-based) where the YAML value holding line ``number`` starts."""
    indent = len(lines[number - 1]) - len(lines[number - 1].lstrip())
    for above in range(number - 1, 0, -1):
        text = lines[above - 1]
        if not text.strip():
            continue
        if len(text) - len(text.lstrip()) < indent:
            return above if _BLOCK_SCALAR.search(text.split(" #", 1)[0]) else number
    return number


_INSTRUCTION = re.compile(
    r"^(?:FROM|TEMPLATE|SYSTEM|PARAMETER|ADAPTER|LICENSE|MESSAGE|REQUIRES)\b", re.IGNORECASE
)


def _instruction_start(lines: list[str], number: int) -> int:
    """The line (1-based) of the Modelfile instruction that line ``number`` is part of."""
    for above in range(number, 0, -1):
        if _INSTRUCTION.match(lines[above - 1]):
            return above
    return number


def line_findings(number: int, line: str, matchers: list[tuple[Line, Rule]]) -> Iterator[LineFinding]:
    model_spans: list[tuple[int, int, str]] = []
    config_seen = False  # one configuration setting per line (`url: ${env.VLLM_URL:http://...}` is one site)
    for matcher, rule in matchers:
        is_model = rule.kind is Kind.MODEL_ID
        if config_seen and rule.kind is Kind.CONFIG:
            continue
        for match in matcher.regex.finditer(line):
            start, end = _api_span(match)
            if not is_model and _in_message(line, start):
                continue
            if is_model and _overlaps(model_spans, start, end, line[start:end]):
                continue
            if is_model:
                model_spans.append((start, end, line[start:end]))
            config_seen = config_seen or rule.kind is Kind.CONFIG
            shown = line[start:end] if rule.kind is Kind.PROMPT_FORMAT else _tidy(line[start:end])
            yield LineFinding(rule, number, start, end, shown)
            if rule.kind in (Kind.CONFIG, Kind.PROMPT_FORMAT):
                break


# A flag whose value is on the next line: a YAML or JSON list item (`- --model` / `"--model",`) or a shell
# line ending in the flag and a backslash. Kubernetes' `- name: MODEL_ID` has its value on the next `value:` line.
_FLAG_ALONE = re.compile(
    r"""^\s*(?:-\s+)?["']?(?P<flag>--?[A-Za-z][\w-]*)["']?\s*,?\s*\\?\s*$|\s(?P<tail>--?[A-Za-z][\w-]*)\s+\\\s*$"""
)
# An environment list's entry: Kubernetes' `- name: MODEL_ID` / `value: ...`, Render's `- key: LLM_MODEL` / `value:`.
_ENV_NAME = re.compile(r"""^\s*(?:-\s+)?(?:name|key):\s*["']?(?P<name>[A-Za-z_][\w]*)["']?\s*$""")
_LIST_VALUE = re.compile(r"""^\s*(?:-\s+)?["']?(?=[^\s"'-])""")
_ENV_VALUE = re.compile(r"""^\s*value:\s*["']?""")


def _urls_in_requests(found: list[LineFinding]) -> list[LineFinding]:
    """A server address inside a request (`curl http://vllm:8000/v1/chat/completions`) is part of that request."""
    requests = [(f.column, f.end_column) for f in found if f.rule.kind is Kind.INFERENCE]
    return [
        f
        for f in found
        if f.rule.kind is not Kind.CONFIG or not any(s <= f.column and f.end_column <= e for s, e in requests)
    ]


# `model:` / `models:` / `base_model:` holding the model's `path:`, `name:` or `id:` one level down (verl, InstructLab).
# A plain key in a model block (`tag:` is BentoML's), or a bare list item with an id's `/`, `:`, `.` or `-`
# (`models:` / `  - "Qwen/Qwen2.5-7B"`; NeMo Guardrails' `models:` / `- hf_pipeline_llama2_13b` names an engine entry).
_NESTED_KEY = re.compile(
    r"""^(?P<indent>\s*(?:-\s+)?)(?:(?:path|name|id|repo|repo_id|pretrained|name_or_path|tag)\s*:\s*|(?<=-\s)(?![\w.-]+\s*:(?:\s|$))(?=["']?[\w.~]*[/:.-]))["']?"""
)
# `models:`, `base_model:`, llm-d Helm values' `modelArtifacts:`
_MODEL_PARENT = re.compile(r"^\s*(?:-\s+)?(?:[\w-]+[._])?(?:models?|modelArtifacts)\s*:\s*(?:#.*)?$")


def _nested_model_findings(
    lines: list[str], number: int, line: str, found: list[LineFinding], matchers: list[tuple[Line, Rule]]
) -> Iterator[LineFinding]:
    """A model named by a plain key inside a model block: `model:` / `  path: ~/models/deepseek-llm-7b-chat`."""
    key = _NESTED_KEY.match(line)
    if key is None or any(f.rule.kind is Kind.MODEL_ID for f in found):
        return
    if _MODEL_PARENT.match(_parent_line(lines, number, len(key.group("indent")))):
        yield from _shifted(number, "model: ", line, key.end(), found, matchers)


# A deployment template's variable with its default or value one level down (Railway's and other templates'
# `"LLM_MODEL": {"description": ..., "default": "openai/gpt-4o-mini"}`): read as `LLM_MODEL=<value>`.
_VARIABLE_DEFAULT = re.compile(r'^\s*"(?:default|value|defaultValue)"\s*:\s*"')
_VARIABLE_PARENT = re.compile(r"""^\s*"(?P<name>[A-Za-z_]\w*)"\s*:\s*\{\s*$""")


def _variable_default_findings(
    lines: list[str], number: int, line: str, found: list[LineFinding], matchers: list[tuple[Line, Rule]]
) -> Iterator[LineFinding]:
    """The model a JSON variable's default names, as the variable's own setting would (`LLM_MODEL=...`)."""
    value = _VARIABLE_DEFAULT.match(line)
    if value is None or any(f.rule.kind is Kind.MODEL_ID for f in found):
        return
    parent = _VARIABLE_PARENT.match(_parent_line(lines, number, len(line) - len(line.lstrip())))
    if parent is not None:
        yield from _shifted(number, f"{parent.group('name')}=", line, value.end(), found, matchers)


# A settings file's entry for a model (`"llm.model": {..., "value": "gpt-4o"}`) and the choices it offers
# (`"options": [{"label": "GPT-4o", "value": "gpt-4o"}]`): the `"value"` under a key naming a model, up to three
# levels up in pretty-printed JSON.
_SETTING_VALUE = re.compile(r'^\s*"value"\s*:\s*(?=")')
_MODEL_SETTING = re.compile(
    r'^\s*"(?:[\w-]+\.)*(?:[\w-]+_)?(?:model|llm|model_name|model_id)"\s*:\s*[{\[]\s*$'
)


def _setting_value_findings(
    lines: list[str], number: int, line: str, found: list[LineFinding], matchers: list[tuple[Line, Rule]]
) -> Iterator[LineFinding]:
    """A model setting's value in a JSON settings file, read as a model key's."""
    value = _SETTING_VALUE.match(line)
    if value is None or any(f.rule.kind is Kind.MODEL_ID for f in found):
        return
    above, column = number, len(line) - len(line.lstrip())
    for _ in range(3):
        parent = _parent_line(lines, above, column)
        if not parent:
            return
        if _MODEL_SETTING.match(parent):
            yield from _shifted(number, '"model": ', line, value.end(), found, matchers)
            return
        above = next(i for i in range(above - 1, 0, -1) if lines[i - 1] == parent)
        column = len(parent) - len(parent.lstrip())


def _with_parents(
    lines: list[str],
    number: int,
    line: str,
    matchers: list[tuple[Line, Rule]],
    parented: list[tuple[Line, Rule]],
) -> list[tuple[Line, Rule]]:
    """The matchers of a line, without those whose required parent key (`model:` over `type: llama`) is not its."""
    if not any(matcher.regex.search(line) for matcher, _ in parented):
        return matchers
    stripped = line.lstrip()
    parent = _parent_line(lines, number, len(line) - len(stripped) + (2 if stripped.startswith("- ") else 0))
    return [(m, r) for m, r in matchers if m.parent is None or m.parent.search(parent)]


def _swept_findings(
    number: int, line: str, found: list[LineFinding], matchers: list[tuple[Line, Rule]]
) -> Iterator[LineFinding]:
    """The other models of a comma-separated list after a model setting (a Hydra sweep: `backend.model: a,b`)."""
    seen = list(found)
    for finding in [f for f in found if f.rule.kind is Kind.MODEL_ID]:
        end = finding.end_column
        while end < len(line) and line[end] == ",":
            following = next(
                (
                    f
                    for f in _shifted(number, "model: ", line, end + 1, seen, matchers)
                    if f.column == end + 1
                ),
                None,
            )
            if following is None:
                break
            seen.append(following)
            yield following
            end = following.end_column


def _parent_line(lines: list[str], number: int, column: int) -> str:
    """The nearest line above ``number`` whose key starts left of ``column`` (after a list item's dash)."""
    for above in range(number - 1, 0, -1):
        text = lines[above - 1]
        stripped = text.lstrip()
        if stripped and not stripped.startswith("#"):
            key_column = len(text) - len(stripped) + (2 if stripped.startswith("- ") else 0)
            if key_column < column:
                return text
    return ""


def _continued_findings(
    number: int, previous: str, line: str, found: list[LineFinding], matchers: list[tuple[Line, Rule]]
) -> Iterator[LineFinding]:
    """Model settings split over two lines: the previous line's flag or variable name with this line's value."""
    flag, name = _FLAG_ALONE.search(previous), _ENV_NAME.match(previous)
    value = _LIST_VALUE.match(line) if flag else _ENV_VALUE.match(line) if name else None
    if value is None:
        return
    prefix = f"{flag.group('flag') or flag.group('tail')} " if flag else f"{name.group('name')}="
    yield from _shifted(number, prefix, line, value.end(), found, matchers)


def _shifted(
    number: int,
    prefix: str,
    line: str,
    start: int,
    found: list[LineFinding],
    matchers: list[tuple[Line, Rule]],
) -> Iterator[LineFinding]:
    """Model findings of ``line[start:]`` read as if ``prefix`` stood before it, at their columns in ``line``."""
    shift = start - len(prefix)
    spans = [
        (f.column, f.end_column, line[f.column : f.end_column]) for f in found if f.rule.kind is Kind.MODEL_ID
    ]
    for finding in line_findings(number, prefix + line[start:], matchers):
        begin, end = finding.column + shift, finding.end_column + shift
        if (
            finding.rule.kind is Kind.MODEL_ID
            and begin >= start
            and not _overlaps(spans, begin, end, line[begin:end])
        ):
            yield LineFinding(finding.rule, number, begin, end, finding.api)


def _overlaps(spans: list[tuple[int, int, str]], start: int, end: int, text: str) -> bool:
    """A model id already reported over this span, or the same file again (`COPY ./model.bin /app/model.bin`)."""
    name = _basename(text)
    return any((s < end and start < e) or _basename(seen) == name for s, e, seen in spans)


def _basename(text: str) -> str:
    return text.rstrip("/").rsplit("/", 1)[-1].lower()


def _api_span(match: re.Match[str]) -> tuple[int, int]:
    """The span of the ``api`` group, or of the first other named group that took part in the match."""
    groups = match.groupdict()
    if groups.get("api") is not None:
        return match.span("api")
    name = next((name for name, value in groups.items() if value is not None), None)
    return match.span(name) if name else match.span()


_MESSAGE = re.compile(r"(?:^|[\s:(])(?:echo|printf)\s")
_COMMAND_SEPARATORS = re.compile(r"&&|\|\||;|\|")


def _in_message(line: str, start: int) -> bool:
    """Whether ``start`` lies in the arguments of an ``echo``/``printf`` of its command (a message, not a command)."""
    command = _COMMAND_SEPARATORS.split(line[:start])[-1]
    return _MESSAGE.search(command) is not None


# Kinds whose comments start with `#` (at the start of a line, or after whitespace outside quotes).
_HASH_COMMENTS = frozenset(
    {"yaml", "toml", "env", "ini", "shell", "dockerfile", "conda", "requirements", "modelfile"}
)


def code_part(line: str, kind: str) -> str:
    """``line`` without its comment (same columns for what is kept)."""
    if kind not in _HASH_COMMENTS:
        return line
    if kind == "ini" and line.lstrip().startswith(";"):
        return ""
    if kind == "modelfile":  # a `#` inside a TEMPLATE is the template's
        return "" if line.lstrip().startswith("#") else line
    quote = ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'" and kind != "dockerfile":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[:index]
    return line


_INSTALL = re.compile(r"(?:\bpython3?\s+-m\s+)?\b(?:pip3?|uv\s+pip)\s+install\b")
_INSTALL_END = re.compile(r"&&|\|\||;|\|")
_INSTALL_TOKEN = re.compile(r"[^\s\"'`]+")
_INSTALL_PACKAGE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# `git+https://github.com/HabanaAI/vllm-fork.git@v0.5.3`, `https://host/pkg.git#egg=name`: the egg, or the repository.
_REMOTE_PACKAGE = re.compile(
    r"^(?:git\+)?(?:https?|ssh|git)://[^#@\s]*/(?P<repo>[A-Za-z0-9][\w.-]*?)(?:\.git)?(?:[@#]|$)"
)
# pip options that take a value (the next word is not a package).
_VALUE_OPTIONS = frozenset(
    {
        "-r",
        "-c",
        "-e",
        "-i",
        "-f",
        "-t",
        "--requirement",
        "--constraint",
        "--editable",
        "--index-url",
        "--extra-index-url",
        "--find-links",
        "--target",
        "--prefix",
        "--root",
        "-C",
        "--config-settings",
    }
)


def _pip_installs(lines: list[str], kind: str, catalog: CompiledCatalog) -> Iterator[LineFinding]:
    """Engine packages installed by ``pip install`` in Dockerfiles, shell scripts and CI YAML (continued lines too)."""
    if kind not in ("dockerfile", "shell", "yaml"):
        return
    continued = False
    for number, raw in enumerate(lines, start=1):
        line = code_part(raw, kind)
        install = _INSTALL.search(line)
        if install is None and not continued:
            continue
        start = install.end() if install else 0
        end_match = _INSTALL_END.search(line, start)
        segment_end = end_match.start() if end_match else len(line)
        yield from _install_tokens(number, line, start, segment_end, catalog)
        continued = end_match is None and line.rstrip().endswith("\\")


def _install_tokens(
    number: int, line: str, start: int, end: int, catalog: CompiledCatalog
) -> Iterator[LineFinding]:
    skip_next = False
    for token in _INSTALL_TOKEN.finditer(line, start, end):
        word = token.group(0)
        if skip_next or word.startswith(("-", "$", "\\")):
            skip_next = word in _VALUE_OPTIONS
            continue
        package, offset = _package_in(word)
        rule = catalog.dependency_rule(package) if package else None
        if rule is not None:
            start = token.start() + offset
            yield LineFinding(rule, number, start, start + len(package), package)


def _package_in(word: str) -> tuple[str, int]:
    """The package a ``pip install`` argument names, and where it starts (``""`` when none)."""
    remote = _EGG.search(word) or _REMOTE_PACKAGE.match(word)
    if remote:
        return remote.group(remote.lastgroup or 0), remote.start(remote.lastgroup or 0)
    name = _INSTALL_PACKAGE.match(word)
    return (name.group(0), 0) if name else ("", 0)


def _tidy(text: str, limit: int = 120) -> str:
    """One line of config as a readable API string: no quotes or list brackets, at most ``limit`` chars."""
    words = re.sub(r"[\"'\[\],]", " ", text).split()
    tidy = " ".join(words)
    return tidy if len(tidy) <= limit else tidy[: limit - 1] + "…"


_LINE_KIND = {"pyproject": "toml", "pipfile": "toml", "conda": "yaml", "setupcfg": "ini"}


def _validate(text: str, kind: str) -> str | None:
    try:
        if kind in ("pyproject", "pipfile", "toml"):
            tomllib.loads(text)
        elif kind == "json":
            json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        return str(exc)
    return None


def _dependencies(lines: list[str], kind: str, catalog: CompiledCatalog) -> Iterator[LineFinding]:
    if kind == "yaml":
        yield from _packager_requirements(lines, catalog)
        return
    section = key = ""
    own = _project_name(lines) if kind == "pyproject" else ""
    for number, raw in enumerate(lines, start=1):
        line = code_part(raw, _LINE_KIND.get(kind, kind)) if kind != "requirements" else raw.split("#", 1)[0]
        header = _SECTION.match(line)
        if header and kind in ("pyproject", "pipfile", "setupcfg", "toml"):
            section, key = _pep621_alias(header.group(1).strip().strip('"')), ""
            continue
        assigned = (
            _KEY.match(line)
            if kind == "pyproject" or (kind == "setupcfg" and not raw[:1].isspace())
            else None
        )
        key = assigned.group("name") if assigned else key  # a multi-line array keeps the key it started under
        if section == "project" and key != "dependencies" and not key.startswith("optional-dependencies."):
            continue  # keywords, classifiers, urls: words, not requirements
        names = [
            (n, column) for n, column in _section_names(line, raw, kind, section, key) if _normalise(n) != own
        ]  # not the project itself: `vllm[audio]` in vllm's
        yield from _requirements(number, line, names, catalog, _extras_group(kind, section, key))


# A serving packager's list of pip requirements in its YAML config: truss `requirements:`, Cog's
# `build: python_packages:`, BentoML's `python: packages:` (their documented schemas).
_PACKAGER_LIST = re.compile(
    r"^(?:\s*(?:requirements|python_packages|python_requirements|pip_packages|pip_requirements)|\s+packages)\s*:\s*$"
)
_PACKAGER_ITEM = re.compile(r"^(?P<indent>\s*)-\s+[\"']?(?=[A-Za-z0-9])")


# Hatch's dynamic-metadata hooks declare the project's dependencies and extras in tables of their own
# (`[tool.hatch.metadata.hooks.uv-dynamic-versioning.optional-dependencies]`): read them as PEP 621's.
_METADATA_HOOK = re.compile(r"^tool\.hatch\.metadata\.hooks\.[\w.-]+?(?P<extras>\.optional-dependencies)?$")


def _pep621_alias(section: str) -> str:
    """The PEP 621 table a pyproject section stands for (``section`` itself when it is no metadata hook's)."""
    hook = _METADATA_HOOK.match(section)
    if hook is None:
        return section
    return "project.optional-dependencies" if hook.group("extras") else "project"


def _packager_requirements(lines: list[str], catalog: CompiledCatalog) -> Iterator[LineFinding]:
    """Engine packages in a YAML list of pip requirements (`requirements:` / `  - vllm[audio]==0.9`)."""
    for number, raw in enumerate(lines, start=1):
        line = code_part(raw, "yaml")
        item = _PACKAGER_ITEM.match(line)
        if item and _PACKAGER_LIST.match(_parent_line(lines, number, len(item.group("indent")) + 1)):
            start = item.end()
            names = [(n, start + column) for n, column in _first(_REQUIREMENT.match(line[start:]))]
            yield from _requirements(number, line, names, catalog)


def _section_names(line: str, raw: str, kind: str, section: str, key: str) -> Iterator[tuple[str, int]]:
    if kind == "pyproject" and section == "tool.uv" and key in _UV_REQUIREMENT_LISTS:
        yield from ((m.group(1), m.start(1)) for m in _QUOTED.finditer(line))
    elif kind == "toml":  # `[cerebrium.dependencies.pip]`, `[dependencies]`: one package per key
        match = _KEY.match(line) if _PACKAGE_TABLE.search(section) else None
        if match:
            yield match.group("name"), match.start("name")
    else:
        yield from _names(line, raw, kind, section)


_VIA = re.compile(r"^\s+#\s+via\b\s*(?P<first>\S.*)?$")
_VIA_ENTRY = re.compile(r"^\s+#\s{2,}(?P<entry>\S.*)$")


def _without_transitive_pins(findings: list[LineFinding], lines: list[str]) -> list[LineFinding]:
    """Drop the findings of declared-only packages on a lock file's transitive pins (``# via`` other packages only)."""
    return [f for f in findings if not (_declared_only(f.rule) and _is_transitive(lines, f.line))]


def _declared_only(rule: Rule) -> bool:
    return any(isinstance(matcher, Dependency) and matcher.declared_only for matcher in rule.matchers)


def _is_transitive(lines: list[str], number: int) -> bool:
    """Whether the pin on line ``number`` is there for other packages only (none of its ``# via`` is ``-r``)."""
    via = _VIA.match(lines[number]) if number < len(lines) else None
    if via is None:
        return False
    entries = [via.group("first")] if via.group("first") else []
    for line in lines[number + 1 :]:
        entry = _VIA_ENTRY.match(line)
        if entry is None:
            break
        entries.append(entry.group("entry"))
    return bool(entries) and not any(e.startswith("-r") for e in entries)


def _extras_group(kind: str, section: str, key: str) -> str:
    """The extras group a requirement line belongs to (``""`` outside one)."""
    if kind == "pyproject" and section == "project":
        return key.removeprefix("optional-dependencies.") if key.startswith("optional-dependencies.") else ""
    if (kind, section) in (
        ("pyproject", "project.optional-dependencies"),
        ("setupcfg", "options.extras_require"),
    ):
        return key
    return ""


def _requirements(
    number: int, line: str, names: list[tuple[str, int]], catalog: CompiledCatalog, group: str = ""
) -> Iterator[LineFinding]:
    """Engine packages, and packages installed with only engines' extras (`semantic-kernel[ollama]`)."""
    for name, column in names:
        rule = catalog.dependency_rule(name, group.strip("\"' "))
        if rule is not None:
            yield LineFinding(rule, number, column, column + len(name), name)
            continue
        extras = _EXTRAS.match(line, column + len(name))
        rule = _engine_extra(extras.group(1), catalog, name) if extras else None
        if (
            rule is not None
        ):  # `pkg[ollama]`, `pkg[google,hugging_face,ollama]`: it installs an engine's client
            yield LineFinding(
                rule, number, column, extras.end(), line[column : extras.end()].replace(" ", "")
            )


def _engine_extra(extras: str, catalog: CompiledCatalog, package: str) -> Rule | None:
    """The rule of the first extra that installs an engine or vendor client (``None`` when none does): one the
    catalog names with its package (``optimum[onnxruntime]``), a package of its own, or an engine's name."""
    for extra in (e.strip() for e in extras.split(",") if e.strip()):
        rule = catalog.dependency_rule(f"{package}[{extra}]") or catalog.dependency_rule(extra)
        if rule is None and ENGINE_EXTRA.fullmatch(extra):
            rule = get_rule(ENGINE_DEPENDENCY_RULE)
        if rule is not None:
            return rule
    return None


def _project_name(lines: list[str]) -> str:
    """The ``[project]`` name of a pyproject.toml, normalised (``""`` when it has none)."""
    section = ""
    for line in lines:
        header = _SECTION.match(line)
        if header:
            section = header.group(1).strip()
        elif section == "project" and (name := _PROJECT_NAME.match(line)):
            return _normalise(name.group(1))
    return ""


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


_PROJECT_NAME = re.compile(r"""^\s*name\s*=\s*["']([^"']+)["']""")
_EXTRAS = re.compile(r"\s*\[([^\]]*)\]")
_PACKAGE_TABLE = re.compile(r"(?:^|\.)(?:dependencies|dev-dependencies|packages)(?:\.pip)?$")
# uv's requirement lists in `[tool.uv]`: what they pin is installed like a dependency.
_UV_REQUIREMENT_LISTS = frozenset({"override-dependencies", "constraint-dependencies", "dev-dependencies"})
_SCRIPT_BLOCK = re.compile(r"^# /// script\s*$(?P<body>.*?)^# ///\s*$", re.MULTILINE | re.DOTALL)
_INDEX_OPTION = re.compile(
    r"^\s*(?:--extra-index-url|--index-url|-i|--find-links|-f)[\s=]+\S*?/(?P<name>[A-Za-z0-9][\w.-]*)/"
)


def script_dependencies(text: str, catalog: CompiledCatalog) -> Iterator[LineFinding]:
    """Engine packages in a script's inline metadata (PEP 723 ``# /// script`` ... ``dependencies = [...]``)."""
    block = _SCRIPT_BLOCK.search(text)
    if block is None:
        return
    first = text.count("\n", 0, block.start("body")) + 2  # the line after `# /// script`
    for offset, line in enumerate(block.group("body").splitlines()[1:]):
        for match in _QUOTED.finditer(line):
            rule = catalog.dependency_rule(match.group(1))
            if rule is not None:
                yield LineFinding(rule, first + offset, match.start(1), match.end(1), match.group(1))


_TRIPLE_QUOTED = re.compile(
    r"""(?:(?<!\w)[rRbBuUfF]{1,2})?(?P<quote>\"\"\"|\'\'\')(?P<body>.*?)(?P=quote)""", re.DOTALL
)
_YAML_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[\w.-]+:(?:\s|$)", re.MULTILINE)
_SHEBANG = re.compile(r"^\s*#!\S*(?:sh|bash)\b")
_DOCKERFILE = re.compile(r"^\s*FROM\s+\S+.*\n(?:.*\n)*?\s*(?:RUN|CMD|ENTRYPOINT|COPY|ENV)\s", re.MULTILINE)
# What the text of each kind reports there: engine settings and model ids; a script or Dockerfile also installs.
_EMBEDDED_KINDS = {
    "yaml": (Kind.CONFIG, Kind.MODEL_ID),
    "shell": (Kind.CONFIG, Kind.MODEL_ID, Kind.DEPENDENCY),
    "dockerfile": (Kind.CONFIG, Kind.MODEL_ID, Kind.DEPENDENCY),
}


def embedded_config_findings(text: str, catalog: CompiledCatalog) -> Iterator[LineFinding]:
    """Engine settings, model ids and installs in a config, shell script or Dockerfile held in a Python string.

    Docstrings and other statement strings are documentation, not configuration: only a triple-quoted string that is
    assigned, passed or returned is read, as YAML when it has two ``key:`` lines or more, as a shell script after a
    ``#!`` line, as a Dockerfile from ``FROM`` and a ``RUN``/``CMD``...
    """
    for string in _TRIPLE_QUOTED.finditer(text):
        body = string.group("body")
        kind = _embedded_kind(body)
        if kind is None or not _is_value(text, string.start()):
            continue
        first_line = text.count("\n", 0, string.start("body"))
        first_column = string.start("body") - (text.rfind("\n", 0, string.start("body")) + 1)
        findings, _ = analyse_text(body, kind, catalog)
        for found in findings:
            if found.rule.kind in _EMBEDDED_KINDS[kind]:
                shift = first_column if found.line == 1 else 0
                yield LineFinding(
                    found.rule,
                    first_line + found.line,
                    found.column + shift,
                    found.end_column + shift,
                    found.api,
                )


def _embedded_kind(body: str) -> str | None:
    if _SHEBANG.match(body):
        return "shell"
    if _DOCKERFILE.match(body):
        return "dockerfile"
    return "yaml" if len(_YAML_KEY_LINE.findall(body)) >= 2 else None


def _is_value(text: str, start: int) -> bool:
    """Whether the string starting at ``start`` is a value (after ``=``, ``(``, ``,``, ``return``...), not a docstring."""
    before = text[:start].rstrip()
    line_start = text.rfind("\n", 0, start) + 1
    if _DOC_ASSIGNMENT.search(before):  # `__doc__ = r"""..."""`, `cls.__doc__ += """..."""`: a docstring
        return False
    if text[line_start:start].strip():  # `config = """...`, `f(x, """...`: something before it on its line
        return not before.endswith(":") or not _ends_a_block_header(text[line_start:start])
    return before.endswith(("=", "(", ",", "[", "{", "return", "+"))


_DOC_ASSIGNMENT = re.compile(r"\b__doc__\s*[+]?=$")


def _ends_a_block_header(prefix: str) -> bool:
    return prefix.lstrip().startswith(
        ("def ", "class ", "async def ", "if ", "else", "for ", "while ", "with ")
    )


# A list in setup.py: `install_requires=[`, `default = [`, `extras["pipeline-llm"] = [`, `"sglang": [`.
_SETUP_LIST = re.compile(
    r"""(?:\b(?P<name>\w+)(?:\[\s*["'](?P<group>[^"'\n]*)["']\s*\])?|["'](?P<key>[^"'\n]*)["'])\s*[=:]\s*[\[(]"""
)
# setup() lists of other things than requirements (`keywords=["llm", "ollama"]` names no dependency).
_NOT_REQUIREMENTS = frozenset(
    {
        "keywords",
        "classifiers",
        "packages",
        "py_modules",
        "scripts",
        "platforms",
        "entry_points",
        "package_data",
    }
    | {"data_files", "namespace_packages", "exclude", "include", "ext_modules", "cmdclass", "authors"}
)
# A whole requirement string: a name, extras, version specifiers and a marker (`"together"`, `"vllm>=0.6; ..."`);
# not an entry point (`"together = llm_together"`).
_WHOLE_REQUIREMENT = re.compile(
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*"
    r"(?:(?:===?|>=|<=|~=|!=|<|>)\s*[\w.*+!-]+(?:\s*,\s*(?:===?|>=|<=|~=|!=|<|>)\s*[\w.*+!-]+)*)?\s*(?:;.*)?"
)
_SETUP_STRING = re.compile(r"""(?P<quote>["'])(?P<text>[^"'\n]*)(?P=quote)(?P<key>\s*:)?""")


def setup_dependencies(text: str, catalog: CompiledCatalog) -> Iterator[LineFinding]:
    """Engine packages a ``setup.py`` lists: ``install_requires``, each extras group, the lists they are built from."""
    seen: set[int] = set()
    for found in _SETUP_LIST.finditer(text):
        if (found.group("name") or "").lower() in _NOT_REQUIREMENTS:
            continue
        group = found.group("group") or found.group("key") or ""
        for string in _SETUP_STRING.finditer(text, found.end(), _closing(text, found.end() - 1)):
            requirement = _WHOLE_REQUIREMENT.fullmatch(string.group("text"))
            if string.group("key") or requirement is None or string.start() in seen:
                continue
            seen.add(string.start())
            name = requirement.group("name")
            rule = catalog.dependency_rule(name, group.strip("\"' "))
            if rule is not None:
                start = string.start("text")
                line = text.count("\n", 0, start) + 1
                column = start - (text.rfind("\n", 0, start) + 1)
                yield LineFinding(rule, line, column, column + len(name), name)


_BUILDER_PARTS = {
    **{name: "requirement" for name in IMAGE_BUILDER_PACKAGES},
    **{name: "shell" for name in IMAGE_BUILDER_COMMANDS},
    **{name: "dockerfile" for name in IMAGE_BUILDER_BASES},
}
# A builder's method or keyword, then its opening: literal names first, so the pattern runs at memchr speed.
_BUILDER_CALL = re.compile(
    r"(?P<name>" + "|".join(sorted(_BUILDER_PARTS, key=len, reverse=True)) + r")\s*(?P<open>\(|=\s*[\[(\"'])"
)
# What a module that builds an image contains: few words, each scanned for once (`commands` covers `run_commands`).
_BUILDER_WORDS = tuple(
    word for word in _BUILDER_PARTS if not any(o != word and o in word for o in _BUILDER_PARTS)
)


def image_builder_findings(text: str, catalog: CompiledCatalog) -> Iterator[LineFinding]:
    """Engine packages, installs and engine images in a container image built in Python (Modal, Beam).

    ``modal.Image.debian_slim().pip_install("vllm==0.7.2")``: each string the method or keyword argument holds is
    a requirement, a shell command (``run_commands("pip install llama-cpp-python")``, whose installs count) or a
    base image (``from_registry("vllm/vllm-openai:v0.8.0")``).
    """
    if not any(word in text for word in _BUILDER_WORDS):
        return
    for call in _BUILDER_CALL.finditer(text):
        if _is_builder_call(text, call):
            opening = call.end() - 1
            end = (
                _closing(text, opening)
                if text[opening] in "(["
                else text.find(text[opening], opening + 1) + 1
            )
            part = _BUILDER_PARTS[call.group("name")]
            for string in _SETUP_STRING.finditer(text, opening, end):
                yield from _builder_string(text, string.start("text"), string.group("text"), part, catalog)


def _is_builder_call(text: str, call: re.Match[str]) -> bool:
    """A method call (`.pip_install(`) or a keyword argument (`python_packages=[`), not part of a longer name."""
    before = text[call.start() - 1] if call.start() else " "
    if call.group("open") == "(":
        return before == "."
    return not (before.isalnum() or before in "_.")


_BUILDER_KINDS = {"shell": (Kind.DEPENDENCY,), "dockerfile": (Kind.CONFIG,)}


def _builder_string(
    text: str, start: int, value: str, part: str, catalog: CompiledCatalog
) -> Iterator[LineFinding]:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1)
    if part == "requirement":
        requirement = _WHOLE_REQUIREMENT.fullmatch(value)
        name = requirement.group("name") if requirement else ""
        rule = catalog.dependency_rule(name) if name else None
        if rule is not None:
            yield LineFinding(rule, line, column, column + len(name), name)
        return
    prefix = "FROM " if part == "dockerfile" else ""
    found, _ = analyse_text(prefix + value, part, catalog)
    for finding in found:
        if finding.line == 1 and finding.rule.kind in _BUILDER_KINDS[part]:
            shift = column - len(prefix)
            yield LineFinding(
                finding.rule, line, finding.column + shift, finding.end_column + shift, finding.api
            )


def _closing(text: str, start: int) -> int:
    """The offset just past the bracket that closes the one at ``start`` (strings skipped)."""
    depth, quote = 0, ""
    for index in range(start, len(text)):
        char = text[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[{(":
            depth += 1
        elif char in "]})":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def _names(line: str, raw: str, kind: str, section: str) -> Iterator[tuple[str, int]]:
    """The package names a dependency line of a ``kind`` file declares in ``section``, with their columns."""
    reader = _DEPENDENCY_READERS.get(kind)
    return reader(line, raw, section) if reader else iter(())


def _requirements_names(line: str, raw: str, section: str) -> Iterator[tuple[str, int]]:
    stripped = line.strip()
    egg = _EGG.search(raw)
    if egg:
        yield egg.group("name"), egg.start("name")
    elif _INDEX_OPTION.match(raw):  # --extra-index-url https://abetlen.github.io/llama-cpp-python/whl/cpu
        for segment in re.finditer(r"(?<=/)[A-Za-z0-9][\w.-]*(?=/)", raw):
            yield segment.group(0), segment.start()
    elif stripped and not stripped.startswith("-"):
        yield from _first(_REQUIREMENT.match(line))


def _conda_names(line: str, raw: str, section: str) -> Iterator[tuple[str, int]]:
    yield from _first(re.match(r"^\s*-\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)", line))


def _pyproject_names(line: str, raw: str, section: str) -> Iterator[tuple[str, int]]:
    if section in _PEP621_SECTIONS or section.startswith("dependency-groups"):
        if section != "build-system":
            yield from ((match.group(1), match.start(1)) for match in _QUOTED.finditer(line))
    elif section == "tool.uv.sources" or (
        section.startswith("tool.poetry") and section.endswith("dependencies")
    ):
        yield from _first(_KEY.match(line))


def _pipfile_names(line: str, raw: str, section: str) -> Iterator[tuple[str, int]]:
    if section in ("packages", "dev-packages"):
        yield from _first(_KEY.match(line))


def _setupcfg_names(line: str, raw: str, section: str) -> Iterator[tuple[str, int]]:
    if section not in ("options", "options.extras_require"):
        return
    body = line.split("=", 1)[1] if "=" in line and not raw[:1].isspace() else line
    match = _REQUIREMENT.match(body)
    if match and (raw[:1].isspace() or "=" in line):
        yield match.group("name"), len(line) - len(body) + match.start("name")


def _first(match: re.Match[str] | None) -> Iterator[tuple[str, int]]:
    """The ``name`` group of a match and its column, if it matched."""
    if match:
        yield match.group("name"), match.start("name")


_DEPENDENCY_READERS = {
    "requirements": _requirements_names,
    "conda": _conda_names,
    "pyproject": _pyproject_names,
    "pipfile": _pipfile_names,
    "setupcfg": _setupcfg_names,
}


def _one_site_per_install(findings: list[LineFinding], lines: list[str]) -> list[LineFinding]:
    """A CMake switch (``CMAKE_ARGS="-DGGML_CUDA=on" pip install llama-cpp-python``) is part of the install on its line."""
    installs = {f.line for f in findings if f.rule.kind is Kind.DEPENDENCY}
    return [f for f in findings if not (f.line in installs and lines[f.line - 1][: f.column].endswith("-D"))]


_BARE_HEAD = re.compile(BARE_ARGUMENTS_START + r"(?P<rest>--[A-Za-z]|\\?\s*$)")
_ITEM_MARKS = re.compile(r"^\s*(?:-\s+)?|[\"',\[\]\\]")


def _one_site_per_command(findings: list[LineFinding], lines: list[str], kind: str) -> list[LineFinding]:
    """An engine's arguments (SOV890) once per command, and only where they are no other program's.

    A command runs from its head: the first of the lines a shell joins with ``\\``, or in YAML and JSON the key a list
    or a block value belongs to (``args:``, ``command: >``). Arguments of a head that another rule reported
    (``vllm serve \\``, ``vllm_args:``) are part of that site; those after another program (``python train.py``) are
    not an engine's.
    """
    if not any(f.rule.code == ENGINE_ARGUMENTS_RULE for f in findings):
        return findings
    other = {f.line for f in findings if f.rule.kind is Kind.CONFIG and f.rule.code != ENGINE_ARGUMENTS_RULE}
    kept, heads = [], set()
    for finding in findings:
        if finding.rule.code == ENGINE_ARGUMENTS_RULE:
            head = _command_head(lines, finding.line, kind)
            if (
                head in heads
                or any(head <= number <= finding.line for number in other)
                or not _arguments_only(lines, head, finding.line, kind)
            ):
                continue
            heads.add(head)
        kept.append(finding)
    return kept


def _one_site_per_file(findings: list[LineFinding], lines: list[str], kind: str) -> list[LineFinding]:
    """The first finding of each ``ONE_SITE_PER_FILE`` rule in a config (in a script, in each command)."""
    kept, seen = [], set()
    for finding in findings:
        if finding.rule.code in ONE_SITE_PER_FILE:
            by_command = kind in ("shell", "dockerfile") and finding.rule.code not in ONE_SITE_PER_SCRIPT
            scope = _command_head(lines, finding.line, kind) if by_command else 0
            if (finding.rule.code, scope) in seen:
                continue
            seen.add((finding.rule.code, scope))
        kept.append(finding)
    return kept


def _command_head(lines: list[str], number: int, kind: str) -> int:
    """The line (1-based) where the command holding line ``number`` starts."""
    head = number
    while head > 1 and code_part(lines[head - 2], kind).rstrip().endswith("\\"):
        head -= 1
    if head != number or kind not in ("yaml", "json"):
        return head
    text = code_part(lines[number - 1], kind)
    stripped = text.lstrip()
    if _BARE_HEAD.match(text) and not stripped.startswith(("-", "--", '"--', "'--", "[")):
        return number  # `command: --model x ...`: the key is on this line
    indent = len(text) - len(stripped)
    item = stripped.startswith("- ")
    for above in range(number - 1, 0, -1):
        line = code_part(lines[above - 1], kind)
        if not line.strip():
            continue
        column = len(line) - len(line.lstrip())
        if column < indent or (item and column == indent and not line.lstrip().startswith("- ")):
            return above
    return number


def _arguments_only(lines: list[str], head: int, number: int, kind: str) -> bool:
    """Whether the command from ``head`` to ``number`` is arguments alone, or an engine program split over lines."""
    first = _BARE_HEAD.match(code_part(lines[head - 1], kind))
    if first is None:
        return False
    if first.group("rest").startswith("--") or head == number:
        return True
    words = " ".join(_ITEM_MARKS.sub(" ", code_part(line, kind)) for line in lines[head:number]).split()
    return bool(words) and (words[0].startswith("--") or ENGINE_CLI.search(" ".join(words)) is not None)


_GENERIC_TEMPLATE = "SOV528"  # `{% for message in messages %}`: a chat template of no family in particular


_CHAT_EVIDENCE = re.compile(CHAT_TEMPLATE_EVIDENCE)


def _without_generic_template(findings: list[LineFinding], text: str) -> list[LineFinding]:
    """A template file with one family's markup is that family's site; its Jinja loop is not a second one.

    A loop over ``messages`` in a file that never reads a turn's role or content (nor the generation prompt or the
    special tokens) is no chat template: Django's flash messages, a gettext catalog.
    """
    family = any(f.rule.kind is Kind.PROMPT_FORMAT and f.rule.code != _GENERIC_TEMPLATE for f in findings)
    drop = family or _CHAT_EVIDENCE.search(text) is None
    return [f for f in findings if not (drop and f.rule.code == _GENERIC_TEMPLATE)]
