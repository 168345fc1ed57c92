"""Hugging Face transformers → the neutral adapter (SOV140–SOV145).

Two shapes are rewritten, each with every call on its object or not at all:

- ``pipeline("text-generation", model=...)`` and its calls (``_transformers_pipeline``): results wrapped in
  ``views.pipeline_output`` / ``views.pipeline_chat_output`` so ``out[0]["generated_text"]`` keeps working;
  the pipeline's ``return_full_text=True`` default becomes ``echo=True``.
- ``AutoModelForCausalLM.from_pretrained(...)`` (any causal-LM class) with ``apply_chat_template`` →
  ``generate`` → ``decode`` of the new tokens, or ``generate(..., streamer=TextStreamer(tok, skip_prompt=True))``
  (``_transformers_generate``): becomes ``model.chat(messages, ...)`` and ``.text``, or a ``stream_chat`` loop.

Connections pass ``decode="standalone"`` (transformers decodes the new tokens on their own: no leading
space) and ``param_defaults="engine"`` (what the call leaves out still comes from the model's
generation_config). Random sampling, the pipeline's own defaults where the model config is not readable, and
results that flow out of sight are unsafe; everything else the chain does with tensors is manual.
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst
from sovmigrate.codemods._base import SovmigrateCodemod
from sovmigrate.codemods._transformers_generate import ModelPlan
from sovmigrate.codemods._transformers_pipeline import PipelinePlan
from sovmigrate.codemods._vllm_hf_flow import Flow, scopes_of, unbound_use
from sovmigrate.codemods._vllm_hf_units import Unit, all_sites, covered_nodes, decide, imports_outcome, show

from sovmigrate.rules.model import FixSafety

__all__ = ["TransformersCodemod"]

LEFTOVER = {
    "SOV141": "no automatic rewrite for this pipeline",
    "SOV142": "the pipeline this call runs is not built here by a rewritable pipeline(...) call",
    "SOV143": "no automatic rewrite for this model load",
    "SOV144": "the model this call runs on is not loaded here by a rewritable from_pretrained(...)",
    "SOV145": "only a TextStreamer passed to a rewritten generate() is rewritten; "
    "TextIteratorStreamer runs generate() in a thread the adapter replaces with stream_chat()",
}


class TransformersCodemod(SovmigrateCodemod):
    """Rewrite text-generation pipelines and causal-LM generate chains to the adapter."""

    DESCRIPTION = (
        "Rewrite transformers text-generation pipelines and generate() chains to sovmigrate.adapter."
    )
    RULES = ("SOV140", "SOV141", "SOV142", "SOV143", "SOV144", "SOV145")
    EXTRA = "transformers"

    def plan(self) -> None:
        self.flow = Flow(scope_of=scopes_of(self.context.wrapper).get, parent=self.analysis.parent)
        sites = all_sites(self)
        self.by_node = {id(site.node): (site, rule) for site, rule in sites}
        plans = []
        for site, rule in sites:
            if rule == "SOV141":
                plans.append(PipelinePlan(self, site))
            elif rule == "SOV143":
                plans.append(ModelPlan(self, site))
        units = [(plan, self._planned(plan)) for plan in plans]
        decided: set[int] = set()
        applied = False
        for plan, unit in units:
            if decide(self, unit):
                self.replace(plan.site.node, plan.build_constructor)
                applied = True
            decided |= {id(node) for node, _ in unit.members}
        leftovers = [(site, rule) for site, rule in sites if id(site.node) not in decided]
        for site, rule in leftovers:
            if rule in self.codes:
                self.manual(site.node, rule, LEFTOVER[rule])
        safeties = [unit.safety(self.codes) for _, unit in units]
        if bool(leftovers) or self._unresolved():
            safeties.append(FixSafety.MANUAL)
        covered = covered_nodes([unit for _, unit in units], self.codes)
        imports_outcome(self, "SOV140", "transformers", safeties, applied, covered)

    def _planned(self, plan) -> Unit:
        unbound = unbound_use(self.analysis.parent(plan.site.node), plan.site.node)
        if unbound is not None:
            plan.unit.refuse(plan.site.node, f"the object is {unbound}, where the codemod cannot follow it")
            return plan.unit
        return plan.plan()

    def _unresolved(self) -> bool:
        return any(
            s.api.startswith("transformers") and s.resolution != "resolved" for s in self.analysis.calls
        )

    # ------------------------------------------------------------ helpers the plans use

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def show(self, node: cst.CSTNode) -> str:
        statement = self.analysis.statement(node)
        return show(self.module, statement if statement is not None else node)

    def source_path(self) -> Path | None:
        return Path(self.context.filename) if self.context.filename else None
