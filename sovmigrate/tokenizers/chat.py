"""Render the same conversations through two chat templates (sandboxed Jinja) and compare them."""

from __future__ import annotations

import difflib
import json
from datetime import datetime
from functools import lru_cache
from typing import Any

from sovmigrate.tokenizers.errors import ChatTemplateError
from sovmigrate.tokenizers.loaded import LoadedTokenizer

__all__ = ["CONVERSATIONS", "compare_templates", "render"]

_TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Get the current weather for a city.",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"],
            },
        },
    }
]

CONVERSATIONS: dict[str, dict[str, Any]] = {
    "system-and-user": {
        "messages": [
            {"role": "system", "content": "You are a concise assistant. Answer in one sentence."},
            {"role": "user", "content": "What is the capital of France?"},
        ]
    },
    "multi-turn": {
        "messages": [
            {"role": "user", "content": "Hi! Can you help me plan a trip?"},
            {"role": "assistant", "content": "Of course. Where would you like to go?"},
            {"role": "user", "content": "Lisbon, for three days in May."},
        ]
    },
    "tool-call": {
        "tools": _TOOLS,
        "messages": [
            {"role": "user", "content": "What's the weather in Paris?"},
            {
                "role": "assistant",
                "content": "",
                "tool_calls": [
                    {"type": "function", "function": {"name": "get_weather", "arguments": {"city": "Paris"}}}
                ],
            },
            {"role": "tool", "name": "get_weather", "content": '{"temperature_c": 18, "sky": "cloudy"}'},
        ],
    },
}


def _tojson(value: Any, indent: int | None = None, separators: Any = None, sort_keys: bool = False) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sort_keys)


def _raise(message: str) -> None:
    raise ChatTemplateError(message)


@lru_cache(maxsize=32)
def _compile(template: str) -> Any:
    """The template compiled in a sandbox with the helpers Hugging Face templates expect."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(
        trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.loopcontrols"]
    )
    env.filters["tojson"] = _tojson
    env.globals["raise_exception"] = _raise
    env.globals["strftime_now"] = lambda fmt: datetime.now().strftime(fmt)
    return env.from_string(template)


def render(
    tok: LoadedTokenizer, messages: list[dict[str, Any]], tools: list[dict[str, Any]] | None = None
) -> str:
    """Render ``messages`` with the tokenizer's chat template, as ``apply_chat_template`` would (no tokenizing)."""
    from jinja2 import TemplateError

    if not tok.chat_template:
        raise ChatTemplateError("no chat template", path=tok.spec)
    variables = {
        f"{role}_token": text for role, text in tok.roles.items() if role in ("bos", "eos", "pad", "unk")
    }
    variables.setdefault("bos_token", "")
    variables.setdefault("eos_token", "")
    try:
        return _compile(tok.chat_template).render(
            messages=messages, tools=tools, add_generation_prompt=True, **variables
        )
    except ChatTemplateError as exc:
        raise ChatTemplateError(str(exc), path=tok.spec) from exc
    except (TemplateError, TypeError, ValueError, KeyError, AttributeError) as exc:
        raise ChatTemplateError(f"chat template failed: {exc}", path=tok.spec) from exc


def _render_one(tok: LoadedTokenizer, conv: dict[str, Any]) -> dict[str, Any]:
    try:
        text = render(tok, conv["messages"], conv.get("tools"))
    except ChatTemplateError as exc:
        return {"text": None, "error": str(exc).removeprefix(f"{tok.spec}: "), "tokens": None}
    return {"text": text, "error": None, "tokens": len(tok.tokenizer.encode(text, add_special_tokens=False))}


def compare_templates(src: LoadedTokenizer, tgt: LoadedTokenizer) -> dict[str, Any]:
    """Rendered prompts of each standard conversation through both templates, their diff and stop sequences."""
    out: dict[str, Any] = {
        "source_has_template": bool(src.chat_template),
        "target_has_template": bool(tgt.chat_template),
        "conversations": [],
    }
    if src.chat_template or tgt.chat_template:
        for name, conv in CONVERSATIONS.items():
            a, b = _render_one(src, conv), _render_one(tgt, conv)
            diff = ""
            if a["text"] is not None and b["text"] is not None and a["text"] != b["text"]:
                diff = "".join(
                    difflib.unified_diff(
                        a["text"].splitlines(True), b["text"].splitlines(True), "source", "target", n=1
                    )
                )
            out["conversations"].append({"name": name, "source": a, "target": b, "diff": diff})
    tgt_stops = set(tgt.stop_sequences)
    out["stop_sequences"] = {
        "source": src.stop_sequences,
        "target": tgt.stop_sequences,
        "must_change": [s for s in src.stop_sequences if s not in tgt_stops],
        "target_not_single_token": [s for s in tgt.stop_sequences if tgt.tokenizer.token_to_id(s) is None],
    }
    return out
