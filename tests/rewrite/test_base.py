"""The codemod base class: safety levels, TODO annotations, imports, suppressions, unresolved sites.

These run the test-local codemods of sample_codemods.py (the engine codemods have their own tests);
every expected output is written out by hand.
"""

from __future__ import annotations

import pytest

from sovmigrate.rewrite.transform import Options, transform_source
from sovmigrate.rules.model import FixSafety
from tests.rewrite.helpers import dedent, rewrite_snippet
from tests.rewrite.sample_codemods import SampleLlamaCodemod, SampleOllamaCodemod

SOURCE = """
    from llama_cpp import Llama

    llm = Llama(model_path="m.gguf")
    out = llm("Q: hi", max_tokens=8)
    more = llm.create_completion("Q: hi")
    chat = llm.create_chat_completion(messages=[])
"""


def test_safe_fixes_are_made_unsafe_ones_listed_manual_ones_reported():
    out = rewrite_snippet(SOURCE, SampleLlamaCodemod)
    assert out.code == dedent("""
        from sample_adapter import complete, load

        llm = load(model_path="m.gguf")
        out = complete(llm, "Q: hi", max_tokens=8)
        more = llm.create_completion("Q: hi")
        chat = llm.create_chat_completion(messages=[])
    """)
    assert out.summary() == [
        (3, "SOV101", "safe", True),
        (4, "SOV102", "safe", True),
        (5, "SOV102", "unsafe", False),
        (6, "SOV103", "manual", False),
    ]
    reasons = {o.rule: o.reason for o in out.outcomes if not o.applied}
    assert reasons == {
        "SOV102": "relied on the 16-token default; max_tokens=16 written out",
        "SOV103": "chat completions are not handled by the sample codemod",
    }


def test_unsafe_fixes_are_made_on_request():
    out = rewrite_snippet(SOURCE, SampleLlamaCodemod, unsafe=True)
    assert 'more = complete(llm, "Q: hi", max_tokens=16)\n' in out.code
    assert (5, "SOV102", "unsafe", True) in out.summary()


def test_annotate_adds_one_todo_above_the_statement_and_keeps_it_on_reruns():
    source = """
        from llama_cpp import Llama

        llm = Llama(model_path="m.gguf")
        def ask():
            # the user's own comment stays
            return llm.create_chat_completion(messages=[])
    """
    out = rewrite_snippet(source, SampleLlamaCodemod, annotate=True)
    assert out.code == dedent("""
        from sample_adapter import load

        llm = load(model_path="m.gguf")
        def ask():
            # the user's own comment stays
            # sovmigrate: TODO(SOV103): chat completions are not handled by the sample codemod
            return llm.create_chat_completion(messages=[])
    """)
    # rewrite_snippet already ran it twice; a third run on the annotated output adds nothing either.
    assert rewrite_snippet(out.code, SampleLlamaCodemod, annotate=True).code == out.code


def test_a_todo_above_the_first_statement_is_not_added_twice():
    # libcst keeps comments above the first statement in the module header, not in the statement.
    out = rewrite_snippet(
        "import llama_cpp\nllama_cpp.Llama('m').create_chat_completion(messages=[])\n",
        SampleLlamaCodemod,
        annotate=True,
        select=("SOV103",),
    )
    assert out.code.count("TODO(SOV103)") == 1


def test_added_import_takes_an_alias_when_the_name_is_taken():
    out = rewrite_snippet(
        """
        from llama_cpp import Llama

        def load(path):
            return path

        llm = Llama(load("m.gguf"))
    """,
        SampleLlamaCodemod,
    )
    assert out.code.startswith("from sample_adapter import load as sample_adapter_load\n")
    assert 'llm = sample_adapter_load(load("m.gguf"))' in out.code


def test_an_existing_import_of_the_adapter_is_reused():
    out = rewrite_snippet(
        """
        from sample_adapter import load as L
        from llama_cpp import Llama
        llm = Llama("m.gguf")
    """,
        SampleLlamaCodemod,
    )
    assert out.code == 'from sample_adapter import load as L\nllm = L("m.gguf")\n'


