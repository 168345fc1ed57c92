"""Meta's Llama API client; LLAMA_API_CLIENT_BASE_URL and LLAMA_API_KEY come from the environment."""

import asyncio

from llama_api_client import AsyncLlamaAPIClient, LlamaAPIClient

MESSAGES = [
    {"role": "system", "content": "Answer in one word."},
    {"role": "user", "content": "Capital of France?"},
]

client = LlamaAPIClient()
reply = client.chat.completions.create(
    model="Llama-3.3-70B-Instruct", messages=MESSAGES, max_completion_tokens=10, temperature=0
)
print("chat:", repr(reply.completion_message.content.text), reply.completion_message.stop_reason)
stream = client.chat.completions.create(
    model="Llama-3.3-70B-Instruct", messages=MESSAGES, max_completion_tokens=10, temperature=0, stream=True
)
for chunk in stream:
    print("event:", chunk.event.event_type, repr(chunk.event.delta.text), chunk.event.stop_reason)


async def main() -> None:
    aclient = AsyncLlamaAPIClient()
    response = await aclient.chat.completions.create(
        model="Llama-3.3-70B-Instruct", messages=MESSAGES, max_completion_tokens=6, temperature=0, stream=True
    )
    async for chunk in response:
        print("chunk:", repr(chunk.event.delta.text))


asyncio.run(main())
