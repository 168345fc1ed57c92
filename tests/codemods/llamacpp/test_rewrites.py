"""The llama-cpp-python codemod on snippets: what it writes, what it leaves, and why.

Every rewrite_snippet call also checks that the output parses and that a second run changes nothing.
"""

from __future__ import annotations

import pytest
from sovmigrate.codemods.llama_cpp import LlamaCppCodemod

from tests.rewrite.helpers import dedent, rewrite_snippet

COMPLETION = "temperature=0.8, top_p=0.95, top_k=40, min_p=0.05"
CHAT = "temperature=0.2, top_p=0.95, top_k=40, min_p=0.05"

FIXES = [
    pytest.param(
        """
        from llama_cpp import Llama

        llm = Llama(model_path="m.gguf", n_gpu_layers=-1)
        out = llm("Q: planets? A:", max_tokens=32, stop=["Q:"])
        print(out["choices"][0]["text"])
        """,
        f"""
        from sovmigrate.adapter import connect

        llm = connect(default="llamacpp:m.gguf", n_gpu_layers=-1, n_ctx=512)
        out = llm.complete("Q: planets? A:", max_tokens=32, stop=["Q:"], {COMPLETION})
        print(out["choices"][0]["text"])
        """,
        id="completion-keeps-its-consumer",
    ),
    pytest.param(
        """
        import llama_cpp

        llm = llama_cpp.Llama("m.gguf", n_ctx=2048)
        text = llm.create_completion("Once upon a time")["choices"][0]["text"]
        """,
        f"""
        from sovmigrate.adapter import connect

        llm = connect(default="llamacpp:m.gguf", n_ctx=2048)
        text = llm.complete("Once upon a time", max_tokens=16, {COMPLETION})["choices"][0]["text"]
        """,
        id="16-token-default-written-out",
    ),
    pytest.param(
        """
        from llama_cpp import Llama as L

        def answer(question, path):
            llm = L(model_path=path, verbose=False)
            r = llm.create_chat_completion(
                messages=[{"role": "user", "content": question}],  # one turn
                max_tokens=64,
                repeat_penalty=1.1,
            )
            return r["choices"][0]["message"]["content"]
        """,
        """
        from sovmigrate.adapter import connect

        def answer(question, path):
            llm = connect(default=f"llamacpp:{path}", verbose=False, n_ctx=512)
            r = llm.chat(
                messages=[{"role": "user", "content": question}],  # one turn
                max_tokens=64,
                repetition_penalty=1.1,
                temperature=0.2,
                top_p=0.95,
                top_k=40,
                min_p=0.05,
            )
            return r["choices"][0]["message"]["content"]
        """,
        id="chat-in-a-function-with-alias-and-comment",
    ),
    pytest.param(
        """
        from llama_cpp import Llama

        llm = Llama(model_path="m.gguf")
        for chunk in llm.create_chat_completion(messages=msgs, stream=True, temperature=0):
            print(chunk["choices"][0]["delta"].get("content", ""), end="")
        for chunk in llm("Hello", stream=True, max_tokens=8):
            print(chunk["choices"][0]["text"], end="")
        """,
        """
        from sovmigrate.adapter import connect

        llm = connect(default="llamacpp:m.gguf", n_ctx=512)
        for chunk in llm.stream_chat(messages=msgs, temperature=0, top_p=0.95, top_k=40, min_p=0.05):
            print(chunk["choices"][0]["delta"].get("content", ""), end="")
        for chunk in llm.stream_complete("Hello", max_tokens=8, temperature=0.8, top_p=0.95, top_k=40, min_p=0.05):
            print(chunk["choices"][0]["text"], end="")
        """,
        id="streaming-chat-and-completion",
    ),
    pytest.param(
        """
        from llama_cpp import Llama

        llm = Llama(model_path="e.gguf", embedding=True)
        one = llm.embed("hello")
        many = llm.embed(["a", "b"])
        r = llm.create_embedding(input=["a", "b"])
        print(r["data"][0]["embedding"])
        """,
        """
        from sovmigrate.adapter import connect

        llm = connect(default="llamacpp:e.gguf", embedding=True, n_ctx=512, pooling_type=-1)
        one = llm.embed("hello")[0]
        many = llm.embed(["a", "b"])
        r = llm.embeddings(["a", "b"])
        print(r["data"][0]["embedding"])
        """,
        id="embeddings-keep-their-shapes-and-pooling",
    ),
    pytest.param(
        """
        from llama_cpp import Llama

        class Bot:
            def __init__(self, path):
                self.llm = Llama(model_path=path, n_ctx=4096)

            def ask(self, prompt):
                n = len(self.llm.tokenize(prompt.encode("utf-8"), add_bos=False))
                return n, self.llm(prompt, max_tokens=None, temperature=0)["choices"][0]["text"]

            def close(self):
                self.llm.close()
        """,
        """
        from sovmigrate.adapter import connect

        class Bot:
            def __init__(self, path):
                self.llm = connect(default=f"llamacpp:{path}", n_ctx=4096)

            def ask(self, prompt):
                n = len(self.llm.tokenize(prompt.encode("utf-8"), add_special=False))
                return n, self.llm.complete(prompt, max_tokens=None, temperature=0, top_p=0.95, top_k=40, min_p=0.05)["choices"][0]["text"]

            def close(self):
                self.llm.close()
        """,
        id="attribute-of-self-with-tokenize-and-close",
    ),
    pytest.param(
        """
        import llama_cpp

        with llama_cpp.Llama(model_path="m.gguf", n_ctx=128) as llm:
            print(llm.n_ctx(), llm(prompt, max_tokens=4, suffix=None, echo=False)["choices"][0]["text"])
        print(llama_cpp.LLAMA_POOLING_TYPE_MEAN)
        """,
        f"""
        import llama_cpp
        from sovmigrate.adapter import connect

        with connect(default="llamacpp:m.gguf", n_ctx=128) as llm:
            print(llm.capabilities.max_context, llm.complete(prompt, max_tokens=4, {COMPLETION})["choices"][0]["text"])
        print(llama_cpp.LLAMA_POOLING_TYPE_MEAN)
        """,
        id="with-block-n_ctx-inert-arguments-and-an-import-still-used",
    ),
]


