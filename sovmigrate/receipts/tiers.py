"""Sovereignty tiers (rubric in docs/receipts.md) and the consequences of a model line that matter for a migration.

Tier 1: download, run, modify and repair locally under an OSI licence with no extra terms.
Tier 2: open weights under restrictive or revocable terms.
Tier 3: cloud-only, opaque upgrades, single vendor; or open weights that are not licensable for *this* user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sovmigrate.receipts.catalog import ModelLine

OSI_LICENSES = frozenset({"Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "MPL-2.0", "ECL-2.0"})
EVIDENCE_ORDER = "VSA"  # strongest first


@dataclass(frozen=True)
class Tier:
    """The catalog tier, the tier for this user, and why."""

    catalog: int
    effective: int
    reasons: tuple[str, ...]
    fully_open: bool
    modifiers: tuple[str, ...]


@dataclass(frozen=True)
class Consequence:
    """One migration-relevant consequence; ``evidence`` is the weakest level among the facts behind it."""

    code: str
    text: str
    facts: tuple[str, ...]
    evidence: str


def is_osi(license_expression: str) -> bool:
    """Whether every id in an ``A AND B`` expression is an OSI-approved SPDX licence."""
    return all(part in OSI_LICENSES for part in license_expression.split(" AND "))


def restrictive_terms(line: ModelLine) -> list[str]:
    """The licence terms that keep an open-weight line out of tier 1."""
    terms = []
    if not is_osi(line.value("license")):
        terms.append(f"custom licence ({line.value('license_name')})")
    if line.value("commercial_use") == "no":
        terms.append("no commercial use")
    if line.value("user_threshold_mau"):
        terms.append(f"{_millions(line.value('user_threshold_mau'))} MAU threshold")
    if line.value("derivative_name_prefix"):
        terms.append(f'derivative naming rule ("{line.value("derivative_name_prefix")}")')
    if line.value("aup"):
        terms.append(f"use policy incorporated ({line.value('aup')})")
    if line.value("pass_through_restrictions"):
        terms.append("use restrictions pass through to downstream users")
    if line.value("remote_restriction"):
        terms.append("publisher reserves remote restriction")
    return terms


def tier_of(line: ModelLine, *, jurisdiction: str | None = None, commercial: bool = True) -> Tier:
    """Apply the tier rubric to ``line`` for a user in ``jurisdiction`` building a (non-)commercial product."""
    modifiers = _modifiers(line)
    fully_open = line.value("open_weights") is True and line.value("training_data_open") == "full"
    if line.value("open_weights") is False:
        return Tier(
            3,
            3,
            ("no open weights: cloud-only, vendor-controlled upgrades and retirement",),
            False,
            modifiers,
        )
    terms = restrictive_terms(line)
    if line.value("open_weights") == "partial":
        terms.insert(0, "only some checkpoints have open weights")
    catalog = 2 if terms else 1
    reasons = terms or [f"open weights under {line.value('license')} with no extra terms"]
    effective = catalog
    region = (jurisdiction or "").upper()
    if region and region in line.value("regional_exclusions"):
        effective = 3
        reasons.append(f"not licensable for you: no rights for {region}-based companies or individuals")
    if commercial and line.value("commercial_use") == "no":
        effective = 3
        reasons.append("not licensable for you: commercial use is not permitted")
    return Tier(catalog, effective, tuple(reasons), fully_open, modifiers)


def _modifiers(line: ModelLine) -> tuple[str, ...]:
    found = [f"update_horizon={line.value('update_horizon')}"]
    if line.value("aup_mutable"):
        found.append("aup_mutable")
    if line.value("policy_risk"):
        found.append("policy_risk")
    return tuple(found)


def consequences(line: ModelLine) -> tuple[Consequence, ...]:
    """What depending on ``line`` means for a migration, most severe first."""
    out: list[Consequence] = []

    def add(code: str, text: str, *facts: str) -> None:
        evidence = max((line.facts[f].evidence for f in facts), key=EVIDENCE_ORDER.index)
        out.append(Consequence(code, text, facts, evidence))

    for group in (_rights, _outputs, _updates, _duties):
        group(line, add)
    return tuple(out)


_Add = Callable[..., None]


def _note(line: ModelLine, name: str) -> str | None:
    return line.facts[name].note


def _rights(line: ModelLine, add: _Add) -> None:
    """Who may run the model at all, and for what."""
    value = line.value
    if value("open_weights") is False:
        add("cloud-only", "cloud-only: no weights to download, run or repair locally", "open_weights")
    for region in value("regional_exclusions"):
        text = _with(f"no rights for {region} companies to this model", _note(line, "regional_exclusions"))
        add("regional-exclusion", text, "regional_exclusions")
    if value("commercial_use") == "no":
        add("no-commercial-use", _with("no commercial use", _note(line, "commercial_use")), "commercial_use")
    if value("user_threshold_mau"):
        threshold = _millions(value("user_threshold_mau"))
        text = _with(f"{threshold} MAU threshold", _note(line, "user_threshold_mau"))
        add("mau-threshold", text, "user_threshold_mau")


def _outputs(line: ModelLine, add: _Add) -> None:
    """Whether the model's outputs may train other models."""
    rule, note = line.value("outputs_train_other_models"), _note(line, "outputs_train_other_models")
    if rule == "no":
        add(
            "outputs-no-training",
            _with("outputs may not train other models", note),
            "outputs_train_other_models",
        )
    elif rule == "conditional":
        text = _with("outputs may train other models only with conditions", note)
        add("outputs-conditional", text, "outputs_train_other_models")


def _updates(line: ModelLine, add: _Add) -> None:
    """The family's future: frozen, superseded or in the vendor's hands."""
    horizon, latest = line.value("update_horizon"), line.value("latest_in_family")
    if horizon in ("frozen", "ended"):
        text = f"family no longer updated ({horizon}): repair-only future; latest is {latest}"
        add("no-updates", text, "update_horizon", "latest_in_family")
    elif horizon == "superseded":
        add(
            "superseded",
            f"superseded within the family: latest is {latest}",
            "update_horizon",
            "latest_in_family",
        )
    elif horizon == "vendor-controlled":
        text = _with("upgrades and retirement are vendor-controlled", _note(line, "update_horizon"))
        add("vendor-lifecycle", text, "update_horizon")


def _duties(line: ModelLine, add: _Add) -> None:
    """Naming, use-policy, pass-through, attribution and procurement duties."""
    value = line.value
    if value("derivative_name_prefix"):
        text = f'derived models must be named starting with "{value("derivative_name_prefix")}"'
        add("naming-rule", text, "derivative_name_prefix")
    if value("aup"):
        add("use-policy", f"use policy applies: {value('aup')}", "aup")
    if value("aup_mutable"):
        add("policy-can-change", "the use policy can change without your consent", "aup_mutable")
    if value("remote_restriction"):
        text = _with("the publisher may restrict use remotely", _note(line, "remote_restriction"))
        add("remote-restriction", text, "remote_restriction")
    if value("pass_through_restrictions") and value("open_weights") is not False:
        text = "use restrictions must be passed on to everyone downstream"
        add("pass-through", text, "pass_through_restrictions")
    if value("attribution") and not is_osi(value("license")):
        add("attribution", f"attribution duty: {value('attribution')}", "attribution")
    if value("policy_risk"):
        add("policy-risk", f"procurement risk: {value('policy_risk')}", "policy_risk")


def _with(text: str, note: str | None) -> str:
    return f"{text}: {note}" if note else text


def _millions(count: int) -> str:
    return f"{count // 1_000_000}M"