def test_a_vendor_import_stays_while_anything_still_uses_it():
    out = rewrite_snippet(
        """
        import llama_cpp
        from llama_cpp import Llama, LlamaGrammar

        llm = Llama("m.gguf")
        grammar = LlamaGrammar.from_string("root ::= 'x'")
    """,
        SampleLlamaCodemod,
    )
    assert out.code == dedent("""
        from llama_cpp import LlamaGrammar
        from sample_adapter import load

        llm = load("m.gguf")
        grammar = LlamaGrammar.from_string("root ::= 'x'")
    """)


@pytest.mark.parametrize(
    "comment", ["# sovmigrate: ignore[SOV102]", "# noqa: SOV102", "# sovmigrate: ignore"]
)
def test_a_suppressed_site_is_neither_reported_nor_rewritten(comment):
    out = rewrite_snippet(
        f"""
        from llama_cpp import Llama
        llm = Llama("m.gguf")
        out = llm("Q", max_tokens=8)  {comment}
    """,
        SampleLlamaCodemod,
        select=("SOV102",),
    )
    assert f'out = llm("Q", max_tokens=8)  {comment}\n' in out.code
    assert out.outcomes == []


def test_a_site_the_analysis_could_not_resolve_is_left_for_manual_work():
    source = """
        import llama_cpp

        def ask(llm):
            return llm.create_completion("Q", max_tokens=8)
    """
    out = rewrite_snippet(source, SampleLlamaCodemod, select=("SOV102",))
    assert out.code == dedent(source)
    [outcome] = out.outcomes
    assert (outcome.rule, outcome.safety.value, outcome.applied) == ("SOV102", "manual", False)
    assert (
        outcome.reason
        == "the receiver is not traceable here (matched by the method name); rewrite it by hand"
    )


def test_sites_the_codemod_leaves_undecided_are_reported_as_manual():
    class Lazy(SampleLlamaCodemod):
        def plan(self) -> None:
            pass

    out = rewrite_snippet("from llama_cpp import Llama\nllm = Llama('m.gguf')\n", Lazy)
    assert out.summary() == [(2, "SOV101", "manual", False)]
    assert out.outcomes[0].reason == "no automatic rewrite for this form of the call"


def test_codemods_run_in_order_and_each_sees_the_others_output():
    out = rewrite_snippet(
        """
        import ollama
        from llama_cpp import Llama
        llm = Llama("m.gguf")
        r = ollama.chat(model="llama3", messages=[])
    """,
        SampleOllamaCodemod,
        SampleLlamaCodemod,
    )
    # SampleLlamaCodemod (SOV101) runs first whatever the order given; the Ollama one then extends its import.
    assert out.code == dedent("""
        from sample_adapter import load, chat

        llm = load("m.gguf")
        r = chat(model="llama3", messages=[])
    """)
    # Positions are those of the original file, whichever codemod ran first.
    assert out.summary() == [(3, "SOV101", "safe", True), (4, "SOV202", "safe", True)]


def test_a_codemod_must_declare_the_codes_it_fixes():
    class Wrong(SampleOllamaCodemod):
        def plan(self) -> None:
            for site, _ in self.call_sites():
                self.fix(site.node, "SOV101", FixSafety.SAFE)

    result = transform_source(
        b"import ollama\nollama.chat(model='x')\n", (Wrong,), Options(frozenset({"SOV202"}))
    )
    assert result.error is not None and "does not declare SOV101" in result.error
    assert result.data == b"import ollama\nollama.chat(model='x')\n"


def test_a_todo_whose_reason_changes_between_runs_is_not_added_again():
    class Chatty(SampleLlamaCodemod):
        runs = 0

        def plan(self) -> None:
            Chatty.runs += 1
            for site, rule in self.call_sites("SOV103"):
                self.manual(site.node, rule, f"seen on run {Chatty.runs}")

    source = "from llama_cpp import Llama\nllm = Llama('m')\nr = llm.create_chat_completion(messages=[])\n"
    out = rewrite_snippet(source, Chatty, annotate=True, select=("SOV103",))
    assert out.code.count("# sovmigrate: TODO(SOV103): seen on run") == 1
