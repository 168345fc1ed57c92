"""The ollama client streaming, and a generate call the server renders with the model's template."""

import sys

from ollama import Client, chat, generate

MESSAGES = [{"role": "user", "content": "Say hello"}]

for part in chat("tiny", messages=MESSAGES, stream=True, options={"num_predict": 10, "temperature": 0}):
    print(part["message"]["content"], end="", flush=True)
print()

for part in generate(
    "tiny", "Once upon a time", raw=True, stream=True, options={"num_predict": 6, "seed": 3}
):
    print(part.response, end="")
print()

templated = generate("tiny", "Tell me a joke", options={"num_predict": 12, "temperature": 0})
print(repr(templated["response"]), templated.done_reason)

client = Client(host=sys.argv[1])
text = "".join(
    p.message.content for p in client.chat("tiny", MESSAGES, stream=True, options={"num_predict": 9})
)
print(repr(text))
