"""Adapter results in the shapes other engines' callers index, so code rewritten by ``sovmigrate rewrite`` keeps
its consumers unchanged: the rewrite stays at the call, and the line that reads ``r["message"]["content"]``,
``r.response``, ``out[0]["generated_text"]`` or ``outs[0].outputs[0].text`` is left alone.

    r = views.ollama_chat(llm.chat(messages))                         # was: ollama.chat(model, messages)
    for part in views.ollama_chat_stream(llm.stream_chat(messages)):  # was: ollama.chat(..., stream=True)
    r = views.llama_api_chat(llm.chat(messages))                      # was: LlamaAPIClient().chat.completions.create
    r = views.llama_stack_chat(llm.chat(messages, temperature=0))     # was: client.inference.chat_completion
    out = views.pipeline_output(llm.complete(prompt, echo=True))     # was: pipe(prompt) (return_full_text)
    outs = [views.vllm_output(llm.complete(p), p) for p in prompts]  # was: llm.generate(prompts, params)

Every view is a ``Record``: it reads by key and by attribute, like the objects it stands in for. Fields the
adapter does not know (Ollama's durations, vLLM's token ids) are None.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

from sovmigrate.adapter.results import Completion, CompletionChunk, Embeddings, Record

__all__ = [
    "bedrock_converse",
    "bedrock_converse_stream",
    "bedrock_invoke",
    "bedrock_invoke_stream",
    "llama_api_chat",
    "llama_api_chat_stream",
    "llama_stack_chat",
    "llama_stack_chat_stream",
    "llama_stack_completion",
    "llama_stack_completion_stream",
    "ollama_chat",
    "ollama_chat_stream",
    "ollama_embed",
    "ollama_embeddings",
    "ollama_generate",
    "ollama_generate_stream",
    "pipeline_chat_output",
    "pipeline_output",
    "vllm_output",
]

Result = Completion | CompletionChunk

_DURATIONS = ("total_duration", "load_duration", "prompt_eval_duration", "eval_duration")


def _text(choice: Mapping[str, Any]) -> str:
    message = choice.get("message") or choice.get("delta")
    if message is not None:
        return message.get("content") or ""
    return choice.get("text") or ""


def _ollama_envelope(result: Result) -> dict[str, Any]:
    """The fields every Ollama response has (None where the adapter does not know them, as in the client)."""
    choice = result["choices"][0] if result.get("choices") else {}
    reason = choice.get("finish_reason")
    done = not isinstance(result, CompletionChunk) or reason is not None
    usage = (result.get("usage") or {}) if done else {}
    created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(result.get("created") or time.time()))
    return {
        "model": result.get("model"),
        "created_at": created,
        "done": done,
        "done_reason": ("length" if reason == "length" else "stop") if done else None,
        **dict.fromkeys(_DURATIONS),
        "prompt_eval_count": usage.get("prompt_tokens"),
        "eval_count": usage.get("completion_tokens"),
        "logprobs": None,
    }


def ollama_chat(result: Result) -> Record:
    """An Ollama ``ChatResponse``: ``r["message"]["content"]``, ``r.message.content``, ``r.done``, counts."""
    choice = result["choices"][0] if result.get("choices") else {}
    message = {
        "role": "assistant",
        "content": _text(choice),
        "thinking": None,
        "images": None,
        "tool_name": None,
        "tool_calls": (choice.get("message") or {}).get("tool_calls"),
    }
    return Record({**_ollama_envelope(result), "message": message})


def ollama_generate(result: Result) -> Record:
    """An Ollama ``GenerateResponse``: ``r["response"]``, ``r.response``, ``r.done``, counts."""
    choice = result["choices"][0] if result.get("choices") else {}
    extra = dict.fromkeys(("thinking", "context", "image", "completed", "total"))
    return Record({**_ollama_envelope(result), "response": _text(choice), **extra})


@overload
def ollama_chat_stream(chunks: AsyncIterable[CompletionChunk]) -> AsyncIterator[Record]: ...
@overload
def ollama_chat_stream(chunks: Iterable[CompletionChunk]) -> Iterator[Record]: ...
def ollama_chat_stream(chunks: Any) -> Any:
    """Ollama's chat stream from ``stream_chat()`` (or ``astream_chat()``): one ``ChatResponse`` per piece of
    text, the last with ``done=True``; the role-only first chunk, which Ollama never sends, is dropped."""
    return _ollama_stream(chunks, ollama_chat)


@overload
def ollama_generate_stream(chunks: AsyncIterable[CompletionChunk]) -> AsyncIterator[Record]: ...
@overload
def ollama_generate_stream(chunks: Iterable[CompletionChunk]) -> Iterator[Record]: ...
def ollama_generate_stream(chunks: Any) -> Any:
    """Ollama's generate stream (``r["response"]`` per chunk) from ``stream_complete()`` or ``stream_chat()``
    (or their async twins); the role-only first chunk of a chat stream is dropped."""
    return _ollama_stream(chunks, ollama_generate)


def _role_only(chunk: CompletionChunk) -> bool:
    choice = chunk["choices"][0] if chunk.get("choices") else {}
    delta = choice.get("delta")
    return delta is not None and "content" not in delta and choice.get("finish_reason") is None


def _ollama_stream(chunks: Any, view: Callable[[Result], Record]) -> Any:
    if isinstance(chunks, AsyncIterable):
        return _aollama_stream(chunks, view)
    return (view(c) for c in chunks if not _role_only(c))


async def _aollama_stream(chunks: AsyncIterable[CompletionChunk], view: Callable[[Result], Record]) -> Any:
    async for chunk in chunks:
        if not _role_only(chunk):
            yield view(chunk)


def ollama_embed(result: Embeddings) -> Record:
    """An Ollama ``EmbedResponse`` (``ollama.embed``): ``r["embeddings"]``, one vector per input."""
    tokens = (result.get("usage") or {}).get("prompt_tokens")
    return Record(
        {
            "model": result.get("model"),
            "created_at": None,
            "done": None,
            "done_reason": None,
            **dict.fromkeys(_DURATIONS),
            "prompt_eval_count": tokens,
            "eval_count": None,
            "embeddings": result.vectors,
        }
    )


def ollama_embeddings(result: Embeddings) -> Record:
    """The legacy Ollama ``EmbeddingsResponse`` (``ollama.embeddings``): ``r["embedding"]``, one vector."""
    return Record({"embedding": result.vectors[0]})


def pipeline_output(result: Completion) -> list[Record]:
    """A transformers text-generation pipeline's output for one prompt: ``out[0]["generated_text"]``.

    The pipeline's default ``return_full_text=True`` puts the prompt first: call ``complete(prompt, echo=True)``.
    """
    return [Record({"generated_text": c.get("text", "")}) for c in result["choices"]]


def pipeline_chat_output(result: Completion, messages: Sequence[Mapping[str, Any]]) -> list[Record]:
    """The pipeline's output for one chat: ``out[0]["generated_text"][-1]["content"]`` is the reply."""
    return [
        Record({"generated_text": [*map(dict, messages), {"role": "assistant", "content": _text(c)}]})
        for c in result["choices"]
    ]


