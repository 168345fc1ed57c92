"""The codemod base class is a libcst codemod command without importing libcst.codemod (see codemods/_command.py)."""

from __future__ import annotations

import subprocess
import sys

import libcst as cst
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
from sovmigrate.codemods._base import SovmigrateCodemod
from sovmigrate.codemods._imports import LIBCST_ADD, LIBCST_REMOVE

from sovmigrate.rewrite.transform import Options, transform_source
from sovmigrate.rules.model import FixSafety


class ImportsThroughLibcst(SovmigrateCodemod):
    """Schedules its import the libcst way (``AddImportsVisitor.add_needed_import``), as a user's codemod may."""

    RULES = ("SOV101",)

    def plan(self) -> None:
        for site, rule in self.call_sites():
            if self.fix(site.node, rule, FixSafety.SAFE):
                AddImportsVisitor.add_needed_import(self.context, "sovmigrate.adapter", "connect")
                self.replace(site.node, lambda call: call.with_changes(func=cst.Name("connect")))


def test_imports_scheduled_through_libcst_are_still_made():
    source = b'from llama_cpp import Llama\n\nllm = Llama(model_path="m.gguf")\n'
    result = transform_source(source, (ImportsThroughLibcst,), Options(frozenset({"SOV101"})), "app.py")
    assert result.error is None
    assert result.data == (
        b"from llama_cpp import Llama\nfrom sovmigrate.adapter import connect\n\n"
        b'llm = connect(model_path="m.gguf")\n'
    )


def test_the_scratch_keys_are_libcsts():
    assert (LIBCST_ADD, LIBCST_REMOVE) == (AddImportsVisitor.CONTEXT_KEY, RemoveImportsVisitor.CONTEXT_KEY)


def test_where_libcst_codemod_is_loaded_first_every_codemod_is_a_codemod_command():
    """As in libcst's own runner, which imports libcst.codemod before it loads a command."""
    probe = (
        "from libcst.codemod import CodemodCommand\n"
        "from sovmigrate.rewrite.registry import catalog_codemods\n"
        "print(len(catalog_codemods()), all(issubclass(c, CodemodCommand) for c in catalog_codemods()))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    count, answer = out.split()
    assert int(count) > 10 and answer == "True"
