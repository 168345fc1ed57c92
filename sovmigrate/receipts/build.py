"""Build receipts from model identifiers: resolve, group by catalog line, attach tier and consequences."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sovmigrate.errors import UsageError
from sovmigrate.receipts.catalog import Catalog, ModelLine, load_catalog
from sovmigrate.receipts.resolve import resolve
from sovmigrate.receipts.tiers import Consequence, Tier, consequences, tier_of

# Facts shown side by side by a comparison, in order.
COMPARED_FACTS = (
    "license",
    "open_weights",
    "commercial_use",
    "user_threshold_mau",
    "regional_exclusions",
    "update_horizon",
    "latest_in_family",
    "context_tokens",
    "tokenizer",
    "training_data_open",
    "local_run",
    "gguf",
)


@dataclass(frozen=True)
class Location:
    """Where an identifier was found (``line``/``column`` are 1-based, when known)."""

    path: str
    line: int | None = None
    column: int | None = None


ModelRef = str | tuple[str, Location | None]


@dataclass
class Identifier:
    """A literal identifier as written in code, how it was read, and where it occurs."""

    id: str
    ecosystem: str
    locations: list[Location] = field(default_factory=list)


@dataclass
class Receipt:
    """Everything a team needs to know about depending on one model line."""

    line: ModelLine
    tier: Tier
    consequences: tuple[Consequence, ...]
    identifiers: list[Identifier] = field(default_factory=list)


@dataclass
class Unknown:
    """An identifier no catalog line matched, with close suggestions (never a silent guess)."""

    id: str
    suggestions: tuple[str, ...]
    locations: list[Location] = field(default_factory=list)

    @property
    def message(self) -> str:
        """One line for people: ``unknown model identifier 'x': not in the catalog (did you mean y?)``."""
        hint = f" (did you mean {' or '.join(self.suggestions)}?)" if self.suggestions else ""
        return f"unknown model identifier {self.id!r}: not in the catalog{hint}"


@dataclass(frozen=True)
class Comparison:
    """What moving from ``source`` to ``target`` gains and loses."""

    source: Receipt
    target: Receipt
    gains: tuple[str, ...]
    losses: tuple[str, ...]
    changes: tuple[tuple[str, object, object], ...]


@dataclass
class ReceiptSet:
    """The result of :func:`receipts`: receipts per catalog line, unknown identifiers, optional comparison."""

    catalog: Catalog = field(repr=False)
    receipts: list[Receipt]
    unknown: list[Unknown]
    jurisdiction: str | None
    commercial: bool
    comparison: Comparison | None = None


def receipts(
    models: Iterable[ModelRef] | ModelRef,
    *,
    jurisdiction: str | None = None,
    commercial: bool = True,
    catalog: Catalog | None = None,
) -> ReceiptSet:
    """Receipts for ``models``: identifier strings, or ``(identifier, Location | None)`` pairs.

    A single identifier (``receipts("llama3.1:8b")``) or pair is one model, never a list of characters.
    ``jurisdiction`` (e.g. ``"EU"``) and ``commercial`` decide the *effective* tier for this user.
    """
    catalog = catalog or load_catalog()
    by_line: dict[str, Receipt] = {}
    unknown: dict[str, Unknown] = {}
    for ref in _refs(models):
        identifier, location = (ref, None) if isinstance(ref, str) else ref
        if not isinstance(identifier, str):
            raise UsageError(f"model identifiers must be strings, got {identifier!r}")
        if not identifier.strip():
            raise UsageError(f"a model identifier is empty ({identifier!r})")
        resolution = resolve(identifier, catalog)
        if resolution.line is None:
            entry = unknown.setdefault(identifier, Unknown(identifier, resolution.suggestions))
            _add_location(entry.locations, location)
            continue
        receipt = by_line.get(resolution.line.id)
        if receipt is None:
            receipt = by_line[resolution.line.id] = _receipt(resolution.line, jurisdiction, commercial)
        found = next((i for i in receipt.identifiers if i.id == identifier), None)
        if found is None:
            found = Identifier(identifier, resolution.ecosystem)
            receipt.identifiers.append(found)
        _add_location(found.locations, location)
    return ReceiptSet(catalog, list(by_line.values()), list(unknown.values()), jurisdiction, commercial)


def compare(
    source: str,
    target: str,
    *,
    jurisdiction: str | None = None,
    commercial: bool = True,
    catalog: Catalog | None = None,
) -> ReceiptSet:
    """Receipts for ``source`` and ``target`` plus what the move gains and loses.

    Raises :class:`~sovmigrate.errors.UsageError` if either identifier is unknown or both name the same line.
    """
    result = receipts([source, target], jurisdiction=jurisdiction, commercial=commercial, catalog=catalog)
    if result.unknown:
        raise UsageError(f"cannot compare: {'; '.join(u.message for u in result.unknown)}")
    if len(result.receipts) != 2:
        raise UsageError(f"{source!r} and {target!r} resolve to the same catalog line")
    old, new = result.receipts
    result.comparison = _comparison(old, new)
    return result


def _refs(models: Iterable[ModelRef] | ModelRef) -> list[ModelRef]:
    if isinstance(models, str):
        return [models]
    if (
        isinstance(models, tuple)
        and len(models) == 2
        and isinstance(models[0], str)
        and (models[1] is None or isinstance(models[1], Location))
    ):
        return [models]  # one (identifier, location) pair
    return list(models)


def _receipt(line: ModelLine, jurisdiction: str | None, commercial: bool) -> Receipt:
    return Receipt(line, tier_of(line, jurisdiction=jurisdiction, commercial=commercial), consequences(line))


def _add_location(locations: list[Location], location: Location | None) -> None:
    if location is not None and location not in locations:
        locations.append(location)


def _comparison(old: Receipt, new: Receipt) -> Comparison:
    gains: list[str] = []
    losses: list[str] = []
    if new.tier.effective < old.tier.effective:
        gains.append(f"sovereignty tier {old.tier.effective} -> {new.tier.effective}")
    elif new.tier.effective > old.tier.effective:
        losses.append(f"sovereignty tier {old.tier.effective} -> {new.tier.effective}")
    old_texts = {c.text for c in old.consequences}
    new_texts = {c.text for c in new.consequences}
    gains += [f"drops: {c.text}" for c in old.consequences if c.text not in new_texts]
    losses += [f"adds: {c.text}" for c in new.consequences if c.text not in old_texts]
    before, after = old.line.value, new.line.value
    if before("tokenizer") != after("tokenizer"):
        losses.append(
            f"tokenizer changes ({before('tokenizer')} -> {after('tokenizer')}): token ids, "
            "token budgets and chat templates must be remapped"
        )
    if (before("context_tokens") or 0) > (after("context_tokens") or 0):
        losses.append(f"shorter context ({before('context_tokens')} -> {after('context_tokens')} tokens)")
    elif (before("context_tokens") or 0) < (after("context_tokens") or 0):
        gains.append(f"longer context ({before('context_tokens')} -> {after('context_tokens')} tokens)")
    openness = ("none", "partial", "full")
    if openness.index(after("training_data_open")) > openness.index(before("training_data_open")):
        gains.append(
            f"training data openness {before('training_data_open')} -> {after('training_data_open')}"
        )
    elif openness.index(after("training_data_open")) < openness.index(before("training_data_open")):
        losses.append(
            f"training data openness {before('training_data_open')} -> {after('training_data_open')}"
        )
    if before("local_run") and not after("local_run"):
        losses.append("can no longer run on your own hardware")
    elif after("local_run") and not before("local_run"):
        gains.append("runs on your own hardware")
    changes = tuple(
        (name, before(name), after(name)) for name in COMPARED_FACTS if before(name) != after(name)
    )
    return Comparison(old, new, tuple(gains), tuple(losses), changes)