def vllm_output(result: Completion, prompt: str | None = None) -> Record:
    """A vLLM ``RequestOutput``: ``out.outputs[i].text`` and ``.finish_reason`` per choice, ``out.prompt``."""
    outputs = [
        {
            "index": c.get("index", i),
            "text": _text(c),
            "token_ids": None,
            "cumulative_logprob": None,
            "logprobs": None,
            "finish_reason": c.get("finish_reason"),
            "stop_reason": None,
        }
        for i, c in enumerate(result["choices"])
    ]
    return Record(
        {
            "request_id": result.get("id"),
            "prompt": prompt,
            "prompt_token_ids": None,
            "outputs": outputs,
            "finished": True,
        }
    )


# -- Amazon Bedrock ------------------------------------------------------------------------------------------------
_BEDROCK_REASONS = {"stop": "end_turn", "length": "max_tokens", "tool_calls": "tool_use"}


def _bedrock_usage(usage: Mapping[str, Any] | None) -> dict[str, int]:
    usage = usage or {}
    prompt, completion = usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)
    return {"inputTokens": prompt, "outputTokens": completion, "totalTokens": prompt + completion}


def bedrock_converse(result: Completion) -> Record:
    """A Bedrock ``converse`` response: ``r["output"]["message"]["content"][0]["text"]``, ``r["stopReason"]``."""
    choice = result["choices"][0]
    return Record(
        {
            "output": {"message": {"role": "assistant", "content": [{"text": _text(choice)}]}},
            "stopReason": _BEDROCK_REASONS.get(choice.get("finish_reason"), "end_turn"),
            "usage": _bedrock_usage(result.get("usage")),
            "metrics": {"latencyMs": None},
        }
    )


