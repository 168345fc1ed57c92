"""The catalog compiled for fast lookups: API strings to rules, literals, keywords, manifests."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sovmigrate.rules import (
    CATALOG,
    Calls,
    Dependency,
    Flags,
    Imports,
    Keywords,
    Line,
    Literal,
    Options,
    Rule,
    TokenIds,
)
from sovmigrate.rules.model import (
    Assigns,
    BaseUrls,
    Commands,
    EngineAddresses,
    HttpRequests,
    LazyPattern,
    Reads,
)


def glob_regex(pattern: str, *, cross_members: bool = False) -> str:
    """Translate an API glob: ``*`` stays within a dotted path unless ``cross_members`` lets it cross ``#``."""
    star = ".*" if cross_members else "[^#]*"
    return star.join(re.escape(part) for part in pattern.split("*"))


class LazyRegex:
    """A regular expression compiled on first use: a scan compiles only the patterns of the vendors it meets."""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled.fullmatch(text)


_ROOT_END = re.compile(r"[.*#:]")


def _roots(pattern: str) -> str:
    return _ROOT_END.split(pattern, maxsplit=1)[0]


@dataclass(eq=False)
class CompiledCatalog:
    """Indexes over the catalog for the analysers; build it once with :func:`compiled_catalog`."""

    calls: list[tuple[LazyRegex, Rule, Calls]] = field(default_factory=list)
    # Call patterns grouped by their literal root ("llama_cpp"), and by prefix for "langchain*" roots.
    calls_by_root: dict[str, list[tuple[LazyRegex, Rule, Calls]]] = field(default_factory=dict)
    calls_by_prefix: list[tuple[str, list[tuple[LazyRegex, Rule, Calls]]]] = field(default_factory=list)
    imports: dict[str, Rule] = field(default_factory=dict)
    # Host-gated imports (module, hosts, rule): reported only where a client of the module has such a host.
    host_imports: list[tuple[str, tuple[str, ...], Rule]] = field(default_factory=list)
    # Imports reported only beside another (module, the roots one of which the module must import too, rule).
    companion_imports: list[tuple[str, tuple[str, ...], Rule]] = field(default_factory=list)
    # Import globs (``langchain*.LlamaCpp``) as (literal prefix, regex, rule).
    import_globs: list[tuple[str, LazyRegex, Rule]] = field(default_factory=list)
    # Imported names a rule's module does not cover (``huggingface_hub.login``), as (regex, rule).
    import_excludes: list[tuple[LazyRegex, Rule]] = field(default_factory=list)
    # Keyword name -> (call regex, rule, the hosts it needs or ()).
    keywords: dict[str, list[tuple[LazyRegex, Rule, tuple[str, ...]]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    literals: list[tuple[Literal, Rule]] = field(default_factory=list)
    # Option name -> (the vendor whose code it must stand in, rule).
    options: dict[str, list[tuple[str, Rule]]] = field(default_factory=lambda: defaultdict(list))
    # Flag -> (the rule codes of the engine commands it must stand beside, rule).
    flags: dict[str, list[tuple[tuple[str, ...], Rule]]] = field(default_factory=lambda: defaultdict(list))
    token_keywords: dict[str, Rule] = field(default_factory=dict)
    token_ranges: list[tuple[int, int, Rule]] = field(default_factory=list)
    dependencies: list[tuple[LazyRegex, Rule, LazyPattern | re.Pattern[str] | None]] = field(
        default_factory=list
    )
    lines: list[tuple[Line, Rule]] = field(default_factory=list)
    assigns: list[tuple[LazyRegex, Rule]] = field(default_factory=list)
    reads: list[tuple[LazyRegex, Rule]] = field(default_factory=list)
    # The attribute names Reads patterns end with: the collector records reads of these only.
    read_attributes: frozenset[str] = frozenset()
    http: list[tuple[HttpRequests, Rule]] = field(default_factory=list)
    base_urls: list[Rule] = field(default_factory=list)
    engine_addresses: list[tuple[EngineAddresses, Rule]] = field(default_factory=list)
    commands: list[tuple[Commands, Rule]] = field(default_factory=list)
    vendor_roots: frozenset[str] = frozenset()
    # Vendor-only method names -> (the vendor's import root, the API they are).
    distinctive: dict[str, tuple[str, str]] = field(default_factory=dict)
    _call_cache: dict[tuple[str, str | None], tuple[Rule, ...]] = field(default_factory=dict)
    _call_order: dict[int, int] = field(default_factory=dict)
    # The literal text each call pattern ends with (after its last ``*``), by ``id()`` of its entry.
    _call_tails: dict[int, str] = field(default_factory=dict)
    _import_cache: dict[tuple[str, str], Rule | None] = field(default_factory=dict)
    _vendor_cache: dict[str, bool] = field(default_factory=dict)

    def rules_for_call(self, api: str, host: str | None) -> tuple[Rule, ...]:
        """Rules whose call patterns match ``api`` (first match per rule; host-gated rules need ``host``)."""
        key = (api, host)
        cached = self._call_cache.get(key)
        if cached is None:
            cached = self._call_cache[key] = self._match_call(api, host)
        return cached

    def _match_call(self, api: str, host: str | None) -> tuple[Rule, ...]:
        found: list[Rule] = []
        root = re.split(r"[.#:]", api, maxsplit=1)[0]
        candidates = [*self.calls_by_root.get(root, ())]
        for prefix, entries in self.calls_by_prefix:
            if root.startswith(prefix):
                candidates.extend(entries)
        if not self._call_order:  # built once: the catalog's order decides between candidates
            self._call_order = {id(entry): index for index, entry in enumerate(self.calls)}
        order, tails = self._call_order, self._call_tails
        candidates.sort(key=lambda entry: order[id(entry)])
        for entry in candidates:
            regex, rule, matcher = entry
            # A glob ends with its text after the last `*`: most patterns are ruled out without their regex.
            if rule in found or not api.endswith(tails[id(entry)]) or not regex.fullmatch(api):
                continue
            if matcher.hosts and host not in matcher.hosts:
                continue
            if matcher.exclude and any(re.fullmatch(glob_regex(p), api) for p in matcher.exclude):
                continue
            found.append(rule)
        return tuple(found)

    def import_rule(self, module: str) -> Rule | None:
        """The rule for an imported module or qualified name (``langchain_community.llms.LlamaCpp``), or
        for the nearest enclosing module that has one."""
        key = ("import", module)
        if key not in self._import_cache:
            self._import_cache[key] = self._match_import(module)
        return self._import_cache[key]

    def _match_import(self, module: str) -> Rule | None:
        parts = module.split(".")
        for end in range(len(parts), 0, -1):
            prefix = ".".join(parts[:end])
            rule = self.imports.get(prefix)
            if rule is None:
                rule = next(
                    (r for p, rx, r in self.import_globs if prefix.startswith(p) and rx.fullmatch(prefix)),
                    None,
                )
            if rule is not None:
                return (
                    None
                    if any(r is rule and rx.fullmatch(module) for rx, r in self.import_excludes)
                    else rule
                )
        return None

    def is_vendor(self, qualified_name: str) -> bool:
        root = qualified_name.split(".", 1)[0].split(":", 1)[0]
        known = self._vendor_cache.get(root)
        if known is None:  # called for every resolved name: the scan over all roots runs once per root
            known = self._vendor_cache[root] = any(
                root == r or (r.endswith("*") and root.startswith(r[:-1])) for r in self.vendor_roots
            )
        return known

    def dependency_rule(self, package: str, group: str = "") -> Rule | None:
        """The rule of a required ``package`` (in the extras ``group`` it is listed under, if any)."""
        name = re.sub(r"[-_.]+", "-", package).lower()
        for regex, rule, groups in self.dependencies:
            if regex.fullmatch(name) and (groups is None or (group and groups.fullmatch(group))):
                return rule
        return None


def _distinctive(matcher: Calls) -> dict[str, tuple[str, str]]:
    """Each vendor-only method of a call matcher with the exact pattern that names it (``pkg.Class#method``)."""
    found = {}
    for method in matcher.distinctive:
        api = next(p for p in matcher.patterns if p.endswith(f"#{method}") and "*" not in p)
        found[method] = (_roots(api), api)
    return found


@cache
def compiled_catalog() -> CompiledCatalog:
    """The catalog indexed for the analysers (built once per process)."""
    compiled = CompiledCatalog()
    roots: set[str] = set()
    prefixes: dict[str, list[tuple[LazyRegex, Rule, Calls]]] = {}
    for rule in CATALOG:
        for matcher in rule.matchers:
            if isinstance(matcher, Calls):
                _index_calls(compiled, rule, matcher, roots, prefixes)
            elif isinstance(matcher, Imports):
                _index_imports(compiled, rule, matcher, roots)
            else:
                _index_other(compiled, rule, matcher)
    # `boto3.client:bedrock-runtime` is a call pattern; the module root is boto3.
    compiled.vendor_roots = frozenset(r for r in roots if r)
    compiled.calls_by_prefix = list(prefixes.items())
    return compiled


def warm_catalog() -> CompiledCatalog:
    """Build the compiled catalog and compile the literal patterns every Python analysis searches with.

    Called once before worker processes fork, so that they share this work instead of each repeating it
    (about 0.4 s of CPU per worker, more than a small file's whole analysis).
    """
    compiled = compiled_catalog()
    for literal, _ in compiled.literals:
        literal.regex.search("")
    return compiled


def _index_calls(
    compiled: CompiledCatalog,
    rule: Rule,
    matcher: Calls,
    roots: set[str],
    prefixes: dict[str, list[tuple[LazyRegex, Rule, Calls]]],
) -> None:
    compiled.distinctive.update(_distinctive(matcher))
    for pattern in matcher.patterns:
        entry = (LazyRegex(glob_regex(pattern)), rule, matcher)
        compiled.calls.append(entry)
        compiled._call_tails[id(entry)] = pattern.rpartition("*")[2]
        root = _roots(pattern)
        if pattern[len(root) :].startswith("*"):  # "langchain*": every root with this prefix
            roots.add(root + "*")
            prefixes.setdefault(root, []).append(entry)
        else:
            roots.add(root)
            compiled.calls_by_root.setdefault(root, []).append(entry)


def _index_imports(compiled: CompiledCatalog, rule: Rule, matcher: Imports, roots: set[str]) -> None:
    compiled.import_excludes.extend((LazyRegex(glob_regex(name)), rule) for name in matcher.exclude)
    for module in matcher.modules:
        if matcher.hosts:
            compiled.host_imports.append((module, matcher.hosts, rule))
        elif matcher.alongside:
            compiled.companion_imports.append((module, matcher.alongside, rule))
        elif "*" in module:
            compiled.import_globs.append((module.split("*", 1)[0], LazyRegex(glob_regex(module)), rule))
        else:
            compiled.imports[module] = rule
        roots.add(module.split(".")[0])


def _index_keywords(compiled: CompiledCatalog, rule: Rule, matcher: Keywords) -> None:
    regex = LazyRegex("|".join(glob_regex(p, cross_members=True) for p in matcher.calls))
    for name in matcher.names:
        compiled.keywords[name].append((regex, rule, matcher.hosts))


def _index_options(compiled: CompiledCatalog, rule: Rule, matcher: Options) -> None:
    for name in matcher.names:
        compiled.options[name].append((matcher.vendor, rule))


def _index_flags(compiled: CompiledCatalog, rule: Rule, matcher: Flags) -> None:
    for name in matcher.names:
        compiled.flags[name].append((matcher.beside, rule))


def _index_token_ids(compiled: CompiledCatalog, rule: Rule, matcher: TokenIds) -> None:
    compiled.token_keywords.update(dict.fromkeys(matcher.keywords, rule))
    compiled.token_ranges.extend((low, high, rule) for low, high in matcher.ranges)


def _index_reads(compiled: CompiledCatalog, rule: Rule, matcher: Reads) -> None:
    compiled.reads.extend((LazyRegex(glob_regex(pattern)), rule) for pattern in matcher.patterns)
    attributes = {pattern.rpartition("#")[2].rpartition(".")[2] for pattern in matcher.patterns}
    compiled.read_attributes = compiled.read_attributes | attributes


_INDEXERS: dict[type, Callable[[CompiledCatalog, Rule, Any], None]] = {
    Keywords: _index_keywords,
    Literal: lambda compiled, rule, matcher: compiled.literals.append((matcher, rule)),
    Options: _index_options,
    Flags: _index_flags,
    TokenIds: _index_token_ids,
    Dependency: lambda compiled, rule, matcher: compiled.dependencies.extend(
        (LazyRegex(glob_regex(package)), rule, matcher.groups) for package in matcher.packages
    ),
    Line: lambda compiled, rule, matcher: compiled.lines.append((matcher, rule)),
    Assigns: lambda compiled, rule, matcher: compiled.assigns.extend(
        (LazyRegex(glob_regex(pattern)), rule) for pattern in matcher.patterns
    ),
    Reads: _index_reads,
    HttpRequests: lambda compiled, rule, matcher: compiled.http.append((matcher, rule)),
    BaseUrls: lambda compiled, rule, matcher: compiled.base_urls.append(rule),
    EngineAddresses: lambda compiled, rule, matcher: compiled.engine_addresses.append((matcher, rule)),
    Commands: lambda compiled, rule, matcher: compiled.commands.append((matcher, rule)),
}


def _index_other(compiled: CompiledCatalog, rule: Rule, matcher: object) -> None:
    """Index a matcher that is neither ``Calls`` nor ``Imports`` by its kind."""
    _INDEXERS[type(matcher)](compiled, rule, matcher)