@pytest.mark.parametrize(("before", "after"), FIXES)
def test_safe_rewrites(before: str, after: str) -> None:
    out = rewrite_snippet(before, LlamaCppCodemod)
    assert out.code == dedent(after)
    assert all(o.applied and o.safety.value == "safe" for o in out.outcomes), out.summary()


UNSAFE = [
    pytest.param(
        """
        from llama_cpp import Llama

        llm = Llama(model_path="m.gguf")
        print(llm.detokenize(llm.tokenize(b"Hello", add_bos=False)).decode("utf-8"))
        """,
        """
        from sovmigrate.adapter import connect

        llm = connect(default="llamacpp:m.gguf", n_ctx=512)
        print(llm.detokenize(llm.tokenize(b"Hello", add_special=False)))
        """,
        "detokenize returns str",
        id="detokenize-consumer-unwrapped",
    ),
    pytest.param(
        """
        from llama_cpp import Llama

        llm = Llama(model_path="m.gguf")
        out = llm("Q: ", max_tokens=48, echo=True)
        """,
        f"""
        from sovmigrate.adapter import connect

        llm = connect(default="llamacpp:m.gguf", n_ctx=512)
        out = llm.complete("Q: ", max_tokens=48, echo=True, {COMPLETION})
        """,
        "echoes the prompt",
        id="echo",
    ),
    pytest.param(
        """
        from llama_cpp import Llama

        params = {"n_ctx": 1024}
        llm = Llama(model_path="m.gguf", **params)
        try:
            out = llm("Q: ", max_tokens=8)
        except ValueError:
            out = None
        """,
        f"""
        from sovmigrate.adapter import connect

        params = {{"n_ctx": 1024}}
        llm = connect(default="llamacpp:m.gguf", **params)
        try:
            out = llm.complete("Q: ", max_tokens=8, {COMPLETION})
        except ValueError:
            out = None
        """,
        "AdapterError",
        id="kwargs-and-caught-errors",
    ),
]


@pytest.mark.parametrize(("before", "after", "why"), UNSAFE)
def test_unsafe_rewrites_need_the_flag(before: str, after: str, why: str) -> None:
    assert rewrite_snippet(before, LlamaCppCodemod).code == dedent(before)
    listed = rewrite_snippet(before, LlamaCppCodemod).outcomes
    assert {o.safety.value for o in listed} == {"unsafe"} and not any(o.applied for o in listed)
    assert any(why in o.reason for o in listed)
    out = rewrite_snippet(before, LlamaCppCodemod, unsafe=True)
    assert out.code == dedent(after)
    assert all(o.applied for o in out.outcomes)


