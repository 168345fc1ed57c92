"""The ollama client: module functions, Client and AsyncClient, most calls relying on the server's defaults."""

import asyncio
import sys

import ollama
from ollama import AsyncClient, Client, chat

MESSAGES = [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Say hello"}]

# No options: temperature, top_k, top_p, repeat_penalty and the token limit are the server's (Modelfile's).
response = chat("tiny", messages=MESSAGES)
print(repr(response["message"]["content"]), response.done_reason)

response = ollama.chat(model="tiny", messages=MESSAGES, options={"num_predict": 12, "temperature": 0})
print(repr(response.message.content), response.eval_count, response["done"])

raw = ollama.generate("tiny", "Once upon a time", raw=True, options={"num_predict": 10, "temperature": 0})
print(repr(raw["response"]), raw.done)

vectors = ollama.embed(model="tiny", input="Hello world")
print(len(vectors["embeddings"]), [round(x, 4) for x in vectors.embeddings[0][:3]])

client = Client(host=sys.argv[1])
reply = client.chat("tiny", messages=MESSAGES, options={"num_predict": 8, "top_k": 1, "repeat_penalty": 1.0})
print(repr(reply.message.content))
reply = client.chat("tiny", [{"role": "user", "content": "Hi"}], options={"num_predict": 6, "temperature": 0})
print(repr(reply["message"]["content"]), reply["eval_count"])


async def main() -> None:
    client = AsyncClient(host=sys.argv[1])
    reply = await client.chat("tiny", messages=MESSAGES, options={"num_predict": 8, "temperature": 0})
    print(repr(reply["message"]["content"]))


asyncio.run(main())
