"""The vLLM codemod on hand-written snippets: the code it writes, and the safety it gives each site."""

from __future__ import annotations

from sovmigrate.codemods.vllm import VllmCodemod

from tests.rewrite.helpers import dedent, rewrite_snippet

GREEDY_ONE = """
    from vllm import LLM, SamplingParams

    llm = LLM(model="Qwen/Qwen2.5-0.5B-Instruct", dtype="float32")  # the engine
    params = SamplingParams(temperature=0, max_tokens=64)
    outputs = llm.generate("Hello", params)
    print(outputs[0].outputs[0].text)
"""


def test_a_greedy_single_prompt_is_a_safe_fix():
    out = rewrite_snippet(GREEDY_ONE, VllmCodemod)
    assert out.code == dedent("""
        from sovmigrate.adapter import connect, views

        llm = connect(default="vllm:Qwen/Qwen2.5-0.5B-Instruct", dtype="float32")  # the engine
        params = dict(temperature=0, max_tokens=64)
        outputs = [views.vllm_output(llm.complete("Hello", **params), "Hello")]
        print(outputs[0].outputs[0].text)
    """)
    assert out.summary() == [
        (1, "SOV120", "safe", True),
        (3, "SOV121", "safe", True),
        (4, "SOV123", "safe", True),
        (5, "SOV122", "safe", True),
    ]


def test_the_16_token_default_is_written_out():
    out = rewrite_snippet(
        """
        from vllm import LLM, SamplingParams
        llm = LLM("m")
        print(llm.generate("Hi", SamplingParams(temperature=0.0))[0].outputs[0].text)
        """,
        VllmCodemod,
    )
    assert 'llm.complete("Hi", temperature=0.0, max_tokens=16)' in out.code
    assert {safety for _, _, safety, _ in out.summary()} == {"safe"}


def test_random_sampling_and_a_batch_are_unsafe_and_left_without_unsafe():
    source = """
        from vllm import LLM, SamplingParams

        prompts = ["Hello, my name is", "The capital of France is"]
        sampling_params = SamplingParams(temperature=0.8, top_p=0.95)
        llm = LLM(model="facebook/opt-125m")
        outputs = llm.generate(prompts, sampling_params)
        for output in outputs:
            print(output.prompt, output.outputs[0].text)
    """
    kept = rewrite_snippet(source, VllmCodemod)
    assert kept.code == dedent(source)
    assert {(rule, safety, applied) for _, rule, safety, applied in kept.summary()} == {
        ("SOV120", "unsafe", False),
        ("SOV121", "unsafe", False),
        ("SOV122", "unsafe", False),
        ("SOV123", "unsafe", False),
    }
    reason = next(o.reason for o in kept.outcomes if o.rule == "SOV122")
    assert "one vLLM batch" in reason and "temperature=0.8" in reason
    fixed = rewrite_snippet(source, VllmCodemod, unsafe=True)
    assert "sampling_params = dict(temperature=0.8, top_p=0.95, max_tokens=16)" in fixed.code
    assert (
        "outputs = [views.vllm_output(llm.complete(prompt, **sampling_params), prompt) for prompt in prompts]"
        in fixed.code
    )
    assert "print(output.prompt, output.outputs[0].text)" in fixed.code  # the consumer stays


def test_chat_over_one_conversation():
    out = rewrite_snippet(
        """
        import vllm
        llm = vllm.LLM(model="m")
        conversation = [{"role": "user", "content": "Hi"}]
        outs = llm.chat(conversation, vllm.SamplingParams(temperature=0, max_tokens=8), use_tqdm=False)
        text = outs[0].outputs[0].text
        """,
        VllmCodemod,
    )
    assert "outs = [views.vllm_output(llm.chat(conversation, temperature=0, max_tokens=8))]" in out.code
    assert "import vllm" not in out.code


