"""The OpenAI SDK against a self-hosted llama.cpp server: chat, stream, completion, async."""

import asyncio
import os

from openai import AsyncOpenAI, OpenAI

URL = os.environ.get("LLAMA_SERVER_URL", "http://localhost:8080/v1")
MESSAGES = [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Say hello"}]

client = OpenAI(base_url=URL, api_key="sk-no-key-required")
reply = client.chat.completions.create(model="tiny", messages=MESSAGES, max_tokens=12, temperature=0)
print(
    "chat:",
    repr(reply.choices[0].message.content),
    reply.choices[0].finish_reason,
    reply.usage.completion_tokens,
)
stream = client.chat.completions.create(
    model="tiny",
    messages=MESSAGES,
    max_tokens=12,
    temperature=0,
    stream=True,
)
print("stream:", repr("".join(chunk.choices[0].delta.content or "" for chunk in stream)))
text = client.completions.create(
    model="tiny",
    prompt="The quick brown fox",
    max_tokens=12,
    temperature=0.7,
    seed=7,
    extra_body={"top_k": 1},
)
print("complete:", repr(text.choices[0].text))


async def main() -> None:
    aclient = AsyncOpenAI(base_url=URL, api_key="sk-no-key-required")
    answer = await aclient.chat.completions.create(
        model="tiny", messages=MESSAGES, max_tokens=8, temperature=0
    )
    print("async chat:", repr(answer.choices[0].message.content))
    parts = []
    async for chunk in await aclient.chat.completions.create(
        model="tiny", messages=MESSAGES, max_tokens=8, temperature=0, stream=True
    ):
        parts.append(chunk.choices[0].delta.content or "")
    print("async stream:", repr("".join(parts)))


asyncio.run(main())