def bedrock_converse_stream(chunks: Iterable[CompletionChunk]) -> Record:
    """A Bedrock ``converse_stream`` response: ``for ev in r["stream"]`` gives ``messageStart``,
    ``contentBlockDelta`` (``ev["contentBlockDelta"]["delta"]["text"]``), ``contentBlockStop``, ``messageStop``
    and ``metadata`` events."""
    return Record({"stream": _converse_events(chunks)})


def _converse_events(chunks: Iterable[CompletionChunk]) -> Iterator[dict[str, Any]]:
    for chunk in chunks:
        choice = chunk["choices"][0] if chunk.get("choices") else {}
        delta = choice.get("delta") or {}
        if delta.get("role"):
            yield {"messageStart": {"role": delta["role"]}}
        if delta.get("content"):
            yield {"contentBlockDelta": {"delta": {"text": delta["content"]}, "contentBlockIndex": 0}}
        if choice.get("finish_reason") is not None:
            yield {"contentBlockStop": {"contentBlockIndex": 0}}
            yield {"messageStop": {"stopReason": _BEDROCK_REASONS.get(choice["finish_reason"], "end_turn")}}
            yield {"metadata": {"usage": _bedrock_usage(chunk.get("usage")), "metrics": {"latencyMs": None}}}


def _llama_json(text: str, reason: str | None, usage: Mapping[str, Any] | None) -> bytes:
    usage = usage or {}
    return json.dumps(
        {
            "generation": text,
            "prompt_token_count": usage.get("prompt_tokens"),
            "generation_token_count": usage.get("completion_tokens"),
            "stop_reason": reason,
        }
    ).encode()


def bedrock_invoke(result: Completion) -> Record:
    """A Bedrock ``invoke_model`` response for a Meta Llama body: ``json.loads(r["body"].read())["generation"]``."""
    choice = result["choices"][0]
    reason = "length" if choice.get("finish_reason") == "length" else "stop"
    body = io.BytesIO(_llama_json(_text(choice), reason, result.get("usage")))
    return Record({"body": body, "contentType": "application/json"})


def bedrock_invoke_stream(chunks: Iterable[CompletionChunk]) -> Record:
    """A Bedrock ``invoke_model_with_response_stream`` response for a Meta Llama body:
    ``for ev in r["body"]: json.loads(ev["chunk"]["bytes"])["generation"]``."""
    return Record({"body": _invoke_events(chunks), "contentType": "application/json"})


def _invoke_events(chunks: Iterable[CompletionChunk]) -> Iterator[dict[str, Any]]:
    for chunk in chunks:
        choice = chunk["choices"][0] if chunk.get("choices") else {}
        reason = choice.get("finish_reason")
        if reason is None and not _text(choice):
            continue
        mapped = None if reason is None else ("length" if reason == "length" else "stop")
        yield {"chunk": {"bytes": _llama_json(_text(choice), mapped, chunk.get("usage") if reason else None)}}


# -- Meta's Llama API (llama-api-client 0.6.0: types/create_chat_completion_response*.py) ------------------------
def _stop_reason(finish: str | None) -> str | None:
    """Llama API's ``stop_reason``: OpenAI's names, of which it has ``stop``, ``length`` and ``tool_calls``."""
    return finish if finish in (None, "length", "tool_calls") else "stop"


