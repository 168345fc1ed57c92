"""From findings to driver counts, each with the evidence it was counted from."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from sovmigrate.estimate.model import ENGINEERS_INPUT, Driver, EffortModel
from sovmigrate.estimate.sites import Site, group_sites, merge_adjacent
from sovmigrate.findings import Finding

Safety = str  # "safe" | "unsafe" | "manual"
MANUAL = "manual"


@dataclass(frozen=True)
class Context:
    """Everything besides the findings that a count may depend on."""

    outcomes: Mapping[str, Safety] = field(default_factory=dict)  # fingerprint -> codemod safety
    target_tier: int | None = None
    cost: Callable[[Driver], float] = lambda driver: driver.hours.mean  # unit cost after factors
    resolve: Callable[[str], tuple[str, str, str | None]] | None = None  # model id -> (ecosystem, key, line)

    def safety(self, finding: Finding) -> Safety:
        return self.outcomes.get(finding.fingerprint, MANUAL)


@dataclass(frozen=True)
class Counted:
    """A driver's count and why: the sites, keys or inputs it was counted from."""

    driver: Driver
    count: float
    sites: tuple[Site, ...] = ()
    keys: tuple[str, ...] = ()
    note: str = ""


def count_drivers(findings: Sequence[Finding], model: EffortModel, context: Context) -> dict[str, Counted]:
    """Count every driver of ``model`` over ``findings``; sites are priced once, by their dearest driver."""
    counted = _count_sites(findings, model, context)
    for driver in model.drivers.values():  # fixed drivers last: they may require another driver's count
        if driver.count not in ("sites", "fixed"):
            counted[driver.id] = _count_other(driver, findings, model, context)
    for driver in model.drivers.values():
        if driver.count == "fixed":
            counted[driver.id] = _fixed(driver, model, counted)
    return {key: counted[key] for key in model.drivers}


def matches(driver: Driver, finding: Finding, context: Context) -> bool:
    """Whether ``finding`` is the kind of thing ``driver`` counts."""
    if driver.effort_drivers and finding.effort_driver not in driver.effort_drivers:
        return False
    if driver.rules and finding.rule not in driver.rules:
        return False
    return driver.safety is None or context.safety(finding) == driver.safety


# ------------------------------------------------------------------------------------------------ sites


def _count_sites(findings: Sequence[Finding], model: EffortModel, context: Context) -> dict[str, Counted]:
    drivers = [d for d in model.drivers.values() if d.count == "sites"]
    site_kinds = frozenset(kind for d in drivers for kind in d.effort_drivers)
    sites = group_sites(findings, site_kinds)
    sites = _merge_templates(sites, [d for d in drivers if d.adjacent_lines and not d.shared], context)
    priced: dict[str, list[Site]] = {d.id: [] for d in drivers}
    exclusive = [d for d in drivers if not d.shared]
    for site in sites:
        driver = _dearest(site, exclusive, context)
        if driver is not None:
            priced[driver.id].append(site)
        for shared in (d for d in drivers if d.shared):
            if any(matches(shared, f, context) for f in site.findings):
                priced[shared.id].append(site)
    return {d.id: Counted(d, len(priced[d.id]), tuple(priced[d.id])) for d in drivers}


def _merge_templates(sites: list[Site], drivers: list[Driver], context: Context) -> list[Site]:
    """Merge adjacent single-rule sites that only an adjacent-lines driver counts."""

    def mergeable(site: Site) -> bool:
        return any(all(matches(d, f, context) for f in site.findings) for d in drivers)

    keep = [s for s in sites if not mergeable(s)]
    return sorted(keep + merge_adjacent([s for s in sites if mergeable(s)]), key=lambda s: _key(s.head))


def _dearest(site: Site, drivers: list[Driver], context: Context) -> Driver | None:
    candidates = [d for d in drivers if any(matches(d, f, context) for f in site.findings)]
    return max(candidates, key=context.cost, default=None)  # max() keeps the first of equals: model order


def _key(f: Finding) -> tuple:
    return (f.path, f.cell or 0, f.line, f.column, f.rule, f.fingerprint)


# ------------------------------------------------------------------------------------------------ others


def _count_other(
    driver: Driver, findings: Sequence[Finding], model: EffortModel, context: Context
) -> Counted:
    selected = [f for f in findings if matches(driver, f, context)]
    if driver.count == "vendors":
        return _distinct(driver, sorted({f.vendor for f in selected}))
    if driver.count == "models":
        return _distinct(driver, sorted({_model_line(f, context) for f in selected if _model_id(f)}))
    if driver.count == "model-files":
        keys = {
            key for f in selected if _model_id(f) for eco, key in [_model_key(f, context)] if eco == "gguf"
        }
        return _distinct(driver, sorted(keys))
    if driver.count == "files":
        return _distinct(driver, sorted({f.path for f in _in_paths(driver, selected)}))
    if driver.count == "input":
        return _input(driver, findings, model)
    return _target_licence(driver, context)


def _distinct(driver: Driver, keys: list[str]) -> Counted:
    return Counted(driver, len(keys), keys=tuple(keys))


def _model_id(f: Finding) -> str:
    return str(f.details.get("model_id") or "")


def _model_key(f: Finding, context: Context) -> tuple[str, str]:
    """(ecosystem, normalised key) of the model identifier, e.g. ("gguf", "llama-2-13b-chat")."""
    identifier = _model_id(f)
    if context.resolve is None:
        return "", identifier
    ecosystem, key, _ = context.resolve(identifier)
    return ecosystem, key


def _model_line(f: Finding, context: Context) -> str:
    """The catalog line of the model identifier; its normalised key when no line matches."""
    if context.resolve is None:
        return _model_id(f)
    _, key, line = context.resolve(_model_id(f))
    return line or key


def _in_paths(driver: Driver, findings: list[Finding]) -> list[Finding]:
    if not driver.paths:
        return findings
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(driver.paths)
    return [f for f in findings if spec.match_file(f.path)]


def _input(driver: Driver, findings: Sequence[Finding], model: EffortModel) -> Counted:
    name = driver.input or ""
    if name in model.project:
        value = model.project[name]
        return Counted(driver, value, keys=(f"project.{name} = {value}",), note=f"project.{name}")
    if name == ENGINEERS_INPUT and findings:
        engineers = model.team.engineers
        note = f"assumed: team.engineers = {engineers} (set project.{ENGINEERS_INPUT})"
        return Counted(driver, engineers, keys=(note,), note=note)
    return Counted(driver, 0, note=f"project.{name} not set")


def _target_licence(driver: Driver, context: Context) -> Counted:
    if context.target_tier is None:
        return Counted(driver, 0, note="no target given")
    due = 1 if context.target_tier >= 2 else 0
    return Counted(driver, due, keys=(f"target tier {context.target_tier}",))


def _fixed(driver: Driver, model: EffortModel, counted: dict[str, Counted]) -> Counted:
    count: float = 1
    notes = []
    if driver.requires is not None:
        required = counted.get(driver.requires)
        if required is None or not required.count:
            return Counted(driver, 0, note=f"nothing counted by {driver.requires}")
    if driver.scale is not None:
        level = model.project[driver.scale]
        count = model.factor(driver.scale, level)
        notes.append(f"project.{driver.scale} = {level} -> x{count:g}")
    return Counted(driver, count, keys=tuple(notes), note="; ".join(notes))
