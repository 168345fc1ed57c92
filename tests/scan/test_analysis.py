"""The public per-module analysis: what codemods and the scanner's findings are both made from."""

from __future__ import annotations

import textwrap

import libcst as cst

from sovmigrate.scan.analysis import ModuleAnalysis, analyse


def analysed(source: str) -> ModuleAnalysis:
    return analyse(cst.parse_module(textwrap.dedent(source)))


def code(analysis: ModuleAnalysis, node: cst.CSTNode) -> str:
    return analysis.module.code_for_node(node)


def sites(analysis: ModuleAnalysis, api: str):
    return [site for site in analysis.calls if site.api == api]


def test_a_call_site_carries_its_nodes_arguments_and_the_call_that_built_its_receiver():
    analysis = analysed("""
        from llama_cpp import Llama as L
        llm = L(model_path="m.gguf", n_ctx=2048)
        out = llm("Q: hi", max_tokens=8)
    """)
    (ctor,) = sites(analysis, "llama_cpp.Llama")
    (call,) = sites(analysis, "llama_cpp.Llama#__call__")
    assert code(analysis, ctor.node) == 'L(model_path="m.gguf", n_ctx=2048)'
    assert ctor.origins == (ctor.node,) and ctor.receiver is None and ctor.method is None
    assert call.origins == (ctor.node,) and call.resolution == "resolved"
    assert call.method == "__call__" and code(analysis, call.receiver) == "llm"
    assert code(analysis, call.argument("prompt", 0).value) == '"Q: hi"'
    assert code(analysis, call.argument("max_tokens").node) == "max_tokens=8"
    assert call.argument("temperature") is None
    assert [rule.code for rule in call.rules] == ["SOV102"]
    # Identity, not equality: the node is the one in the module.
    assert any(call.node is node for node in _calls_in(analysis.module))
    assert code(analysis, analysis.statement(call.node)) == 'out = llm("Q: hi", max_tokens=8)'


