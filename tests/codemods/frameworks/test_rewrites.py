"""The LangChain and LlamaIndex codemods on snippets: what each construction becomes, and which sites stay
unsafe or manual, with the reason. Every rewrite_snippet call also checks the output parses and a second run is a
no-op."""

from __future__ import annotations

from sovmigrate.codemods.langchain import LangChainCodemod
from sovmigrate.codemods.llama_index import LlamaIndexCodemod

from tests.rewrite.helpers import Snippet, dedent, rewrite_snippet


def reasons(out: Snippet) -> list[tuple[str, str, bool, str]]:
    return [(o.rule, o.safety.value, o.applied, o.reason) for o in out.outcomes]


def test_llamacpp_with_its_defaults_written_out_and_the_layout_kept() -> None:
    out = rewrite_snippet(
        """
        from langchain_community.llms import LlamaCpp
        from langchain_core.prompts import PromptTemplate

        llm = LlamaCpp(
            model_path="m.gguf",
            temperature=0.7,
            n_ctx=2048,  # long prompts
            n_gpu_layers=-1,
            repeat_penalty=1.2,
            callbacks=[],
        )
        chain = PromptTemplate.from_template("Q {q}") | llm
        print(llm.invoke("hi"))
        """,
        LangChainCodemod,
    )
    assert out.code == dedent(
        """
        from langchain_core.prompts import PromptTemplate
        from sovmigrate.adapter import connect
        from sovmigrate.integrations.langchain import SovmigrateLLM

        llm = SovmigrateLLM(
            client=connect(
                default="llamacpp:m.gguf",
                n_ctx=2048,
                n_gpu_layers=-1,
                n_batch=8,
                rope_freq_base=10000.0,
                rope_freq_scale=1.0,
            ),
            temperature=0.7,
            repetition_penalty=1.2,
            callbacks=[],
            max_tokens=256,
            top_p=0.95,
            top_k=40,
            min_p=0.05,
        )
        chain = PromptTemplate.from_template("Q {q}") | llm
        print(llm.invoke("hi"))
        """
    )
    assert out.summary() == [(4, "SOV400", "safe", True), (13, "SOV401", "safe", True)]


def test_chat_ollama_options_format_and_host() -> None:
    out = rewrite_snippet(
        """
        from langchain_ollama import ChatOllama
        chat = ChatOllama(model=MODEL, base_url=HOST, format="json", num_ctx=8192, num_gpu=1, num_predict=64)
        """,
        LangChainCodemod,
    )
    assert out.code == dedent(
        """
        from sovmigrate.adapter import connect
        from sovmigrate.integrations.langchain import ChatSovmigrate

        chat = ChatSovmigrate(client=connect(default=f"ollama:{MODEL}", param_defaults="engine", timeout=None, host=HOST, num_ctx=8192, options={'num_gpu': 1}), max_tokens=64, response_format={"type": "json_object"})
        """
    )


def test_ollama_generate_wrapper_is_unsafe_and_needs_the_flag() -> None:
    source = """
        from langchain_ollama import OllamaLLM
        llm = OllamaLLM(model="llama3")
        print(llm.invoke("Why is the sky blue?"))
        """
    listed = rewrite_snippet(source, LangChainCodemod)
    assert listed.code == dedent(source)
    assert [(r, s, a) for r, s, a, _ in reasons(listed)] == [
        ("SOV400", "unsafe", False),
        ("SOV401", "unsafe", False),
    ]
    assert "TEMPLATE" in listed.outcomes[0].reason
    fixed = rewrite_snippet(source, LangChainCodemod, unsafe=True)
    assert (
        'SovmigrateLLM(client=connect(default="ollama:llama3", param_defaults="engine", timeout=None), '
        in fixed.code
    )
    assert "chat_template=True)" in fixed.code


def test_manual_when_the_vendor_object_is_used_as_such() -> None:
    out = rewrite_snippet(
        """
        from langchain_community.llms import LlamaCpp
        from langchain_ollama import ChatOllama
        llm = LlamaCpp(model_path="m.gguf")
        print(llm.client.n_ctx())
        chat = ChatOllama(model="llama3")
        agent_model = chat.bind_tools([search])
        other = ChatOllama(model="llama3")
        assert isinstance(other, ChatOllama)
        grammar = LlamaCpp(model_path="m.gguf", grammar_path="json.gbnf")
        """,
        LangChainCodemod,
    )
    assert "from langchain_community.llms import LlamaCpp" in out.code and "sovmigrate" not in out.code
    manual = {o.line: o.reason for o in out.outcomes if o.safety.value == "manual"}
    assert (
        "`client`" in manual[3] and "bind_tools" in manual[5] and "checks for the vendor class" in manual[7]
    )
    assert "GBNF" in manual[9]


def test_chat_model_handed_to_code_that_may_bind_tools_is_unsafe() -> None:
    out = rewrite_snippet(
        """
        from langchain_ollama import ChatOllama
        chat = ChatOllama(model="llama3")
        agent = create_agent(chat, tools=[search])
        chain = prompt | chat
        """,
        LangChainCodemod,
    )
    assert reasons(out) == [
        (
            "SOV400",
            "unsafe",
            False,
            (
                "the object is passed to `create_agent(...)`, which may bind tools; the adapter's ollama backend "
                "cannot call tools"
            ),
        )
    ]


