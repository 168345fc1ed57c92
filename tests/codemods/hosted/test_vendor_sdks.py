"""The vendor SDK codemods on snippets: each vendor's OpenAI-compatible URL (from its SDK's source), its key
variable, and the vendor calls that stay manual with the reason."""

from __future__ import annotations

import pytest
from sovmigrate.codemods import hosted

from tests.rewrite.helpers import dedent, rewrite_snippet


@pytest.mark.parametrize(
    ("codemod", "source", "connection"),
    [
        (
            hosted.TogetherCodemod,
            'from together import Together\n\nc = Together(base_url="https://api.together.xyz/")\n',
            'connect(default="openai:M", base_url="https://api.together.xyz/v1", api_key_env="TOGETHER_API_KEY", param_defaults="engine")',
        ),
        (
            hosted.GroqCodemod,
            "from groq import Groq\n\nc = Groq(api_key=key, max_retries=5)\n",
            'connect(default="openai:M", base_url=getenv("GROQ_BASE_URL", "https://api.groq.com").rstrip("/") + "/openai/v1", api_key=key, max_retries=5, api_key_env="GROQ_API_KEY", param_defaults="engine")',
        ),
        (
            hosted.FireworksCodemod,
            "from fireworks import Fireworks\n\nc = Fireworks(base_url=settings.url)\n",
            'connect(default="openai:M", base_url=settings.url.rstrip("/") + "/v1", api_key_env="FIREWORKS_API_KEY", param_defaults="engine")',
        ),
        (
            hosted.HuggingFaceCodemod,
            'from huggingface_hub import InferenceClient\n\nc = InferenceClient("http://tgi:8080/v1/", token=t)\n',
            None,  # positional model: manual
        ),
        (
            hosted.HuggingFaceCodemod,
            'from huggingface_hub import InferenceClient\n\nc = InferenceClient(model="http://tgi:8080", token=t)\n',
            'connect(default="openai:M", base_url="http://tgi:8080/v1", api_key=t, api_key_env="HF_TOKEN", param_defaults="engine", timeout=None)',
        ),
        (
            hosted.HuggingFaceCodemod,
            "from huggingface_hub import InferenceClient\n\nc = InferenceClient(token=t, timeout=20)\n",
            'connect(default="openai:M", base_url="https://router.huggingface.co/v1", api_key=t, timeout=20, api_key_env="HF_TOKEN", param_defaults="engine")',
        ),
    ],
)
def test_each_vendor_client_becomes_a_connection_to_its_openai_compatible_url(
    codemod, source, connection
) -> None:
    call = 'r = c.chat.completions.create(model="M", messages=m)\nprint(r.choices[0].message.content)\n'
    out = rewrite_snippet(source + call, codemod, unsafe=True)
    if connection is None:
        assert {o.safety.value for o in out.outcomes} == {"manual"}
        return
    assert f"c = {connection}\n" in out.code
    assert "r = c.chat(messages=m)\n" in out.code


def test_text_generation_reads_the_text_of_a_completion() -> None:
    out = rewrite_snippet(
        """
        from huggingface_hub import AsyncInferenceClient

        async def go(p):
            client = AsyncInferenceClient(base_url="http://localhost:8080", api_key="hf_x")
            text = await client.text_generation(p, max_new_tokens=20, stop=["\\n"], top_k=10)
            return text.upper()
        """,
        hosted.HuggingFaceCodemod,
        unsafe=True,
    )
    assert 'text = (await client.acomplete(p, max_tokens=20, stop=["\\n"], top_k=10)).text' in out.code
    assert {(o.safety.value, o.applied) for o in out.outcomes} == {("unsafe", True)}
    assert "TGI's own /generate" in out.outcomes[0].reason


@pytest.mark.parametrize(
    ("codemod", "source", "reason"),
    [
        (
            hosted.HuggingFaceCodemod,
            (
                'from huggingface_hub import InferenceClient\n\nc = InferenceClient(provider="together", api_key=k)\n'
                'c.chat_completion(m, model="meta-llama/Llama-3.1-8B-Instruct")\n'
            ),
            "`provider=` routes",
        ),
        (
            hosted.HuggingFaceCodemod,
            "from huggingface_hub import InferenceClient\n\nc = InferenceClient(model=name)\nc.chat_completion(m)\n",
            "may be a URL or a model id",
        ),
        (
            hosted.LlamaApiCodemod,
            (
                "from llama_api_client import LlamaAPIClient\n\nc = LlamaAPIClient()\n"
                'r = c.chat.completions.create(model="Llama-3.3-70B-Instruct", messages=m, tools=tools)\n'
            ),
            "tool calling",
        ),
        (
            hosted.LlamaStackCodemod,
            (
                'from llama_stack_client import LlamaStackClient\n\nc = LlamaStackClient(base_url="http://localhost:8321")\n'
                'r = c.inference.embeddings(model_id="all-MiniLM-L6-v2", contents=texts)\n'
            ),
            "batch and embedding calls",
        ),
        (
            hosted.LlamaStackCodemod,
            (
                'from llama_stack_client import LlamaStackClient\n\nc = LlamaStackClient(base_url="http://localhost:8321")\n'
                "agent = c.agents.create(agent_config=cfg)\n"
            ),
            "agents",
        ),
        (
            hosted.LlamaStackCodemod,
            (
                "from llama_stack_client import LlamaStackClient\n\nc = LlamaStackClient()\n"
                'c.chat.completions.create(model="meta-llama/Llama-3.2-3B-Instruct", messages=m)\n'
            ),
            "depends on the llama-stack-client version",
        ),
        (
            hosted.ReplicateCodemod,
            'import replicate\n\nout = replicate.run("meta/meta-llama-3-70b-instruct", input={"prompt": p})\n',
            "own input schema",
        ),
        (
            hosted.FireworksCodemod,
            'import fireworks.client\n\nr = fireworks.client.ChatCompletion.create(model="accounts/fireworks/models/llama-v3p1-8b-instruct", messages=m)\n',
            "0.x module-level API",
        ),
    ],
)
def test_what_stays_manual_and_why(codemod, source: str, reason: str) -> None:
    out = rewrite_snippet(source, codemod, unsafe=True, annotate=True)
    assert out.outcomes and {o.safety.value for o in out.outcomes} == {"manual"}
    assert all(reason in o.reason for o in out.outcomes if o.rule.endswith(("0", "1"))), [
        o.reason for o in out.outcomes
    ]
    assert out.code.count("# sovmigrate: TODO(") >= 1
    assert out.code.replace("\n", "").count("connect(") == 0


def test_llama_stack_openai_calls_move_to_base_url_v1_and_say_so() -> None:
    out = rewrite_snippet(
        dedent(
            """
            from llama_stack_client import LlamaStackClient

            client = LlamaStackClient(base_url="http://localhost:8321")
            r = client.chat.completions.create(model="meta-llama/Llama-3.2-3B-Instruct", messages=m)
            """
        ),
        hosted.LlamaStackCodemod,
    )
    assert {(o.safety.value, o.applied) for o in out.outcomes} == {("unsafe", False)}
    assert "/v1/openai/v1" in out.outcomes[0].reason
