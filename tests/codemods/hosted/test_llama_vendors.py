"""Meta's Llama API client and Llama Stack's legacy inference API on snippets: the connection each becomes (URL,
key variable, timeout, the server's defaults written out), the views around their answers, and when a rewrite is
safe (the program reads only fields the view gives), unsafe (with the reason) or manual."""

from __future__ import annotations

import pytest
from sovmigrate.codemods import hosted

from tests.rewrite.helpers import dedent, rewrite_snippet

LLAMA_API = "from llama_api_client import LlamaAPIClient\n\nclient = LlamaAPIClient()\n"
STACK = 'from llama_stack_client import LlamaStackClient\n\nclient = LlamaStackClient(base_url="http://localhost:8321/")\n'


def test_llama_api_client_goes_to_compat_v1_with_its_answers_in_the_sdk_s_shape() -> None:
    out = rewrite_snippet(
        """
        import os

        from llama_api_client import AsyncLlamaAPIClient, LlamaAPIClient

        client = LlamaAPIClient(base_url=os.environ["LLAMA_URL"], max_retries=5)
        r = client.chat.completions.create(model="Llama-3.3-70B-Instruct", messages=msgs, max_completion_tokens=64)
        print(r.completion_message.content.text, r.metrics[0].value)
        if r.completion_message.tool_calls:
            pass
        text = "".join(c.event.delta.text for c in client.chat.completions.create(model="Llama-3.3-70B-Instruct", messages=msgs, stream=True))


        async def ask(q):
            aclient = AsyncLlamaAPIClient(api_key=key)
            stream = await aclient.chat.completions.create(model="Llama-3.3-70B-Instruct", messages=q, stream=True)
            async for chunk in stream:
                if chunk.event.stop_reason is None:
                    print(chunk.event.delta.text, end="")
            r = await aclient.chat.completions.create(model="Llama-3.3-70B-Instruct", messages=q)
            return r.completion_message.content.text
        """,
        hosted.LlamaApiCodemod,
    )
    assert out.code == dedent(
        """
        import os

        from sovmigrate.adapter import connect, views
        from os import getenv

        client = connect(default="openai:Llama-3.3-70B-Instruct", base_url=os.environ["LLAMA_URL"].rstrip("/").removesuffix("/v1") + "/compat/v1", max_retries=5, api_key_env="LLAMA_API_KEY", param_defaults="engine", timeout=600)
        r = views.llama_api_chat(client.chat(messages=msgs, max_tokens=64))
        print(r.completion_message.content.text, r.metrics[0].value)
        if r.completion_message.tool_calls:
            pass
        text = "".join(c.event.delta.text for c in views.llama_api_chat_stream(client.stream_chat(messages=msgs)))


        async def ask(q):
            aclient = connect(default="openai:Llama-3.3-70B-Instruct", base_url=getenv("LLAMA_API_CLIENT_BASE_URL", "https://api.llama.com/v1").rstrip("/").removesuffix("/v1") + "/compat/v1", api_key=key, api_key_env="LLAMA_API_KEY", param_defaults="engine", timeout=600)
            stream = views.llama_api_chat_stream(aclient.astream_chat(messages=q))
            async for chunk in stream:
                if chunk.event.stop_reason is None:
                    print(chunk.event.delta.text, end="")
            r = views.llama_api_chat(await aclient.achat(messages=q))
            return r.completion_message.content.text
        """
    )
    assert {(o.safety.value, o.applied) for o in out.outcomes} == {("safe", True)}
    assert len(out.outcomes) == 6  # two clients, four calls


@pytest.mark.parametrize(
    ("base", "connection"),
    [
        ('"https://api.llama.com/v1/"', 'base_url="https://api.llama.com/compat/v1"'),
        ("settings.llama_url", 'base_url=settings.llama_url.rstrip("/").removesuffix("/v1") + "/compat/v1"'),
    ],
)
def test_llama_api_base_urls(base: str, connection: str) -> None:
    out = rewrite_snippet(
        f"from llama_api_client import LlamaAPIClient\n\nclient = LlamaAPIClient(base_url={base})\n"
        'r = client.chat.completions.create(model="M", messages=m)\n',
        hosted.LlamaApiCodemod,
    )
    assert f'client = connect(default="openai:M", {connection}, api_key_env="LLAMA_API_KEY"' in out.code