def test_without_sampling_params_a_local_generation_config_decides(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    (model / "generation_config.json").write_text('{"temperature": 0.0, "max_new_tokens": 32, "top_k": 20}')
    source = f"""
        from vllm import LLM
        llm = LLM(model={str(model)!r})
        print(llm.generate("Hi")[0].outputs[0].text)
    """
    out = rewrite_snippet(source, VllmCodemod)
    assert 'llm.complete("Hi", temperature=0.0, top_k=20, max_tokens=32)' in out.code
    unreadable = rewrite_snippet(source.replace(str(model), "org/model-on-the-hub"), VllmCodemod)
    assert {safety for _, _, safety, _ in unreadable.summary()} == {"unsafe"}
    assert "generation_config.json" in unreadable.outcomes[1].reason


def test_an_engine_with_calls_that_have_no_neutral_equivalent_stays_whole():
    source = """
        from vllm import LLM, SamplingParams
        from vllm.lora.request import LoRARequest

        llm = LLM(model="m", enable_lora=True)
        params = SamplingParams(temperature=0)
        out = llm.generate("Hi", params, lora_request=LoRARequest("sql", 1, "/adapters/sql"))
        tok = llm.get_tokenizer()
    """
    out = rewrite_snippet(source, VllmCodemod, unsafe=True, annotate=True)
    assert "LLM(model=" in out.code and "connect" not in out.code
    manual = {o.rule: o.reason for o in out.outcomes if o.safety.value == "manual"}
    assert {"SOV121", "SOV122", "SOV123"} <= manual.keys()
    assert "lora_request" in manual["SOV121"] or "get_tokenizer" in manual["SOV121"]
    assert "# sovmigrate: TODO(SOV121)" in out.code


def test_reading_a_field_the_view_leaves_none_is_manual():
    out = rewrite_snippet(
        """
        from vllm import LLM, SamplingParams
        llm = LLM("m")
        outs = llm.generate("Hi", SamplingParams(temperature=0))
        print(outs[0].outputs[0].token_ids)
        """,
        VllmCodemod,
        unsafe=True,
    )
    assert "LLM(" in out.code
    assert "token_ids" in out.outcomes[1].reason and "None" in out.outcomes[1].reason


def test_results_that_flow_out_of_sight_are_unsafe():
    source = """
        from vllm import LLM, SamplingParams
        llm = LLM("m")

        def run(prompt):
            return llm.generate("Hi", SamplingParams(temperature=0))
    """
    out = rewrite_snippet(source, VllmCodemod)
    assert out.code == dedent(source)
    assert any("cannot check" in o.reason for o in out.outcomes if o.rule == "SOV122")


def test_an_engine_passed_to_a_function_is_manual():
    out = rewrite_snippet(
        """
        from vllm import LLM
        llm = LLM("m")
        serve(llm)
        """,
        VllmCodemod,
        unsafe=True,
    )
    assert out.summary()[1][1:] == ("SOV121", "manual", False)
    assert "passed to a function" in out.outcomes[1].reason


def test_sampling_params_shared_with_code_out_of_sight_is_manual():
    out = rewrite_snippet(
        """
        from vllm import LLM, SamplingParams
        llm = LLM("m")
        params = SamplingParams(temperature=0)
        llm.generate("Hi", params)
        log(params)
        """,
        VllmCodemod,
        unsafe=True,
    )
    assert "connect" not in out.code
    assert "SamplingParams object is also used" in out.outcomes[1].reason


def test_a_prompt_whose_kind_is_unknown_is_manual():
    out = rewrite_snippet(
        """
        from vllm import LLM
        llm = LLM("m")
        llm.generate(load_prompts())
        """,
        VllmCodemod,
        unsafe=True,
    )
    assert "cannot tell whether the input is one prompt string or a list" in out.outcomes[1].reason


def test_a_prompt_expression_is_evaluated_once():
    out = rewrite_snippet(
        """
        from vllm import LLM, SamplingParams
        llm = LLM("m")
        outs = llm.generate("Q: " + question(), SamplingParams(temperature=0))
        """,
        VllmCodemod,
    )
    assert (
        "outs = [views.vllm_output(llm.complete(prompt, temperature=0, max_tokens=16), prompt) "
        'for prompt in ["Q: " + question()]]'
    ) in out.code


def test_selecting_only_the_calls_leaves_the_engine_and_its_calls():
    source = GREEDY_ONE
    out = rewrite_snippet(source, VllmCodemod, select=("SOV122",))
    assert out.code == dedent(source)
    assert out.summary() == [(5, "SOV122", "manual", False)]
    assert "SOV121" in out.outcomes[0].reason and "not selected" in out.outcomes[0].reason


def test_async_engines_are_manual():
    out = rewrite_snippet(
        """
        from vllm import AsyncEngineArgs, AsyncLLMEngine
        engine = AsyncLLMEngine.from_engine_args(AsyncEngineArgs(model="m"))
        """,
        VllmCodemod,
        unsafe=True,
    )
    assert {o.safety.value for o in out.outcomes} == {"manual"}
