"""Groq's SDK; GROQ_BASE_URL and GROQ_API_KEY come from the environment."""

import asyncio

from groq import AsyncGroq, Groq

MESSAGES = [
    {"role": "system", "content": "Answer in one word."},
    {"role": "user", "content": "Capital of France?"},
]

client = Groq()
reply = client.chat.completions.create(
    model="llama-3.1-8b-instant", messages=MESSAGES, max_tokens=10, temperature=0
)
print("chat:", repr(reply.choices[0].message.content), reply.choices[0].finish_reason)


async def main() -> None:
    aclient = AsyncGroq()
    stream = await aclient.chat.completions.create(
        model="llama-3.1-8b-instant", messages=MESSAGES, max_tokens=10, temperature=0, stream=True
    )
    async for chunk in stream:
        print("chunk:", repr(chunk.choices[0].delta.content))


asyncio.run(main())