def _llama_api_metrics(usage: Mapping[str, Any] | None) -> list[dict[str, Any]] | None:
    if not usage:
        return None
    counts = (
        ("num_completion_tokens", usage.get("completion_tokens")),
        ("num_prompt_tokens", usage.get("prompt_tokens")),
        ("num_total_tokens", usage.get("total_tokens")),
    )
    return [{"metric": name, "value": float(n), "unit": "tokens"} for name, n in counts if n is not None]


def _llama_api_tool_calls(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "id": c.get("id"),
            "function": {"name": c["function"]["name"], "arguments": c["function"]["arguments"]},
        }
        for c in message.get("tool_calls") or ()
    ]


def llama_api_chat(result: Completion) -> Record:
    """A Llama API ``CreateChatCompletionResponse``: ``r.completion_message.content.text``,
    ``r.completion_message.stop_reason``, ``r.metrics`` (token counts, as floats)."""
    choice = result["choices"][0] if result.get("choices") else {}
    message = choice.get("message") or {}
    completion = {
        "role": "assistant",
        "content": {"type": "text", "text": _text(choice)},
        "stop_reason": _stop_reason(choice.get("finish_reason")),
        "tool_calls": _llama_api_tool_calls(message),
    }
    return Record(
        {
            "completion_message": completion,
            "id": result.get("id"),
            "metrics": _llama_api_metrics(result.get("usage")),
        }
    )


def _llama_api_event(chunk: Mapping[str, Any], kind: str, text: str = "", **fields: Any) -> Record:
    event = {
        "event_type": kind,
        "delta": {"type": "text", "text": text},
        "stop_reason": None,
        "metrics": None,
    }
    return Record({"event": {**event, **fields}, "id": chunk.get("id")})


def _llama_api_events(chunk: CompletionChunk, first: bool) -> Iterator[Record]:
    """The Llama API events one adapter chunk stands for: ``start`` first, ``progress`` per piece of text,
    ``complete`` with the stop reason, ``metrics`` when the chunk has the token counts."""
    choice = chunk["choices"][0] if chunk.get("choices") else {}
    if first:
        yield _llama_api_event(chunk, "start")
    if _text(choice):
        yield _llama_api_event(chunk, "progress", _text(choice))
    if choice.get("finish_reason") is not None:
        yield _llama_api_event(chunk, "complete", stop_reason=_stop_reason(choice["finish_reason"]))
    if chunk.get("usage"):
        yield _llama_api_event(chunk, "metrics", metrics=_llama_api_metrics(chunk["usage"]))


@overload
def llama_api_chat_stream(chunks: AsyncIterable[CompletionChunk]) -> AsyncIterator[Record]: ...
@overload
def llama_api_chat_stream(chunks: Iterable[CompletionChunk]) -> Iterator[Record]: ...
def llama_api_chat_stream(chunks: Any) -> Any:
    """Llama API's chat stream from ``stream_chat()`` (or ``astream_chat()``): ``chunk.event.delta.text`` on
    every event (``start``, ``progress``..., ``complete`` with ``chunk.event.stop_reason``)."""
    return _events(chunks, _llama_api_events)


def _events(chunks: Any, events: Callable[[CompletionChunk, bool], Iterator[Record]]) -> Any:
    if isinstance(chunks, AsyncIterable):
        return _aevents(chunks, events)
    return (event for i, chunk in enumerate(chunks) for event in events(chunk, i == 0))


async def _aevents(
    chunks: AsyncIterable[CompletionChunk], events: Callable[[CompletionChunk, bool], Iterator[Record]]
) -> Any:
    first = True
    async for chunk in chunks:
        for event in events(chunk, first):
            yield event
        first = False


# -- Llama Stack's legacy inference API (llama-stack 0.2.12: apis/inference/inference.py) ------------------------
_STACK_REASONS = {"stop": "end_of_turn", "tool_calls": "end_of_turn", "length": "out_of_tokens"}


def _stack_reason(finish: str | None) -> str:
    """Llama Stack's ``StopReason`` for an OpenAI finish reason, as its OpenAI-compatible providers map it."""
    return _STACK_REASONS.get(finish or "", "out_of_tokens")