def _calls_in(module: cst.Module) -> list[cst.Call]:
    found: list[cst.Call] = []

    class Visitor(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            found.append(node)

    module.visit(Visitor())
    return found


def test_factories_and_self_attributes_lead_back_to_the_constructor():
    analysis = analysed("""
        from llama_cpp import Llama

        def load(path):
            return Llama(model_path=path)

        class Bot:
            def __init__(self, path):
                self.llm = None
                self.llm = load(path)

            def ask(self, messages):
                return self.llm.create_chat_completion(messages=messages)
    """)
    (ctor,) = sites(analysis, "llama_cpp.Llama")
    (chat,) = sites(analysis, "llama_cpp.Llama#create_chat_completion")
    assert chat.origins == (ctor.node,)
    assert chat.resolution == "resolved"  # `self.llm = None` before loading is not an unknown value
    assert code(analysis, chat.receiver) == "self.llm"
    assert analysis.calls_from(ctor.node) == (chat,)


def test_a_receiver_rebound_to_something_unknown_is_ambiguous():
    analysis = analysed("""
        from llama_cpp import Llama
        llm = Llama(model_path="m.gguf")
        llm = instrument(llm)
        llm("hi")
    """)
    (call,) = sites(analysis, "llama_cpp.Llama#__call__")
    assert call.resolution == "ambiguous"


def test_a_receiver_built_in_two_places_is_ambiguous_with_both_origins():
    analysis = analysed("""
        from llama_cpp import Llama
        if small:
            llm = Llama(model_path="small.gguf")
        else:
            llm = Llama(model_path="big.gguf")
        llm("hi")
    """)
    (call,) = sites(analysis, "llama_cpp.Llama#__call__")
    assert call.resolution == "ambiguous" and len(call.origins) == 2


def test_an_untraceable_receiver_with_a_vendor_only_method_is_inferred():
    analysis = analysed("""
        import llama_cpp

        def answer(model, question):
            return model.create_chat_completion(messages=[{"role": "user", "content": question}])

        def summarise(chain, text):
            return chain.create_summary(text)
    """)
    (site,) = [s for s in analysis.calls if s.method == "create_chat_completion"]
    assert site.resolution == "inferred" and site.origins == ()
    assert not [s for s in analysis.calls if s.method == "create_summary"]


def test_subclass_constructions_and_awaited_calls_are_marked():
    analysis = analysed("""
        from llama_cpp import Llama
        from ollama import AsyncClient

        class Tuned(Llama):
            pass

        tuned = Tuned(model_path="m.gguf")

        async def main():
            client = AsyncClient(host="http://localhost:11434")
            return await client.chat(model="qwen2.5", messages=[])
    """)
    (built,) = sites(analysis, "llama_cpp.Llama")
    assert built.subclass is not None and built.subclass.name.value == "Tuned"
    (chat,) = sites(analysis, "ollama.AsyncClient#chat")
    assert chat.is_await and chat.host == "local"


def test_references_say_where_an_object_escapes():
    analysis = analysed("""
        from llama_cpp import Llama
        llm = Llama(model_path="m.gguf")
        alias = llm
        if llm is None:
            raise SystemExit
        alias("hi")
        register(llm)
        models = [llm]
        llm.metadata["general.name"]

        def get():
            return llm
    """)
    (ctor,) = sites(analysis, "llama_cpp.Llama")
    refs = analysis.references(ctor.node)
    assert sorted(code(analysis, node) for node in refs.bindings) == ["alias", "llm"]
    assert [site.api for site in refs.calls] == ["llama_cpp.Llama#__call__"]
    assert [code(analysis, node) for node in refs.tests] == ["llm"]
    assert sorted((code(analysis, node), reason) for node, reason in refs.escapes) == [
        ("llm", "argument"),
        ("llm", "container"),
        ("llm", "returned"),
        ("llm.metadata", "attribute"),
    ]


def test_references_of_an_object_used_only_through_vendor_calls_have_no_escapes():
    analysis = analysed("""
        from openai import OpenAI
        client = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")
        completions = client.chat.completions
        reply = completions.create(model="m", messages=[])
        print(reply.choices[0].message.content)
    """)
    (ctor,) = sites(analysis, "openai.OpenAI")
    refs = analysis.references(ctor.node)
    assert refs.escapes == ()
    assert [site.api for site in refs.calls] == ["openai.OpenAI#chat.completions.create"]
    assert refs.calls[0].host == "local"


def test_import_bindings_and_whether_anything_still_uses_them():
    analysis = analysed("""
        import os.path
        import ollama
        from llama_cpp import Llama as L, LlamaGrammar
        from .local import helper
        from vllm import LLM

        __all__ = ["LLM"]
        L(model_path=os.path.join("a", "b"))
    """)
    bindings = {b.local: b for b in analysis.imports}
    assert {name: b.qualified for name, b in bindings.items()} == {
        "os": "os",
        "ollama": "ollama",
        "L": "llama_cpp.Llama",
        "LlamaGrammar": "llama_cpp.LlamaGrammar",
        "helper": ".local.helper",
        "LLM": "vllm.LLM",
    }
    used = {name for name, binding in bindings.items() if analysis.is_used(binding)}
    assert used == {"os", "L", "LLM"}  # LLM is exported through __all__
    assert [b.local for b in analysis.imports_of("llama_cpp")] == ["L", "LlamaGrammar"]
    assert all(b.module_level for b in analysis.imports)


def test_names_in_store_positions_are_not_uses():
    analysis = analysed("""
        import ollama

        def run():
            ollama, other = 1, 2
            for ollama in range(3):
                pass
    """)
    (binding,) = analysis.imports
    assert not analysis.is_used(binding)


def test_bedrock_clients_and_hosts_are_part_of_the_api_key():
    analysis = analysed("""
        import boto3
        runtime = boto3.client("bedrock-runtime", region_name="us-east-1")
        runtime.converse(modelId="meta.llama3-1-8b-instruct-v1:0", messages=[])
    """)
    assert [site.api for site in analysis.calls] == [
        "boto3.client:bedrock-runtime",
        "boto3.client:bedrock-runtime#converse",
    ]
    assert analysis.calls[1].origins == (analysis.calls[0].node,)


def test_star_arguments_are_visible():
    analysis = analysed("""
        from llama_cpp import Llama
        llm = Llama(model_path="m.gguf")
        llm.create_completion(prompt, *extra, **options)
    """)
    (site,) = sites(analysis, "llama_cpp.Llama#create_completion")
    assert site.has_star_arguments
    assert [(a.keyword, a.position, a.star) for a in site.arguments] == [
        (None, 0, ""),
        (None, None, "*"),
        (None, None, "**"),
    ]


def test_findings_are_made_from_the_same_nodes():
    analysis = analysed("""
        from llama_cpp import Llama
        llm = Llama(model_path="llama-2-7b-chat.Q4_K_M.gguf", draft_model=draft)
    """)
    by_code = {raw.rule.code: raw for raw in analysis.findings}
    (ctor,) = sites(analysis, "llama_cpp.Llama")
    assert by_code["SOV101"].node is ctor.node
    assert by_code["SOV705"].node is ctor.argument("draft_model").node
    assert by_code["SOV505"].api == "llama-2-7b-chat.Q4_K_M.gguf"