MANUAL = [
    pytest.param(
        """
        from llama_cpp import Llama

        llm = Llama.from_pretrained(repo_id="org/m-GGUF", filename="*Q8_0.gguf")
        llm("Hi")
        """,
        "Hugging Face hub",
        id="from_pretrained",
    ),
    pytest.param(
        """
        from llama_cpp import Llama, LlamaGrammar

        llm = Llama(model_path="m.gguf")
        llm("Hi", max_tokens=8)
        llm("Hi", grammar=LlamaGrammar.from_string(g))
        """,
        "GBNF grammars",
        id="grammar-keeps-the-whole-model",
    ),
    pytest.param(
        """
        from llama_cpp import Llama

        llm = Llama(model_path="m.gguf")
        serve(llm)
        """,
        "uses the model outside",
        id="passed-to-unknown-code",
    ),
    pytest.param(
        """
        from llama_cpp import Llama

        llm = Llama(model_path="m.gguf")
        state = llm.save_state()
        """,
        "`save_state()` has no adapter equivalent",
        id="unsupported-method",
    ),
    pytest.param(
        """
        from llama_cpp import Llama

        llm = Llama(model_path="m.gguf", embedding=True)
        vectors = llm.embed(texts)
        """,
        "one text or a list of texts",
        id="embed-input-of-unknown-shape",
    ),
    pytest.param(
        """
        from llama_cpp import Llama

        llm = Llama(model_path="m.gguf")
        out = llm.create_chat_completion(messages=m, stream=streaming)
        """,
        "decided at run time",
        id="stream-flag-at-run-time",
    ),
    pytest.param(
        """
        from llama_cpp import Llama

        def ask(llm: Llama, prompt):
            return llm.create_completion(prompt)
        """,
        "not built by a Llama(...) call in this module",
        id="model-passed-in",
    ),
    pytest.param(
        """
        from llama_cpp import Llama

        llm = Llama(model_path="m.gguf")
        ids = llm.generate(tokens, top_k=1)
        """,
        "low-level token loop",
        id="low-level-generate",
    ),
]


@pytest.mark.parametrize(("source", "why"), MANUAL)
def test_manual_sites_are_left_with_the_reason(source: str, why: str) -> None:
    out = rewrite_snippet(source, LlamaCppCodemod, unsafe=True)
    assert out.code == dedent(source)
    assert out.outcomes and all(o.safety.value == "manual" and not o.applied for o in out.outcomes)
    assert any(why in o.reason for o in out.outcomes), [o.reason for o in out.outcomes]


def test_annotate_marks_each_manual_site_once() -> None:
    source = MANUAL[3].values[0]
    out = rewrite_snippet(source, LlamaCppCodemod, annotate=True)
    todo = "# sovmigrate: TODO(SOV101): `save_state()` has no adapter equivalent (`llm.save_state(...)`)"
    assert out.code.count(todo) == 1


NOOP = [
    pytest.param("import llama_cpp\nprint(llama_cpp.__version__)\n", id="import-only"),
    pytest.param("from mylib import Llama\nllm = Llama('m.gguf')\nllm('Hi')\n", id="same-name-other-package"),
    pytest.param(
        'from sovmigrate.adapter import connect\nllm = connect(default="llamacpp:m.gguf")\nllm.complete("x")\n',
        id="already-migrated",
    ),
]


@pytest.mark.parametrize("source", NOOP)
def test_code_without_llama_cpp_models_is_untouched(source: str) -> None:
    out = rewrite_snippet(source, LlamaCppCodemod, unsafe=True)
    assert out.code == source
    assert out.outcomes == []


def test_selecting_calls_without_the_model_leaves_them_manual() -> None:
    source = 'from llama_cpp import Llama\nllm = Llama("m.gguf")\nllm("Hi")\n'
    out = rewrite_snippet(source, LlamaCppCodemod, select=("SOV102",))
    assert out.code == source
    assert [(o.rule, o.safety.value) for o in out.outcomes] == [("SOV102", "manual")]
    assert "SOV101" in out.outcomes[0].reason


def test_name_clash_gets_an_alias_and_model_path_expressions_become_specs() -> None:
    out = rewrite_snippet(
        """
        import os
        from llama_cpp import Llama

        def connect():
            return "mine"

        a = Llama(model_path=os.path.join(d, "m.gguf"))
        b = Llama(model_path=f"{d}/m.gguf")
        c = Llama(model_path=paths["it's"])
        """,
        LlamaCppCodemod,
    )
    assert "from sovmigrate.adapter import connect as adapter_connect" in out.code
    assert "a = adapter_connect(default=f'llamacpp:{os.path.join(d, \"m.gguf\")}', n_ctx=512)" in out.code
    assert 'b = adapter_connect(default=f"llamacpp:{d}/m.gguf", n_ctx=512)' in out.code
    assert 'c = adapter_connect(default="llamacpp:" + str(paths["it\'s"]), n_ctx=512)' in out.code


def test_crlf_bom_and_tabs_survive() -> None:
    source = '\ufefffrom llama_cpp import Llama\r\nif True:\r\n\tllm = Llama("m.gguf")\r\n\tllm("Hi", max_tokens=2)\r\n'
    out = rewrite_snippet(source.encode("utf-8"), LlamaCppCodemod)
    assert out.code.startswith("\ufefffrom sovmigrate.adapter import connect\r\n")
    assert '\tllm.complete("Hi", max_tokens=2, temperature=0.8' in out.code
    assert "\n" not in out.code.replace("\r\n", "")
