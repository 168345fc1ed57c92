"""The transformers codemod on hand-written snippets: the code it writes and the safety of each site."""

from __future__ import annotations

import json

import pytest
from sovmigrate.codemods.transformers import TransformersCodemod

from tests.rewrite.helpers import dedent, rewrite_snippet

CHAT = """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model_id = "meta-llama/Meta-Llama-3-8B-Instruct"
    tokenizer = AutoTokenizer.from_pretrained(model_id)
    model = AutoModelForCausalLM.from_pretrained(model_id, torch_dtype=torch.bfloat16, device_map="auto")
    messages = [{"role": "user", "content": "Who are you?"}]
    input_ids = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt").to(model.device)
    outputs = model.generate(input_ids, max_new_tokens=256, do_sample=False)
    response = outputs[0][input_ids.shape[-1]:]
    print(tokenizer.decode(response, skip_special_tokens=True))
"""


def test_a_greedy_chat_chain_becomes_one_chat_call():
    out = rewrite_snippet(CHAT, TransformersCodemod)
    assert out.code == dedent("""
        import torch
        from transformers import AutoTokenizer
        from sovmigrate.adapter import connect

        model_id = "meta-llama/Meta-Llama-3-8B-Instruct"
        tokenizer = AutoTokenizer.from_pretrained(model_id)
        model = connect(default=f"transformers:{model_id}", dtype=torch.bfloat16, device_map="auto", decode="standalone", param_defaults="engine")
        messages = [{"role": "user", "content": "Who are you?"}]
        outputs = model.chat(messages, max_tokens=256, temperature=0)
        print(outputs.text)
    """)
    assert [(rule, safety, applied) for _, rule, safety, applied in out.summary()] == [
        ("SOV140", "manual", False),  # AutoTokenizer still needs transformers
        ("SOV143", "safe", True),
        ("SOV144", "safe", True),
    ]


def test_sampling_is_unsafe_and_only_what_the_call_says_is_written_when_the_config_is_unreadable():
    source = CHAT.replace("do_sample=False", "do_sample=True, temperature=0.6, top_p=0.9")
    kept = rewrite_snippet(source, TransformersCodemod)
    assert kept.code == dedent(source)
    assert "sampling is random" in kept.outcomes[1].reason
    fixed = rewrite_snippet(source, TransformersCodemod, unsafe=True)
    assert "outputs = model.chat(messages, max_tokens=256, temperature=0.6, top_p=0.9)" in fixed.code


def test_a_local_generation_config_is_written_out(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "generation_config.json").write_text(
        json.dumps({"do_sample": True, "temperature": 0.6, "top_p": 0.9})
    )
    source = CHAT.replace('"meta-llama/Meta-Llama-3-8B-Instruct"', repr(str(tmp_path))).replace(
        ", do_sample=False", ""
    )
    out = rewrite_snippet(source, TransformersCodemod, unsafe=True)
    # the model's sampling settings, and transformers' top_k=50 behind them
    assert "outputs = model.chat(messages, max_tokens=256, temperature=0.6, top_k=50, top_p=0.9)" in out.code


