"""The OpenAI SDK against a self-hosted llama.cpp server: chat, stream, completion, async."""

import asyncio
import os

from sovmigrate.adapter import connect

URL = os.environ.get("LLAMA_SERVER_URL", "http://localhost:8080/v1")
MESSAGES = [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Say hello"}]

client = connect(
    default="openai:tiny", base_url=URL, api_key="sk-no-key-required", param_defaults="engine", timeout=600
)
reply = client.chat(messages=MESSAGES, max_tokens=12, temperature=0)
print(
    "chat:",
    repr(reply.choices[0].message.content),
    reply.choices[0].finish_reason,
    reply.usage.completion_tokens,
)
stream = client.stream_chat(
    messages=MESSAGES,
    max_tokens=12,
    temperature=0,
)
print("stream:", repr("".join(chunk.choices[0].delta.content or "" for chunk in stream)))
text = client.complete(
    prompt="The quick brown fox",
    max_tokens=12,
    temperature=0.7,
    seed=7,
    top_k=1,
)
print("complete:", repr(text.choices[0].text))


async def main() -> None:
    aclient = connect(
        default="openai:tiny",
        base_url=URL,
        api_key="sk-no-key-required",
        param_defaults="engine",
        timeout=600,
    )
    answer = await aclient.achat(messages=MESSAGES, max_tokens=8, temperature=0)
    print("async chat:", repr(answer.choices[0].message.content))
    parts = []
    async for chunk in aclient.astream_chat(messages=MESSAGES, max_tokens=8, temperature=0):
        parts.append(chunk.choices[0].delta.content or "")
    print("async stream:", repr("".join(parts)))


asyncio.run(main())
