"""Test-local codemods that exercise the framework before (and apart from) the real engine codemods.

They rewrite llama-cpp-python and Ollama calls to an imaginary ``sample_adapter`` module: the output
only has to parse (nothing here is ever run), and the expected outputs in the tests are written by hand.
"""

from __future__ import annotations

import libcst as cst
from sovmigrate.codemods._base import SovmigrateCodemod
from sovmigrate.codemods._calls import CallEdit

from sovmigrate.rules.model import FixSafety


class SampleLlamaCodemod(SovmigrateCodemod):
    """``Llama(...)`` -> ``load(...)``; ``llm(p, max_tokens=n)`` -> ``complete(llm, p, max_tokens=n)``.

    A completion without ``max_tokens`` relied on the 16-token default: unsafe, ``max_tokens=16`` is written
    out. ``grammar=`` and chat completions are left for manual work.
    """

    DESCRIPTION = "Sample: llama-cpp-python to sample_adapter."
    RULES = ("SOV101", "SOV102", "SOV103")
    EXTRA = "llamacpp"

    def plan(self) -> None:
        for site, rule in self.call_sites():
            if rule == "SOV103":
                self.manual(site.node, rule, "chat completions are not handled by the sample codemod")
            elif rule == "SOV101":
                self._constructor(site)
            elif site.argument("grammar") is not None:
                self.manual(site.node, rule, "grammar= has no neutral equivalent")
            elif site.argument("max_tokens") is not None:
                if self.fix(site.node, rule, FixSafety.SAFE):
                    self._completion(site, None)
            elif self.fix(
                site.node, rule, FixSafety.UNSAFE, "relied on the 16-token default; max_tokens=16 written out"
            ):
                self._completion(site, "16")

    def _constructor(self, site) -> None:  # type: ignore[no-untyped-def]
        if not self.fix(site.node, "SOV101", FixSafety.SAFE):
            return
        load = self.import_name("sample_adapter", "load")
        self.replace(site.node, lambda call: CallEdit(call).build().with_changes(func=cst.Name(load)))
        for binding in self.analysis.imports_of("llama_cpp"):
            self.remove_import_if_unused(binding)

    def _completion(self, site, max_tokens: str | None) -> None:  # type: ignore[no-untyped-def]
        complete = self.import_name("sample_adapter", "complete")
        receiver = site.receiver

        def build(call: cst.Call) -> cst.Call:
            edit = CallEdit(call)
            edit.func = cst.Name(complete)
            if max_tokens is not None:
                edit.set("max_tokens", self.expr(max_tokens))
            return edit.insert(0, cst.Arg(receiver)).build()

        self.replace(site.node, build)


class SampleOllamaCodemod(SovmigrateCodemod):
    """``ollama.chat(...)`` -> ``chat(...)`` from ``sample_adapter``, always safe."""

    DESCRIPTION = "Sample: ollama.chat to sample_adapter.chat."
    RULES = ("SOV202",)
    EXTRA = "ollama"

    def plan(self) -> None:
        for site, rule in self.call_sites():
            if self.fix(site.node, rule, FixSafety.SAFE):
                chat = self.import_name("sample_adapter", "chat")
                self.replace(site.node, lambda call, chat=chat: call.with_changes(func=cst.Name(chat)))
                for binding in self.analysis.imports_of("ollama"):
                    self.remove_import_if_unused(binding)


SAMPLES = (SampleLlamaCodemod, SampleOllamaCodemod)
