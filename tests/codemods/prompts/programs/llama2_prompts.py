"""Hand-built Llama 2 / Mistral prompts sent to the adapter's completion (as the llama-cpp-python codemod writes
them), in the shapes real code builds them: constants, f-strings, `.format`, `%`, concatenation."""

import os

from sovmigrate.adapter import connect

B_INST, E_INST = "[INST]", "[/INST]"
B_SYS, E_SYS = "<<SYS>>\n", "\n<</SYS>>\n\n"
SYSTEM = "You are a helpful assistant."
TEMPLATE = "[INST] {question} [/INST] {answer} </s><s>[INST] {follow_up} [/INST]"

llm = connect(default=f"llamacpp:{os.environ['TINY_GGUF']}", n_ctx=256)


def plain(question):
    prompt = f"{B_INST} {question} {E_INST}"
    return llm.complete(prompt, max_tokens=6, temperature=0)["choices"][0]["text"]


def with_bos(question):
    return llm.complete("<s>[INST] " + question + " [/INST]", max_tokens=6, temperature=0).text


def with_system(question):
    prompt = f"{B_INST} {B_SYS}{SYSTEM}{E_SYS}{question} {E_INST}"
    out = llm.complete(prompt, max_tokens=6, temperature=0)
    return out.choices[0].text


def multi_turn(question, answer, follow_up):
    prompt = TEMPLATE.format(question=question, answer=answer, follow_up=follow_up)
    return llm.complete(prompt, max_tokens=6, temperature=0).text


def percent(question):
    return llm.complete("[INST] %s [/INST]" % question, max_tokens=6, temperature=0).text  # noqa: UP031 (the % form on purpose)