@pytest.mark.parametrize(
    ("consumer", "use"),
    [
        ("print(r)", "print(r)"),
        ("history.append(r.completion_message)", "history.append(r.completion_message)"),
        ("text = r.completion_message.content", "text = r.completion_message.content"),
        ("data = r.to_dict()", "data = r.to_dict()"),
        ("for m in r.metrics: print(m)", "for m in r.metrics: print(m)"),
    ],
)
def test_llama_api_answers_used_beyond_the_view_are_unsafe(consumer: str, use: str) -> None:
    source = LLAMA_API + f'r = client.chat.completions.create(model="M", messages=m)\n{consumer}\n'
    out = rewrite_snippet(source, hosted.LlamaApiCodemod)
    assert {(o.safety.value, o.applied) for o in out.outcomes} == {("unsafe", False)}
    assert f"beyond the fields `views.llama_api_chat` gives (`{use}`)" in out.outcomes[0].reason
    assert out.code == dedent(source)
    applied = rewrite_snippet(source, hosted.LlamaApiCodemod, unsafe=True)
    assert "views.llama_api_chat(client.chat(messages=m))" in applied.code


@pytest.mark.parametrize(
    "consumer",
    [
        "chunks = list(s)",
        "for c in s: print(c.event.delta.function.name)",
        "for c in s: print(c.event.logprobs)",
    ],
)
def test_llama_api_streams_used_beyond_the_view_are_unsafe(consumer: str) -> None:
    source = (
        LLAMA_API + f's = client.chat.completions.create(model="M", messages=m, stream=True)\n{consumer}\n'
    )
    out = rewrite_snippet(source, hosted.LlamaApiCodemod)
    assert {o.safety.value for o in out.outcomes} == {"unsafe"}
    assert "views.llama_api_chat_stream" in out.outcomes[0].reason


@pytest.mark.parametrize(
    ("call", "reason"),
    [
        ('model="M", messages=m, tools=tools', "tool calling"),
        (
            'model="M", messages=[{"role": "user", "content": [{"type": "image_url", "image_url": {"url": u}}]}]',
            "image",
        ),
        ('model="M", messages=m, user="u-1"', "`user=` has no adapter equivalent"),
    ],
)
def test_llama_api_calls_that_stay_manual(call: str, reason: str) -> None:
    out = rewrite_snippet(LLAMA_API + f"r = client.chat.completions.create({call})\n", hosted.LlamaApiCodemod)
    assert {o.safety.value for o in out.outcomes} == {"manual"}
    assert reason in out.outcomes[1].reason


def test_llama_api_own_sampling_parameters_are_unsafe_and_odd_base_urls_manual() -> None:
    out = rewrite_snippet(
        LLAMA_API + 'r = client.chat.completions.create(model="M", messages=m, top_k=40)\n',
        hosted.LlamaApiCodemod,
    )
    assert {o.safety.value for o in out.outcomes} == {"unsafe"} and "extra body fields" in out.outcomes[
        0
    ].reason
    odd = rewrite_snippet(
        'from llama_api_client import LlamaAPIClient\n\nc = LlamaAPIClient(base_url="https://gw.example/llama")\n'
        'r = c.chat.completions.create(model="M", messages=m)\n',
        hosted.LlamaApiCodemod,
    )
    assert {o.safety.value for o in odd.outcomes} == {"manual"} and "not ending in /v1" in odd.outcomes[
        0
    ].reason


