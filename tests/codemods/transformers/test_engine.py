"""Proof on the real engine: a transformers program and the same program after `sovmigrate rewrite` print
the same thing, on the tiny safetensors model, with greedy decoding.

One program covers the shapes the codemod rewrites: a chat through apply_chat_template → generate → decode of
the new tokens, the text-generation pipeline with its default return_full_text (the prompt, then the new
text), the pipeline with a chat, and TextStreamer streaming. The rewrite must make every fix (they are safe:
greedy, and the model's generation_config.json is a local file) and leave no transformers model behind.
"""

from __future__ import annotations

import json

from tests.codemods.differential import differential

PROGRAM = """\
from transformers import AutoModelForCausalLM, AutoTokenizer, TextStreamer, pipeline

MODEL = {model!r}
tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, dtype="float32")


def ask(question):
    messages = [{{"role": "system", "content": "You are terse."}}, {{"role": "user", "content": question}}]
    inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt", return_dict=True)
    outputs = model.generate(**inputs, max_new_tokens=24, do_sample=False)
    return tokenizer.decode(outputs[0][inputs["input_ids"].shape[-1]:], skip_special_tokens=True)


print("chat", repr(ask("Say hello")))
print("chat", repr(ask("Name a colour")))

pipe = pipeline("text-generation", model=MODEL)
prompt = "The quick brown fox"
out = pipe(prompt, max_new_tokens=20, do_sample=False)
print("pipeline", repr(out[0]["generated_text"]))
short = pipe("Once upon a time", max_new_tokens=8, do_sample=False, return_full_text=False)
print("pipeline new text", repr(short[0]["generated_text"]))
conversation = [{{"role": "user", "content": "Say hello"}}]
reply = pipe(conversation, max_new_tokens=12, do_sample=False)
print("pipeline chat", repr(reply[0]["generated_text"][-1]["content"]))

messages = [{{"role": "user", "content": "Tell me a story"}}]
inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt", return_dict=True)
streamer = TextStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)
print("stream:")
model.generate(**inputs, streamer=streamer, max_new_tokens=16, do_sample=False)
"""


def test_rewritten_transformers_program_prints_the_same(hf_dir, tmp_path):
    run = differential(PROGRAM.format(model=hf_dir), tmp_path, flags=("--output-format", "json"))
    report = json.loads(run.report)
    outcomes = [o for f in report["files"] for o in f["outcomes"]]
    assert {o["rule"] for o in outcomes} == {"SOV140", "SOV141", "SOV142", "SOV143", "SOV144", "SOV145"}
    fixes = [o for o in outcomes if o["rule"] != "SOV140"]
    assert all(o["applied"] and o["safety"] == "safe" for o in fixes), fixes
    # the tokenizer is not the codemod's to remove, so the import stays for it
    assert [o["reason"] for o in outcomes if o["rule"] == "SOV140"] == [
        "transformers is still used, e.g. by `AutoTokenizer.from_pretrained(MODEL)`"
    ]
    assert "AutoModelForCausalLM" not in run.source and "pipeline(" not in run.source
    assert "TextStreamer" not in run.source and "model.generate" not in run.source
    assert run.original.count("\n") == 7
    assert run.rewritten == run.original
