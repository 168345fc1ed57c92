"""A migration target: its catalog line and tier, and how different its tokenizer is from the current ones.

The tokenizer class comes from a real comparison (``sovmigrate.tokenizers.check_compatibility``) when both
tokenizers are available offline; otherwise from the family maps (algorithm and family, not measured), and the
target says what is missing and how to get it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sovmigrate.errors import UsageError
from sovmigrate.receipts import Receipt, receipts, resolve
from sovmigrate.receipts.catalog import Catalog, ModelLine, load_catalog

# From least to most work (docs/tokenizers.md, "Compatibility class").
CLASSES = (
    "identical",
    "same-vocab-changed-specials",
    "same-algorithm-different-vocab",
    "different-algorithm",
)


@dataclass(frozen=True)
class TokenizerPair:
    """One current tokenizer family against the target's: the class, and whether it was measured."""

    source: str
    target: str
    compatibility: str
    measured: bool
    report: dict[str, Any] | None = None
    missing: str | None = None


@dataclass(frozen=True)
class Target:
    """A resolved target model and what moving to it implies for tokenizers."""

    query: str
    receipt: Receipt
    pairs: tuple[TokenizerPair, ...]

    @property
    def line(self) -> ModelLine:
        return self.receipt.line

    @property
    def tier(self) -> int:
        return self.receipt.tier.catalog

    @property
    def tokenizer(self) -> str | None:
        return self.line.value("tokenizer")

    @property
    def tokenizer_class(self) -> str | None:
        """The worst class over the current families, or None when nothing is known about them."""
        found = [p.compatibility for p in self.pairs]
        return max(found, key=CLASSES.index) if found else None

    @property
    def measured(self) -> bool:
        return bool(self.pairs) and all(p.measured for p in self.pairs)


def resolve_target(query: str, catalog: Catalog | None = None) -> ModelLine:
    """The catalog line of a target id; an unknown id is a :class:`UsageError` naming close matches."""
    catalog = catalog or load_catalog()
    found = resolve(query, catalog)
    if found.line is None:
        hint = f"; did you mean {', '.join(found.suggestions)}?" if found.suggestions else ""
        raise UsageError(
            f"unknown target model {query!r}{hint} (`sovmigrate receipts --help` lists the forms)"
        )
    return found.line


def source_families(model_ids: Iterable[str], catalog: Catalog | None = None) -> list[str]:
    """The tokenizer families of the catalog lines behind the model ids found in the code."""
    catalog = catalog or load_catalog()
    families = {
        line.value("tokenizer") for line in (resolve(i, catalog).line for i in model_ids) if line is not None
    }
    return sorted(f for f in families if f)


def analyse_target(
    query: str,
    families: Sequence[str],
    *,
    jurisdiction: str | None = None,
    commercial: bool = True,
    measure: bool = True,
    scan_report: Path | None = None,
) -> Target:
    """Resolve ``query`` and compare its tokenizer with each current family (measured when possible)."""
    line = resolve_target(query)
    receipt = receipts([query], jurisdiction=jurisdiction, commercial=commercial).receipts[0]
    target_family = line.value("tokenizer")
    pairs = tuple(_pair(source, target_family, measure, scan_report) for source in families if target_family)
    return Target(query, receipt, pairs)


def _pair(source: str, target: str, measure: bool, scan_report: Path | None) -> TokenizerPair:
    mapped = map_class(source, target)
    if not measure:
        return TokenizerPair(source, target, mapped, False)
    try:
        from sovmigrate.tokenizers.check import check_compatibility
    except ImportError as exc:
        missing = f"tokenizer support is not installed ({exc}): pip install 'sovmigrate[tokenizers]'"
        return TokenizerPair(source, target, mapped, False, missing=missing)
    loaded = {}
    for family in (source, target):
        try:
            loaded[family] = _load(family)
        except _tokenizer_error():
            return TokenizerPair(source, target, mapped, False, missing=fetch_hint(family, source, target))
    report = check_compatibility(loaded[source], loaded[target], scan_report=scan_report)
    return TokenizerPair(source, target, report["compatibility"], True, report=report)


@cache
def _load(family: str) -> Any:
    """Each family is loaded once per process (a plan compares it with several targets)."""
    from sovmigrate.tokenizers.load import load_tokenizer

    return load_tokenizer(family)


def _tokenizer_error() -> type[Exception]:
    from sovmigrate.tokenizers.errors import TokenizerError

    return TokenizerError


def fetch_hint(family: str, source: str, target: str) -> str:
    """What is missing to measure a pair, and how to get it (offline by default, so it must be asked for)."""
    from sovmigrate.tokenizers.fetch import how_to_load

    how = how_to_load(family)
    if how.startswith("sovmigrate tokens fetch"):
        command, _, package = how.partition("  ")
        return f"no {family} tokenizer files on this machine: bring them with `{command}` {package}".rstrip()
    return (
        f"no {family} tokenizer files on this machine; {how}; or, where the Hugging Face hub is reachable, "
        f"`sovmigrate tokens check --source {source} --target {target} --download`"
    )


def map_class(source: str, target: str) -> str:
    """The compatibility class the family maps imply, without loading any tokenizer."""
    if source == target:
        return "identical"
    try:
        from sovmigrate.tokenizers.maps import families
    except ImportError:  # pragma: no cover - the maps need only fastjsonschema
        return "same-algorithm-different-vocab"
    maps = families()
    same = source in maps and target in maps and maps[source]["algorithm"] == maps[target]["algorithm"]
    return "same-algorithm-different-vocab" if same else "different-algorithm"
