"""The OpenAI-SDK codemod on snippets: what each call becomes, what makes a fix unsafe, what stays manual."""

from __future__ import annotations

import pytest
from sovmigrate.codemods.openai_compat import OpenAICompatCodemod

from tests.rewrite.helpers import dedent, rewrite_snippet

HEAD = 'from openai import OpenAI\n\nclient = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")\n'
NEW_HEAD = (
    "from sovmigrate.adapter import connect\n\n"
    'client = connect(default="openai:m", base_url="http://localhost:8000/v1", api_key="EMPTY", '
    'param_defaults="engine", timeout=600)\n'
)


def rewrite(body: str, **options: bool):
    return rewrite_snippet(HEAD + dedent(body), OpenAICompatCodemod, **options)


@pytest.mark.parametrize(
    ("call", "new"),
    [
        (
            'client.chat.completions.create(model="m", messages=msgs, max_tokens=8, temperature=0, seed=1, stop=["\\n"])',
            'client.chat(messages=msgs, max_tokens=8, temperature=0, seed=1, stop=["\\n"])',
        ),
        (
            'client.completions.create(model="m", prompt="Once", max_tokens=8, n=2)',
            'client.complete(prompt="Once", max_tokens=8, n=2)',
        ),
        ('client.embeddings.create(model="m", input=["a", "b"])', 'client.embeddings(texts=["a", "b"])'),
        (
            'client.chat.completions.create(model="m", messages=msgs, extra_body={"top_k": 40, "min_p": 0.05})',
            "client.chat(messages=msgs, top_k=40, min_p=0.05)",
        ),
        (
            'client.chat.completions.create(model="m", messages=msgs, tools=tools, tool_choice="auto", response_format=fmt)',
            'client.chat(messages=msgs, tools=tools, tool_choice="auto", response_format=fmt)',
        ),
    ],
)
def test_each_call_becomes_the_adapter_method_with_the_same_parameters(call: str, new: str) -> None:
    out = rewrite(f"r = {call}\nprint(r.choices[0])\n")
    assert out.code == NEW_HEAD + f"r = {new}\nprint(r.choices[0])\n"
    assert {(o.safety.value, o.applied) for o in out.outcomes} == {("safe", True)}


def test_streams_and_async_clients() -> None:
    out = rewrite_snippet(
        """
        from openai import AsyncOpenAI

        async def main(msgs):
            client = AsyncOpenAI(base_url="http://127.0.0.1:8080/v1", api_key="sk-no-key-required", timeout=30)
            r = await client.chat.completions.create(model="m", messages=msgs)
            print(r.choices[0].message.content)
            stream = await client.chat.completions.create(model="m", messages=msgs, stream=True)
            async for chunk in stream:
                print(chunk.choices[0].delta.content)
        """,
        OpenAICompatCodemod,
    )
    assert out.code == dedent(
        """
        from sovmigrate.adapter import connect

        async def main(msgs):
            client = connect(default="openai:m", base_url="http://127.0.0.1:8080/v1", api_key="sk-no-key-required", timeout=30, param_defaults="engine")
            r = await client.achat(messages=msgs)
            print(r.choices[0].message.content)
            stream = client.astream_chat(messages=msgs)
            async for chunk in stream:
                print(chunk.choices[0].delta.content)
        """
    )


def test_a_client_used_in_a_with_block_keeps_it() -> None:
    out = rewrite_snippet(
        """
        from openai import OpenAI

        with OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY") as client:
            for part in client.chat.completions.create(model="m", messages=msgs, stream=True):
                print(part.choices[0].delta.content or "")
        """,
        OpenAICompatCodemod,
    )
    assert 'with connect(default="openai:m"' in out.code and "client.stream_chat(messages=msgs)" in out.code


def test_the_model_may_be_a_constant_a_parameter_or_an_environment_lookup() -> None:
    out = rewrite_snippet(
        """
        import os
        from openai import OpenAI

        MODEL = os.environ.get("MODEL", "llama3")

        def ask(q, base=os.environ["BASE"]):
            client = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")
            return client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": q}]).choices[0]
        """,
        OpenAICompatCodemod,
    )
    assert 'client = connect(default=f"openai:{MODEL}", base_url="http://localhost:11434/v1"' in out.code


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            'client.models.list()\nclient.chat.completions.create(model="m", messages=m)\n',
            "`client.models.list(...)` has no adapter equivalent",
        ),
        (
            'client.chat.completions.create(model="a", messages=m)\nclient.chat.completions.create(model="b", messages=m)\n',
            "several models",
        ),
        ("client.chat.completions.create(model=pick(), messages=m)\n", "chosen at run time"),
        (
            'client.chat.completions.create(model="m", messages=m, logit_bias={1: 5})\n',
            "`logit_bias=` has no adapter equivalent",
        ),
        (
            'client.chat.completions.create(model="m", messages=m, stream=flag)\n',
            "`stream=` is decided at run time",
        ),
        (
            'client.chat.completions.create(model="m", messages=m, extra_body={"repeat_penalty": 1.1})\n',
            "has no adapter parameter",
        ),
        ("client.chat.completions.create(**kwargs)\n", "*args/**kwargs"),
        ("helper(client)\n", "uses the client outside the calls the adapter has"),
    ],
)
def test_a_client_stays_whole_when_any_use_cannot_move(body: str, reason: str) -> None:
    out = rewrite(body, annotate=True)
    assert {o.safety.value for o in out.outcomes} == {"manual"}
    assert any(reason in o.reason for o in out.outcomes), [o.reason for o in out.outcomes]
    assert "client = OpenAI(" in out.code and "# sovmigrate: TODO(SOV210)" in out.code


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            'r = client.chat.completions.create(model="m", messages=m)\nprint(r)\n',
            "used as a whole (`print(r)`)",
        ),
        (
            'return_value = client.chat.completions.create(model="m", messages=m)\nsave(return_value)\n',
            "used as a whole",
        ),
        (
            'try:\n    r = client.chat.completions.create(model="m", messages=m).choices\nexcept openai.APIError:\n    r = None\n',
            "catches the SDK's exceptions",
        ),
        (
            'client.chat.completions.create(model="m", messages=m, max_completion_tokens=5)\n',
            "sent as `max_tokens`",
        ),
    ],
)
def test_unsafe_fixes_wait_for_unsafe(body: str, reason: str) -> None:
    safe = rewrite(body)
    assert safe.code == HEAD + dedent(body)
    assert {(o.safety.value, o.applied) for o in safe.outcomes} == {("unsafe", False)}
    assert all(reason in o.reason for o in safe.outcomes)
    unsafe = rewrite(body, unsafe=True)
    assert {(o.safety.value, o.applied) for o in unsafe.outcomes} == {("unsafe", True)}
    assert "connect(" in unsafe.code and "chat.completions" not in unsafe.code


def test_an_openai_client_of_openai_itself_is_not_touched() -> None:
    source = 'from openai import OpenAI\n\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=m)\n'
    out = rewrite_snippet(source, OpenAICompatCodemod)
    assert out.code == source and out.outcomes == []


def test_a_base_url_that_may_be_none_falls_back_as_the_sdk_does() -> None:
    out = rewrite_snippet(
        """
        import os
        from openai import OpenAI

        client = OpenAI(base_url=os.environ.get("LLM_URL"), api_key="EMPTY")
        client.chat.completions.create(model="m", messages=m)
        """,
        OpenAICompatCodemod,
    )
    assert 'base_url=os.environ.get("LLM_URL")' in out.code  # the OpenAI SDK's base needs no suffix
