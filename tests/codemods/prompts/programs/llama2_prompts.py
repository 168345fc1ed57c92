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
    return llm.chat([{"role": "user", "content": question}], max_tokens=6, temperature=0)["choices"][0][
        "message"
    ]["content"]


def with_bos(question):
    return llm.chat([{"role": "user", "content": question}], max_tokens=6, temperature=0).text


def with_system(question):
    out = llm.chat(
        [{"role": "system", "content": SYSTEM}, {"role": "user", "content": question}],
        max_tokens=6,
        temperature=0,
    )
    return out.choices[0].message.content


def multi_turn(question, answer, follow_up):
    return llm.chat(
        [
            {"role": "user", "content": question},
            {"role": "assistant", "content": answer},
            {"role": "user", "content": follow_up},
        ],
        max_tokens=6,
        temperature=0,
    ).text


def percent(question):
    return llm.chat([{"role": "user", "content": question}], max_tokens=6, temperature=0).text