def test_engine_parameter_names_in_a_call_keep_the_object_manual() -> None:
    out = rewrite_snippet(
        """
        from langchain_community.llms import LlamaCpp
        llm = LlamaCpp(model_path="m.gguf")
        llm.invoke("hi", repeat_penalty=1.3)
        """,
        LangChainCodemod,
    )
    assert [(r, s) for r, s, _, _ in reasons(out)] == [("SOV400", "manual"), ("SOV401", "manual")]
    assert "`repeat_penalty=`" in out.outcomes[0].reason


def test_several_connections_are_named_after_their_variables() -> None:
    out = rewrite_snippet(
        """
        from langchain_ollama import ChatOllama, OllamaEmbeddings
        chat = ChatOllama(model="llama3")
        embeddings = OllamaEmbeddings(model="nomic-embed-text")
        """,
        LangChainCodemod,
    )
    assert 'connect(default="ollama:llama3", name="chat",' in out.code
    assert 'connect(default="ollama:nomic-embed-text", name="embeddings",' in out.code
    assert "SovmigrateEmbeddings(client=" in out.code


def test_hosted_chat_models_keep_their_environment_lookups() -> None:
    out = rewrite_snippet(
        """
        from langchain_groq import ChatGroq
        chat = ChatGroq(model="llama-3.1-8b-instant")
        """,
        LangChainCodemod,
    )
    assert out.code == dedent(
        """
        from sovmigrate.adapter import connect
        from sovmigrate.integrations.langchain import ChatSovmigrate
        from os import environ

        chat = ChatSovmigrate(client=connect(default="openai:llama-3.1-8b-instant", base_url=environ.get("GROQ_API_BASE", "https://api.groq.com") + "/openai/v1", param_defaults="engine", api_key=environ.get("GROQ_API_KEY")), temperature=0.7)
        """
    )


def test_community_ollama_embeddings_keep_their_prefixes_and_are_unsafe() -> None:
    out = rewrite_snippet(
        """
        from langchain_community.embeddings import OllamaEmbeddings
        embeddings = OllamaEmbeddings()
        """,
        LangChainCodemod,
        unsafe=True,
    )
    assert (
        'connect(default="ollama:llama2", param_defaults="engine", timeout=None, host="http://localhost:11434")'
        in out.code
    )
    assert 'document_prefix="passage: ", query_prefix="query: "' in out.code
    assert out.summary() == [(2, "SOV400", "unsafe", True)]


def test_llamaindex_llamacpp_folds_generate_and_model_kwargs() -> None:
    out = rewrite_snippet(
        """
        from llama_index.core import Settings
        from llama_index.llms.llama_cpp import LlamaCPP
        from llama_index.llms.llama_cpp.llama_utils import messages_to_prompt

        Settings.llm = LlamaCPP(
            model_path=path,
            generate_kwargs={"top_k": 10, "temperature": 0.9},
            model_kwargs={"n_gpu_layers": -1},
            messages_to_prompt=messages_to_prompt,
            verbose=False,
        )
        """,
        LlamaIndexCodemod,
    )
    assert out.code == dedent(
        """
        from llama_index.core import Settings
        from llama_index.llms.llama_cpp.llama_utils import messages_to_prompt
        from sovmigrate.adapter import connect
        from sovmigrate.integrations.llama_index import SovmigrateLLM

        Settings.llm = SovmigrateLLM(
            client=connect(default=f"llamacpp:{path}", n_gpu_layers=-1, n_ctx=3900),
            messages_to_prompt=messages_to_prompt,
            top_k=10,
            temperature=0.1,
            max_tokens=256,
            top_p=0.95,
            min_p=0.05,
            is_chat_model=False,
        )
        """
    )


def test_llamaindex_ollama_is_unsafe_with_its_reasons() -> None:
    out = rewrite_snippet(
        """
        from llama_index.llms.ollama import Ollama
        llm = Ollama("llama3", request_timeout=120.0, additional_kwargs={"num_predict": 64, "num_gpu": 1})
        """,
        LlamaIndexCodemod,
        unsafe=True,
    )
    assert out.code.endswith(
        'llm = SovmigrateLLM(client=connect(default="ollama:llama3", param_defaults="engine", timeout=120.0, '
        "host=\"http://localhost:11434\", options={'num_gpu': 1}), max_tokens=64)\n"
    )
    assert "tools" in out.outcomes[0].reason and "num_ctx" in out.outcomes[0].reason


def test_llamaindex_model_download_stays_manual() -> None:
    source = """
        from llama_index.llms.llama_cpp import LlamaCPP
        llm = LlamaCPP(model_url="https://example.org/m.gguf")
        """
    out = rewrite_snippet(source, LlamaIndexCodemod, annotate=True)
    assert out.code == dedent(
        """
        from llama_index.llms.llama_cpp import LlamaCPP
        # sovmigrate: TODO(SOV410): LlamaCPP downloads the model from `model_url=`; download it once and connect to its path
        llm = LlamaCPP(model_url="https://example.org/m.gguf")
        """
    )