def _stack_metrics(usage: Mapping[str, Any] | None) -> list[dict[str, Any]] | None:
    if not usage:
        return None
    names = ("prompt_tokens", "completion_tokens", "total_tokens")
    return [{"metric": name, "value": float(usage[name]), "unit": None} for name in names if name in usage]


def llama_stack_chat(result: Completion) -> Record:
    """A Llama Stack ``ChatCompletionResponse``: ``r.completion_message.content`` (the text),
    ``r.completion_message.stop_reason`` (``end_of_turn``, ``out_of_tokens``), ``r.metrics``."""
    choice = result["choices"][0] if result.get("choices") else {}
    completion = {
        "role": "assistant",
        "content": _text(choice),
        "stop_reason": _stack_reason(choice.get("finish_reason")),
        "tool_calls": [],
    }
    return Record(
        {"completion_message": completion, "logprobs": None, "metrics": _stack_metrics(result.get("usage"))}
    )


def llama_stack_completion(result: Completion) -> Record:
    """A Llama Stack ``CompletionResponse`` (``inference.completion``): ``r.content``, ``r.stop_reason``."""
    choice = result["choices"][0] if result.get("choices") else {}
    return Record(
        {
            "content": _text(choice),
            "stop_reason": _stack_reason(choice.get("finish_reason")),
            "logprobs": None,
            "metrics": _stack_metrics(result.get("usage")),
        }
    )


def _stack_event(kind: str, text: str = "", reason: str | None = None, metrics: Any = None) -> Record:
    event = {
        "event_type": kind,
        "delta": {"type": "text", "text": text},
        "logprobs": None,
        "stop_reason": reason,
    }
    return Record({"event": event, "metrics": metrics})


def _stack_chat_events(chunk: CompletionChunk, first: bool) -> Iterator[Record]:
    """``start`` (empty text) first, ``progress`` per piece of text, then ``complete`` with the stop reason
    and the metrics, as Llama Stack's server streams a chat."""
    choice = chunk["choices"][0] if chunk.get("choices") else {}
    if first:
        yield _stack_event("start")
    if _text(choice):
        yield _stack_event("progress", _text(choice))
    if choice.get("finish_reason") is not None:
        reason = _stack_reason(choice["finish_reason"])
        yield _stack_event("complete", reason=reason, metrics=_stack_metrics(chunk.get("usage")))


@overload
def llama_stack_chat_stream(chunks: AsyncIterable[CompletionChunk]) -> AsyncIterator[Record]: ...
@overload
def llama_stack_chat_stream(chunks: Iterable[CompletionChunk]) -> Iterator[Record]: ...
def llama_stack_chat_stream(chunks: Any) -> Any:
    """Llama Stack's chat stream (``ChatCompletionResponseStreamChunk``): ``chunk.event.event_type``,
    ``chunk.event.delta.text``, ``chunk.event.stop_reason`` on the ``complete`` event."""
    return _events(chunks, _stack_chat_events)


def _stack_completion_events(chunk: CompletionChunk, first: bool) -> Iterator[Record]:
    """One ``delta`` per chunk (empty ones too), then an empty one with the stop reason, as the server does."""
    choice = chunk["choices"][0] if chunk.get("choices") else {}
    yield Record({"delta": _text(choice), "stop_reason": None, "logprobs": None, "metrics": None})
    if choice.get("finish_reason") is not None:
        reason, metrics = _stack_reason(choice["finish_reason"]), _stack_metrics(chunk.get("usage"))
        yield Record({"delta": "", "stop_reason": reason, "logprobs": None, "metrics": metrics})


@overload
def llama_stack_completion_stream(chunks: AsyncIterable[CompletionChunk]) -> AsyncIterator[Record]: ...
@overload
def llama_stack_completion_stream(chunks: Iterable[CompletionChunk]) -> Iterator[Record]: ...
def llama_stack_completion_stream(chunks: Any) -> Any:
    """Llama Stack's completion stream (``CompletionResponseStreamChunk``): ``chunk.delta`` per piece of text,
    then an empty ``delta`` with ``chunk.stop_reason``."""
    return _events(chunks, _stack_completion_events)
