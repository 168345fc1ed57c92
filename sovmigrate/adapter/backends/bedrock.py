"""``bedrock:<model id>`` (e.g. ``bedrock:meta.llama3-8b-instruct-v1:0``): Amazon Bedrock through boto3.

``chat`` and ``stream_chat`` use the Converse API, which works for every model. ``complete`` and
``stream_complete`` use InvokeModel with Meta Llama's native body (``prompt``, ``max_gen_len``, ``temperature``,
``top_p``), so they work on ``meta.*`` models only (and cross-region profiles such as ``us.meta.*``).

Options: ``client`` (an existing ``bedrock-runtime`` client; it keeps its credentials, region and config), or
``region_name``, ``profile_name``, ``endpoint_url``, ``timeout`` (read timeout in s, default 60) and
``max_retries`` (default 2) to make one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sovmigrate.adapter.backends.base import Backend, Capabilities, Messages, require
from sovmigrate.adapter.errors import (
    BadRequest,
    ConnectError,
    EngineError,
    OptionError,
    Timeout,
    UnsupportedParameter,
)
from sovmigrate.adapter.results import chat_chunk, chat_completion, stream_base, text_chunk, text_completion

__all__ = ["BedrockBackend"]

_EXTRA = {"backend": "bedrock", "package": "boto3", "extra": "bedrock"}
_REASONS = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "stop": "stop",
    "max_tokens": "length",
    "length": "length",
    "tool_use": "tool_calls",
    "content_filtered": "content_filter",
    "guardrail_intervened": "content_filter",
}
_BAD_REQUEST = {"ValidationException", "AccessDeniedException", "ResourceNotFoundException"}


class BedrockBackend(Backend):
    """Converse for chat, InvokeModel with the Llama body for raw completions; answers in OpenAI shapes."""

    name = "bedrock"
    PARAMS = frozenset({"max_tokens", "temperature", "top_p", "stop"})
    CAPABILITIES = Capabilities(
        streaming=True,
        tools=False,
        json_schema=False,
        embeddings=False,
        logprobs=False,
        max_context=None,
        params=PARAMS,
    )

    def __init__(
        self,
        model: str,
        *,
        client: Any = None,
        region_name: str | None = None,
        profile_name: str | None = None,
        endpoint_url: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 2,
    ) -> None:
        self.model = model
        self._botocore = require("botocore.exceptions", **_EXTRA)
        if client is not None and (region_name or profile_name or endpoint_url):
            raise OptionError(
                "pass client= or region_name/profile_name/endpoint_url, not both", backend=self.name
            )
        self._owns_client = client is None  # a client passed in stays open for its other users
        self._client = client or self._make_client(
            region_name, profile_name, endpoint_url, timeout, max_retries
        )
        self.capabilities = self.CAPABILITIES

    def _make_client(
        self, region: str | None, profile: str | None, endpoint: str | None, timeout: float, retries: int
    ) -> Any:
        boto3 = require("boto3", **_EXTRA)
        config = require("botocore.config", **_EXTRA).Config(
            read_timeout=timeout, retries={"max_attempts": retries + 1, "mode": "standard"}
        )
        try:
            session = boto3.Session(profile_name=profile, region_name=region)
            return session.client("bedrock-runtime", endpoint_url=endpoint, config=config)
        except self._botocore.NoRegionError as exc:
            raise OptionError(
                "no AWS region: pass region_name= or set AWS_REGION / AWS_DEFAULT_REGION", backend=self.name
            ) from exc
        except self._botocore.ProfileNotFound as exc:
            raise OptionError(str(exc), backend=self.name) from exc

    @contextmanager
    def _errors(self) -> Iterator[None]:
        b = self._botocore
        try:
            yield
        except b.ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            kind = (
                BadRequest
                if code in _BAD_REQUEST
                else Timeout
                if code == "ModelTimeoutException"
                else EngineError
            )
            raise kind(f"{code}: {exc}", backend=self.name) from exc
        except (b.ReadTimeoutError, b.ConnectTimeoutError) as exc:
            raise Timeout(str(exc), backend=self.name) from exc
        except b.NoCredentialsError as exc:
            raise ConnectError(f"{exc} (set AWS credentials or pass client=)", backend=self.name) from exc
        except (b.EndpointConnectionError, b.ConnectionError) as exc:
            raise ConnectError(str(exc), backend=self.name) from exc

    # -- requests ----------------------------------------------------------------------------------------------
    def _converse_request(self, messages: Messages, p: dict[str, Any]) -> dict[str, Any]:
        system = [{"text": _content(m)} for m in messages if m["role"] == "system"]
        turns = [_turn(m) for m in messages if m["role"] != "system"]
        config = {
            k: p[n]
            for n, k in (("max_tokens", "maxTokens"), ("temperature", "temperature"), ("top_p", "topP"))
            if p.get(n) is not None
        }
        if p.get("stop"):
            config["stopSequences"] = list(p["stop"])
        request: dict[str, Any] = {"modelId": self.model, "messages": turns}
        if system:
            request["system"] = system
        if config:
            request["inferenceConfig"] = config
        return request

    def _llama_body(self, prompt: str, p: dict[str, Any]) -> str:
        if p.get("stop"):
            raise UnsupportedParameter(
                "cannot honour stop with complete(): the Llama InvokeModel body has no stop; use chat()",
                backend=self.name,
            )
        body = {"prompt": prompt}
        for neutral, field in (
            ("temperature", "temperature"),
            ("top_p", "top_p"),
            ("max_tokens", "max_gen_len"),
        ):
            if p.get(neutral) is not None:
                body[field] = p[neutral]
        return json.dumps(body)

    # -- calls -------------------------------------------------------------------------------------------------
    def chat(self, messages: Messages, params: dict[str, Any]) -> dict[str, Any]:
        with self._errors():
            r = self._client.converse(**self._converse_request(messages, params))
        text = "".join(block.get("text", "") for block in r["output"]["message"]["content"])
        usage = r.get("usage") or {}
        reason = _REASONS.get(r.get("stopReason"), "stop")
        return chat_completion(
            self.model, [(text, reason)], usage.get("inputTokens", 0), usage.get("outputTokens", 0)
        )

    def complete(self, prompt: str, params: dict[str, Any]) -> dict[str, Any]:
        body = self._llama_body(prompt, params)
        with self._errors():
            r = json.loads(self._client.invoke_model(modelId=self.model, body=body)["body"].read())
        reason = _REASONS.get(r.get("stop_reason"), "stop")
        counts = int(r.get("prompt_token_count") or 0), int(r.get("generation_token_count") or 0)
        return text_completion(self.model, [(r.get("generation", ""), reason)], *counts)

    def stream_chat(self, messages: Messages, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        request = self._converse_request(messages, params)
        with self._errors():
            events = self._client.converse_stream(**request)["stream"]
        return self._chat_chunks(events, stream_base("chat", self.model))

    def _chat_chunks(self, events: Any, base: dict[str, Any]) -> Iterator[dict[str, Any]]:
        reason = "stop"
        with self._errors():
            for event in events:
                if "messageStart" in event:
                    yield chat_chunk(base, {"role": "assistant"}, None)
                elif "contentBlockDelta" in event:
                    text = event["contentBlockDelta"].get("delta", {}).get("text")
                    if text:
                        yield chat_chunk(base, {"content": text}, None)
                elif "messageStop" in event:
                    reason = _REASONS.get(event["messageStop"].get("stopReason"), "stop")
                elif "metadata" in event:
                    usage = event["metadata"].get("usage") or {}
                    counts = _usage(usage.get("inputTokens", 0), usage.get("outputTokens", 0))
                    yield {**chat_chunk(base, {}, reason), "usage": counts}
                    return
        yield chat_chunk(base, {}, reason)

    def stream_complete(self, prompt: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        body = self._llama_body(prompt, params)
        with self._errors():
            events = self._client.invoke_model_with_response_stream(modelId=self.model, body=body)["body"]
        return self._text_chunks(events, stream_base("text", self.model))

    def _text_chunks(self, events: Any, base: dict[str, Any]) -> Iterator[dict[str, Any]]:
        with self._errors():
            for event in events:
                r = json.loads(event["chunk"]["bytes"])
                if r.get("generation"):
                    yield text_chunk(base, r["generation"], None)
                if r.get("stop_reason"):
                    metrics = r.get("amazon-bedrock-invocationMetrics") or {}
                    counts = _usage(metrics.get("inputTokenCount", 0), metrics.get("outputTokenCount", 0))
                    yield {**text_chunk(base, "", _REASONS.get(r["stop_reason"], "stop")), "usage": counts}
                    return

    def close(self) -> None:
        if self._owns_client:
            self._client.close()


def _content(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list) and all(isinstance(p, dict) and p.get("type") == "text" for p in content):
        return "".join(p.get("text", "") for p in content)
    raise BadRequest(
        "only text content is supported (no images or tool results)", backend=BedrockBackend.name
    )


def _turn(message: dict[str, Any]) -> dict[str, Any]:
    if message["role"] not in ("user", "assistant"):
        raise BadRequest(
            f"role {message['role']!r} is not supported by Converse", backend=BedrockBackend.name
        )
    return {"role": message["role"], "content": [{"text": _content(message)}]}


def _usage(prompt: int, completion: int) -> dict[str, int]:
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}
