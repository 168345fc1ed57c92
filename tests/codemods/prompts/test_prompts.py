"""The prompt codemod on snippets: how prompts are read, what they become, what stays manual and why."""

from __future__ import annotations

import pytest
from sovmigrate.codemods.prompts import PromptsCodemod

from tests.rewrite.helpers import dedent, rewrite_snippet

HEAD = 'from sovmigrate.adapter import connect\n\nllm = connect(default="llamacpp:m.gguf")\n'


def rewrite(body: str, **options: bool):
    return rewrite_snippet(HEAD + dedent(body), PromptsCodemod, unsafe=True, **options)


@pytest.mark.parametrize(
    ("prompt", "messages"),
    [
        ('f"[INST] {q} [/INST]"', '[{"role": "user", "content": q}]'),
        ('"<s>[INST] " + q + " [/INST]"', '[{"role": "user", "content": q}]'),
        ('"[INST] %s [/INST]" % q', '[{"role": "user", "content": q}]'),
        ('"[INST] {} [/INST]".format(q)', '[{"role": "user", "content": q}]'),
        (
            'f"[INST] <<SYS>>\\nBe brief.\\n<</SYS>>\\n\\n{q} [/INST]"',
            '[{"role": "system", "content": "Be brief."}, {"role": "user", "content": q}]',
        ),
        (
            'f"[INST] Hi [/INST] Hello! </s><s>[INST] Tell me about {topic}. [/INST]"',
            (
                '[{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}, '
                '{"role": "user", "content": f"Tell me about {topic}."}]'
            ),
        ),
        (
            '"<|start_header_id|>user<|end_header_id|>\\n\\n" + q + "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\\n\\n"',
            '[{"role": "user", "content": q}]',
        ),
    ],
)
def test_a_prompt_becomes_messages(prompt: str, messages: str) -> None:
    out = rewrite(f"r = llm.complete({prompt}, max_tokens=8)\nprint(r.text)\n")
    assert out.code == HEAD + f"r = llm.chat({messages}, max_tokens=8)\nprint(r.text)\n"
    assert {(o.safety.value, o.applied) for o in out.outcomes} == {("unsafe", True)}


def test_module_constants_and_templates_are_followed_and_results_read_the_message() -> None:
    out = rewrite(
        """
        B_INST, E_INST = "[INST]", "[/INST]"
        B_SYS, E_SYS = "<<SYS>>\\n", "\\n<</SYS>>\\n\\n"
        SYSTEM = "You are terse."

        def ask(question):
            prompt = f"{B_INST} {B_SYS}{SYSTEM}{E_SYS}{question} {E_INST}"
            out = llm.complete(prompt, stop=["</s>"])
            return out["choices"][0]["text"], out.choices[0].text
        """
    )
    assert (
        '    out = llm.chat([{"role": "system", "content": SYSTEM}, {"role": "user", "content": question}], '
        'stop=["</s>"])\n'
        '    return out["choices"][0]["message"]["content"], out.choices[0].message.content\n'
    ) in out.code
    reasons = {o.reason for o in out.outcomes}
    assert len(reasons) == 1
    (reason,) = reasons
    assert "Llama 2 turns read here (system, user)" in reason and "the stop strings '</s>'" in reason


def test_the_reason_names_token_ids_of_the_old_template() -> None:
    out = rewrite(
        """
        STOP_IDS = [128001, 128009]
        r = llm.complete("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\\n\\nHi<|eot_id|>"
                         "<|start_header_id|>assistant<|end_header_id|>\\n\\n").text
        """
    )
    assert out.outcomes and all("[128001, 128009]" in o.reason and "BOS" in o.reason for o in out.outcomes)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('r = llm.complete(f"<s>{history}[INST] {q} [/INST]").text\n', "between the turns"),
        ('r = llm.complete(f"[INST] {q} [/INST] Sure, here is").text\n', "prefilled answer"),
        (
            'r = llm.complete("<|start_header_id|>user<|end_header_id|>\\n\\n" + q + "<|eot_id|>").text\n',
            "does not end with an empty assistant header",
        ),
        (
            'r = llm.complete(TEMPLATE.format(**values)).text\nTEMPLATE = "[INST] {q} [/INST]"\n',
            "not known here",
        ),
        ('r = llm.complete(f"[INST] {q} [/INST]", echo=True).text\n', "`echo=`"),
        (
            'for c in llm.stream_complete(f"[INST] {q} [/INST]"):\n    print(c["choices"][0]["text"])\n',
            "chunk",
        ),
        ('r = llm.complete(f"[INST] {q} [/INST]")\nlog(r)\n', "read as `log(r)`"),
        (
            'import llama_cpp\nold = llama_cpp.Llama("m.gguf")\nold(f"[INST] {q} [/INST]")\n',
            "not sent to an adapter",
        ),
    ],
)
def test_unclear_prompts_stay_manual_with_the_reason(body: str, reason: str) -> None:
    out = rewrite(body, annotate=True)
    assert out.outcomes and {o.safety.value for o in out.outcomes} == {"manual"}
    assert all(reason in o.reason for o in out.outcomes), [o.reason for o in out.outcomes]
    assert "llm.chat(" not in out.code


def test_views_read_chat_results_so_the_call_can_change_inside_them() -> None:
    out = rewrite_snippet(
        """
        from sovmigrate.adapter import connect, views

        r = views.bedrock_invoke(connect(default="bedrock:meta.llama3-8b-instruct-v1:0", client=c).complete(f"[INST] {q} [/INST]"))
        """,
        PromptsCodemod,
        unsafe=True,
    )
    assert '.chat([{"role": "user", "content": q}]))' in out.code


def test_a_prompt_left_unread_by_the_rewrite_is_reported_for_deletion() -> None:
    out = rewrite(
        """
        def ask(q):
            prompt = f"[INST] {q} [/INST]"
            return llm.complete(prompt).text
        """,
        annotate=True,
    )
    assert (
        'prompt = f"[INST] {q} [/INST]"' in out.code
        and 'llm.chat([{"role": "user", "content": q}])' in out.code
    )
    assert "# sovmigrate: TODO(SOV520): a hand-built prompt that nothing reads" in out.code
