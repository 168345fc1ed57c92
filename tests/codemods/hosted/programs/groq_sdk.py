"""Groq's SDK; GROQ_BASE_URL and GROQ_API_KEY come from the environment."""

import asyncio
from os import getenv

from sovmigrate.adapter import connect

MESSAGES = [
    {"role": "system", "content": "Answer in one word."},
    {"role": "user", "content": "Capital of France?"},
]

client = connect(
    default="openai:llama-3.1-8b-instant",
    base_url=getenv("GROQ_BASE_URL", "https://api.groq.com").rstrip("/") + "/openai/v1",
    api_key=getenv("GROQ_API_KEY"),
    param_defaults="engine",
)
reply = client.chat(messages=MESSAGES, max_tokens=10, temperature=0)
print("chat:", repr(reply.choices[0].message.content), reply.choices[0].finish_reason)


async def main() -> None:
    aclient = connect(
        default="openai:llama-3.1-8b-instant",
        base_url=getenv("GROQ_BASE_URL", "https://api.groq.com").rstrip("/") + "/openai/v1",
        api_key=getenv("GROQ_API_KEY"),
        param_defaults="engine",
    )
    stream = aclient.astream_chat(messages=MESSAGES, max_tokens=10, temperature=0)
    async for chunk in stream:
        print("chunk:", repr(chunk.choices[0].delta.content))


asyncio.run(main())