# -- Llama Stack's legacy inference API --------------------------------------------------------------------------
def test_llama_stack_legacy_calls_go_to_the_openai_routes_with_the_server_s_defaults_written_out() -> None:
    source = dedent(
        """
        from llama_stack_client import AsyncLlamaStackClient, LlamaStackClient

        M = "meta-llama/Llama-3.2-3B-Instruct"
        client = LlamaStackClient(base_url="http://localhost:8321/")
        r = client.inference.chat_completion(model_id=M, messages=msgs)
        print(r.completion_message.content)
        r2 = client.inference.chat_completion(
            model_id=M,
            messages=msgs,
            sampling_params={"strategy": {"type": "top_p", "temperature": 0.7}, "max_tokens": 0, "repetition_penalty": 1.0, "stop": ["\\n"]},
        )
        print(r2.completion_message.stop_reason)
        for chunk in client.inference.chat_completion(model_id=M, messages=msgs, sampling_params={"strategy": {"type": "greedy"}, "max_tokens": 128}, stream=True):
            if chunk.event.event_type == "progress":
                print(chunk.event.delta.text, end="")
        c = client.inference.completion(model_id=M, content="The quick brown fox", sampling_params={"max_tokens": 16})
        print(c.content)


        async def go(url):
            aclient = AsyncLlamaStackClient(base_url=url)
            async for chunk in await aclient.inference.chat_completion(model_id="m", messages=msgs, stream=True):
                print(chunk.event.delta.text)
        """
    )
    kept = rewrite_snippet(source, hosted.LlamaStackCodemod)
    assert kept.code == source and {(o.safety.value, o.applied) for o in kept.outcomes} == {("unsafe", False)}
    assert "`<base_url>/v1/openai/v1`, Llama Stack 0.2.4" in kept.outcomes[0].reason
    assert "`<|begin_of_text|>`" in kept.outcomes[0].reason
    out = rewrite_snippet(source, hosted.LlamaStackCodemod, unsafe=True)
    assert out.code == dedent(
        """
        from sovmigrate.adapter import connect, views

        M = "meta-llama/Llama-3.2-3B-Instruct"
        client = connect(default=f"openai:{M}", base_url="http://localhost:8321/v1/openai/v1", api_key_env="LLAMA_STACK_API_KEY", param_defaults="engine")
        r = views.llama_stack_chat(client.chat(messages=msgs, temperature=0))
        print(r.completion_message.content)
        r2 = views.llama_stack_chat(client.chat(
            messages=msgs,
            temperature=0.7,
            top_p=0.95,
            stop=["\\n"],
        ))
        print(r2.completion_message.stop_reason)
        for chunk in views.llama_stack_chat_stream(client.stream_chat(messages=msgs, temperature=0, max_tokens=128)):
            if chunk.event.event_type == "progress":
                print(chunk.event.delta.text, end="")
        c = views.llama_stack_completion(client.complete(prompt="The quick brown fox", temperature=0, max_tokens=16))
        print(c.content)


        async def go(url):
            aclient = connect(default="openai:m", base_url=url.rstrip("/") + "/v1/openai/v1", api_key_env="LLAMA_STACK_API_KEY", param_defaults="engine")
            async for chunk in views.llama_stack_chat_stream(aclient.astream_chat(messages=msgs, temperature=0)):
                print(chunk.event.delta.text)
        """
    )


def test_llama_stack_client_with_legacy_calls_sends_its_openai_calls_to_the_0_2_routes_too() -> None:
    out = rewrite_snippet(
        STACK
        + 'a = client.inference.chat_completion(model_id="m", messages=msgs)\n'
        + 'b = client.chat.completions.create(model="m", messages=msgs)\n',
        hosted.LlamaStackCodemod,
        unsafe=True,
    )
    assert 'base_url="http://localhost:8321/v1/openai/v1"' in out.code
    assert "b = client.chat(messages=msgs)\n" in out.code  # OpenAI-shaped: no view
    assert "<base_url>/v1/openai/v1; the connection uses /v1" not in out.outcomes[0].reason


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        ('sampling_params={"strategy": {"type": "top_k", "top_k": 40}}', "no `top_k`"),
        ('sampling_params={"repetition_penalty": 1.2}', "repetition_penalty"),
        ("sampling_params=params", "not a literal dict"),
        ('sampling_params={"strategy": {"type": "top_p", "top_p": 0.9}}', "not a literal greedy or top_p"),
        ("tools=tools", "tool calling"),
        ('response_format={"type": "json_schema", "json_schema": schema}', "`response_format`"),
        ("stream=streaming", "decided at run time"),
    ],
)
def test_llama_stack_legacy_calls_that_stay_manual(arguments: str, reason: str) -> None:
    source = STACK + f'r = client.inference.chat_completion(model_id="m", messages=msgs, {arguments})\n'
    out = rewrite_snippet(source, hosted.LlamaStackCodemod, unsafe=True)
    assert {o.safety.value for o in out.outcomes} == {"manual"}
    assert reason in out.outcomes[1].reason, out.outcomes[1].reason


def test_llama_stack_legacy_messages_that_are_not_plain_text_turns_stay_manual() -> None:
    source = STACK + (
        'r = client.inference.chat_completion(model_id="m", messages=[{"role": "user", "content": '
        '[{"type": "image", "image": {"url": {"uri": u}}}]}])\n'
    )
    out = rewrite_snippet(source, hosted.LlamaStackCodemod, unsafe=True)
    assert {o.safety.value for o in out.outcomes} == {"manual"} and "as items" in out.outcomes[1].reason


def test_llama_stack_runtime_max_tokens_is_sent_as_is_with_a_note() -> None:
    out = rewrite_snippet(
        STACK
        + 'r = client.inference.chat_completion(model_id="m", messages=msgs, sampling_params={"max_tokens": n})\n',
        hosted.LlamaStackCodemod,
        unsafe=True,
    )
    assert "client.chat(messages=msgs, temperature=0, max_tokens=n)" in out.code
    assert "Llama Stack read 0 as no limit" in out.outcomes[0].reason
