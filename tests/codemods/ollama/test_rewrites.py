"""The Ollama codemod on snippets: what it writes, what it leaves, and why (each run also checks idempotence)."""

from __future__ import annotations

import pytest
from sovmigrate.codemods.ollama import OllamaCodemod

from tests.rewrite.helpers import dedent, rewrite_snippet

CONNECT = 'connect(default="ollama:llama3.1:8b", param_defaults="engine", timeout=None)'

FIXES = [
    pytest.param(
        """
        import ollama

        r = ollama.chat(model="llama3.1:8b", messages=msgs)
        print(r["message"]["content"], r.message.content)
        """,
        f"""
        from sovmigrate.adapter import connect, views

        r = views.ollama_chat({CONNECT}.chat(messages=msgs))
        print(r["message"]["content"], r.message.content)
        """,
        id="chat-leaves-defaults-to-the-server",
    ),
    pytest.param(
        """
        from ollama import chat

        r = chat(
            "llama3.1:8b",
            messages=msgs,
            format="json",  # JSON mode
            options={"num_predict": 64, "repeat_penalty": 1.2, "num_ctx": 4096, "num_gpu": 1},
            keep_alive="5m",
        )
        """,
        """
        from sovmigrate.adapter import connect, views

        r = views.ollama_chat(connect(default="ollama:llama3.1:8b", param_defaults="engine", timeout=None, num_ctx=4096, options={"num_gpu": 1}, keep_alive="5m").chat(
            messages=msgs,
            response_format={"type": "json_object"},  # JSON mode
            max_tokens=64,
            repetition_penalty=1.2,
        ))
        """,
        id="options-become-parameters-and-server-options",
    ),
    pytest.param(
        """
        import ollama

        g = ollama.generate("codellama", prompt, raw=True, options=ollama.Options(temperature=0, stop=["\\n"]))
        e = ollama.embed(model="nomic-embed-text", input=["a", "b"])
        print(g.response, e["embeddings"])
        """,
        """
        from sovmigrate.adapter import connect, views

        g = views.ollama_generate(connect(default="ollama:codellama", param_defaults="engine", timeout=None).complete(prompt, temperature=0, stop=["\\n"]))
        e = views.ollama_embed(connect(default="ollama:nomic-embed-text", param_defaults="engine", timeout=None).embeddings(["a", "b"]))
        print(g.response, e["embeddings"])
        """,
        id="raw-generate-and-embed",
    ),
    pytest.param(
        """
        from ollama import AsyncClient

        async def main(model_messages):
            client = AsyncClient(host="http://gpu:11434", headers={"x": "y"})
            r = await client.chat("llama3.1:8b", model_messages, format=Answer.model_json_schema())
            return r.message.content
        """,
        """
        from sovmigrate.adapter import connect, views

        async def main(model_messages):
            client = connect(default="ollama:llama3.1:8b", host="http://gpu:11434", headers={"x": "y"}, param_defaults="engine", timeout=None)
            r = views.ollama_chat(await client.achat(model_messages, response_format={"type": "json_schema", "json_schema": {"schema": Answer.model_json_schema()}}))
            return r.message.content
        """,
        id="async-client-with-one-model-and-a-schema",
    ),
    pytest.param(
        """
        from ollama import AsyncClient, chat

        for part in chat("m", messages=msgs, stream=True):
            print(part["message"]["content"], end="")

        async def main():
            client = AsyncClient()
            async for part in await client.chat("m", messages=msgs, stream=True):
                print(part["message"]["content"])
        """,
        """
        from sovmigrate.adapter import connect, views

        for part in views.ollama_chat_stream(connect(default="ollama:m", param_defaults="engine", timeout=None).stream_chat(messages=msgs)):
            print(part["message"]["content"], end="")

        async def main():
            client = connect(default="ollama:m", param_defaults="engine", timeout=None)
            async for part in views.ollama_chat_stream(client.astream_chat(messages=msgs)):
                print(part["message"]["content"])
        """,
        id="sync-and-async-streams-keep-ollamas-chunks",
    ),
]


@pytest.mark.parametrize(("before", "after"), FIXES)
def test_safe_rewrites(before: str, after: str) -> None:
    out = rewrite_snippet(before, OllamaCodemod)
    assert out.code == dedent(after)
    assert out.outcomes and all(o.applied and o.safety.value == "safe" for o in out.outcomes), out.summary()


