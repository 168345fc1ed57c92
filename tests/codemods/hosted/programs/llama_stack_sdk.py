"""Llama Stack's legacy inference API (llama-stack-client 0.2); LLAMA_STACK_URL comes from the environment.

No call gives a sampling strategy but one, and that one asks for the default: the server samples greedily."""

import asyncio
import os

from llama_stack_client import AsyncLlamaStackClient, LlamaStackClient

MESSAGES = [
    {"role": "system", "content": "Answer in one word."},
    {"role": "user", "content": "Capital of France?"},
]

client = LlamaStackClient(base_url=os.environ["LLAMA_STACK_URL"])
reply = client.inference.chat_completion(
    model_id="tiny", messages=MESSAGES, sampling_params={"max_tokens": 10}
)
print("chat:", repr(reply.completion_message.content), reply.completion_message.stop_reason)
for chunk in client.inference.chat_completion(
    model_id="tiny",
    messages=MESSAGES,
    sampling_params={"strategy": {"type": "greedy"}, "max_tokens": 10, "stop": ["."]},
    stream=True,
):
    print("event:", chunk.event.event_type, repr(chunk.event.delta.text), chunk.event.stop_reason)


async def main() -> None:
    aclient = AsyncLlamaStackClient(base_url=os.environ["LLAMA_STACK_URL"])
    answer = await aclient.inference.chat_completion(
        model_id="tiny", messages=MESSAGES[1:], sampling_params={"max_tokens": 6}
    )
    print("async:", repr(answer.completion_message.content), answer.completion_message.stop_reason)


asyncio.run(main())