def test_without_a_length_limit_the_20_token_default_is_left_to_the_engine(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    source = CHAT.replace('"meta-llama/Meta-Llama-3-8B-Instruct"', repr(str(tmp_path))).replace(
        "max_new_tokens=256, ", ""
    )
    out = rewrite_snippet(source, TransformersCodemod, unsafe=True)
    assert "outputs = model.chat(messages, temperature=0)" in out.code
    assert "20 tokens in all" in out.outcomes[1].reason


PIPELINE = """
    from transformers import pipeline

    pipe = pipeline("text-generation", model="Qwen/Qwen2.5-0.5B-Instruct", torch_dtype="auto")
    out = pipe("Hello", max_new_tokens=20, do_sample=False)
    print(out[0]["generated_text"])
"""


def test_a_greedy_pipeline_keeps_its_full_text_default_and_its_consumer():
    out = rewrite_snippet(PIPELINE, TransformersCodemod)
    assert out.code == dedent("""
        from sovmigrate.adapter import connect, views

        pipe = connect(default="transformers:Qwen/Qwen2.5-0.5B-Instruct", dtype="auto", decode="standalone", param_defaults="engine")
        out = views.pipeline_output(pipe.complete("Hello", max_tokens=20, temperature=0, echo=True))
        print(out[0]["generated_text"])
    """)
    assert {safety for _, _, safety, _ in out.summary()} == {"safe"}


def test_return_full_text_false_drops_the_echo():
    out = rewrite_snippet(
        PIPELINE.replace("do_sample=False", "do_sample=False, return_full_text=False"), TransformersCodemod
    )
    assert 'pipe.complete("Hello", max_tokens=20, temperature=0))' in out.code


def test_the_pipelines_own_defaults_are_unsafe_when_the_model_config_is_unreadable():
    out = rewrite_snippet(
        PIPELINE.replace("max_new_tokens=20, do_sample=False", ""), TransformersCodemod, unsafe=True
    )
    assert 'pipe.complete("Hello", max_tokens=256, temperature=0.7, echo=True)' in out.code
    reasons = next(o.reason for o in out.outcomes if o.rule == "SOV141")
    assert "256 new tokens" in reasons and "do_sample=True, temperature=0.7" in reasons


def test_a_chat_through_the_pipeline():
    out = rewrite_snippet(
        """
        from transformers import pipeline
        pipe = pipeline(task="text-generation", model="m", max_new_tokens=32)
        messages = [{"role": "user", "content": "Hi"}]
        reply = pipe(messages, do_sample=False)[0]["generated_text"][-1]["content"]
        """,
        TransformersCodemod,
    )
    assert (
        "reply = views.pipeline_chat_output(pipe.chat(messages, max_tokens=32, temperature=0), messages)"
        '[0]["generated_text"][-1]["content"]'
    ) in out.code


@pytest.mark.parametrize(
    ("pipeline_call", "reason"),
    [
        ('pipeline("summarization", model="m")', "not the literal"),
        (
            'pipeline("text-generation", model=AutoModelForCausalLM.from_pretrained("m"))',
            "not named by a string",
        ),
        ('pipeline("text-generation", model="m", tokenizer="other")', "another tokenizer"),
    ],
)
def test_pipelines_without_a_neutral_equivalent_are_manual(pipeline_call, reason):
    out = rewrite_snippet(
        f"""
        from transformers import AutoModelForCausalLM, pipeline
        pipe = {pipeline_call}
        print(pipe("Hi", do_sample=False, max_new_tokens=4))
        """,
        TransformersCodemod,
        unsafe=True,
    )
    assert "connect" not in out.code
    assert any(reason in o.reason for o in out.outcomes if o.rule == "SOV141")


def test_text_streamer_becomes_a_stream_chat_loop():
    out = rewrite_snippet(
        """
        from transformers import AutoModelForCausalLM, AutoTokenizer, TextStreamer

        tok = AutoTokenizer.from_pretrained("m")
        model = AutoModelForCausalLM.from_pretrained("m")
        messages = [{"role": "user", "content": "Hi"}]
        inputs = tok.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt", return_dict=True)
        streamer = TextStreamer(tok, skip_prompt=True, skip_special_tokens=True)
        # stream the answer
        model.generate(**inputs, streamer=streamer, max_new_tokens=64, do_sample=False)
        """,
        TransformersCodemod,
    )
    assert out.code.endswith(
        dedent("""
        messages = [{"role": "user", "content": "Hi"}]
        # stream the answer
        for chunk in model.stream_chat(messages, max_tokens=64, temperature=0):
            print(chunk.text, end="", flush=True)
        print()
    """)
    )
    assert {(rule, safety) for _, rule, safety, _ in out.summary()} >= {
        ("SOV145", "safe"),
        ("SOV144", "safe"),
    }


def test_a_streamer_that_prints_special_tokens_is_unsafe():
    out = rewrite_snippet(
        """
        from transformers import AutoModelForCausalLM, AutoTokenizer, TextStreamer
        tok = AutoTokenizer.from_pretrained("m")
        model = AutoModelForCausalLM.from_pretrained("m")
        messages = [{"role": "user", "content": "Hi"}]
        inputs = tok.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt")
        model.generate(inputs, streamer=TextStreamer(tok, skip_prompt=True), max_new_tokens=8, do_sample=False)
        """,
        TransformersCodemod,
    )
    assert any("special tokens" in o.reason for o in out.outcomes if o.rule == "SOV144")


def test_text_iterator_streamer_is_manual():
    source = """
        from threading import Thread
        from transformers import AutoModelForCausalLM, AutoTokenizer, TextIteratorStreamer
        tok = AutoTokenizer.from_pretrained("m")
        model = AutoModelForCausalLM.from_pretrained("m")
        streamer = TextIteratorStreamer(tok, skip_prompt=True)
        Thread(target=model.generate, kwargs=dict(max_new_tokens=8, streamer=streamer)).start()
        for text in streamer:
            print(text, end="")
    """
    out = rewrite_snippet(source, TransformersCodemod, unsafe=True)
    assert out.code == dedent(source)
    assert "TextIteratorStreamer" in next(o.reason for o in out.outcomes if o.rule == "SOV145")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("skip_special_tokens=True))", "skip_special_tokens=True"),  # decode(...) without it
        ("add_generation_prompt=True", "add_generation_prompt"),
        ("outputs[0][input_ids.shape[-1]:]", "[0][prompt_length:]"),
    ],
)
def test_chains_the_adapter_cannot_reproduce_are_manual(change, reason):
    broken = {
        "skip_special_tokens=True))": "skip_special_tokens=False))",
        "add_generation_prompt=True": "add_generation_prompt=False",
        "outputs[0][input_ids.shape[-1]:]": "outputs[0]",
    }[change]
    out = rewrite_snippet(CHAT.replace(change, broken), TransformersCodemod, unsafe=True)
    assert "connect" not in out.code
    assert reason in out.outcomes[1].reason


def test_a_model_used_for_more_than_generate_is_manual():
    out = rewrite_snippet(
        dedent(CHAT) + "print(model.config.hidden_size)\n", TransformersCodemod, unsafe=True
    )
    assert "connect" not in out.code
    assert "the model object is passed to a function" in out.outcomes[1].reason