UNSAFE = [
    pytest.param(
        """
        from ollama import generate

        print(generate("llama3.1:8b", "Why?", system="Be brief")["response"])
        """,
        """
        from sovmigrate.adapter import connect, views

        print(views.ollama_generate(connect(default="ollama:llama3.1:8b", param_defaults="engine", timeout=None).chat([{"role": "system", "content": "Be brief"}, {"role": "user", "content": "Why?"}]))["response"])
        """,
        "TEMPLATE",
        id="templated-generate",
    ),
    pytest.param(
        """
        import ollama

        try:
            v = ollama.embeddings(model="m", prompt="hi")["embedding"]
        except ollama.ResponseError:
            v = None
        """,
        """
        import ollama
        from sovmigrate.adapter import connect, views

        try:
            v = views.ollama_embeddings(connect(default="ollama:m", param_defaults="engine", timeout=None).embeddings("hi"))["embedding"]
        except ollama.ResponseError:
            v = None
        """,
        "normalises",
        id="legacy-embeddings-in-a-try-keeps-the-import",
    ),
]


@pytest.mark.parametrize(("before", "after", "why"), UNSAFE)
def test_unsafe_rewrites_need_the_flag(before: str, after: str, why: str) -> None:
    listed = rewrite_snippet(before, OllamaCodemod)
    assert listed.code == dedent(before)
    assert listed.outcomes and all(o.safety.value == "unsafe" and not o.applied for o in listed.outcomes)
    assert any(why in o.reason for o in listed.outcomes)
    out = rewrite_snippet(before, OllamaCodemod, unsafe=True)
    assert out.code == dedent(after)


MANUAL = [
    pytest.param("import ollama\nollama.chat('m', msgs, tools=[get_weather])\n", "tool calling", id="tools"),
    pytest.param(
        "import ollama\nollama.chat('m', msgs, options=opts)\n", "not a literal dict", id="options-variable"
    ),
    pytest.param("import ollama\nollama.chat(messages=msgs)\n", "no model is named", id="no-model"),
    pytest.param(
        "from ollama import Client\nc = Client()\nc.chat('a', msgs)\nc.chat('b', msgs)\n",
        "several models",
        id="two-models",
    ),
    pytest.param(
        "from ollama import Client\nc = Client()\nc.chat(model_name, msgs)\n",
        "chosen at run time",
        id="model-variable",
    ),
    pytest.param(
        "from ollama import Client\nc = Client()\nc.chat('a', msgs)\nc.pull('a')\n",
        "is left as it is",
        id="other-methods",
    ),
    pytest.param(
        "from ollama import Client\nc = Client(verify=False)\nc.chat('a', msgs)\n",
        "httpx client option",
        id="httpx-option",
    ),
    pytest.param("from ollama import generate\ngenerate('m', p, images=[img])\n", "images", id="images"),
]


@pytest.mark.parametrize(("source", "why"), MANUAL)
def test_manual_sites_are_left_with_the_reason(source: str, why: str) -> None:
    out = rewrite_snippet(source, OllamaCodemod, unsafe=True)
    assert out.code == source
    assert out.outcomes and all(o.safety.value == "manual" for o in out.outcomes)
    assert any(why in o.reason for o in out.outcomes), [o.reason for o in out.outcomes]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import ollama\nprint(ollama.list())\n", id="model-management-only"),
        pytest.param("from mylib import chat\nchat('m', msgs)\n", id="same-name-other-package"),
        pytest.param("requests.post('http://localhost:11434/api/chat', json=body)\n", id="raw-http"),
    ],
)
def test_code_without_client_calls_is_untouched(source: str) -> None:
    out = rewrite_snippet(source, OllamaCodemod, unsafe=True)
    assert out.code == source
    assert out.outcomes == []


def test_an_existing_views_name_gets_an_alias() -> None:
    out = rewrite_snippet(
        "import ollama\nfrom app import views\nr = ollama.chat('m', msgs)\nviews.show(r)\n", OllamaCodemod
    )
    assert "from sovmigrate.adapter import connect, views as adapter_views" in out.code
    assert "r = adapter_views.ollama_chat(" in out.code
