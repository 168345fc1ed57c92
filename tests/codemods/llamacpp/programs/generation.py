"""llama-cpp-python in-process: completion, chat and streaming, some calls relying on every engine default."""

import sys

from llama_cpp import Llama

MESSAGES = [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Say hello"}]

llm = Llama(model_path=sys.argv[1], seed=0, verbose=False)

# Relies on every completion default: 16 tokens, temperature 0.8, top_p 0.95, top_k 40, min_p 0.05 (seeded).
out = llm("The quick brown fox")
print(repr(out["choices"][0]["text"]), out["choices"][0]["finish_reason"], out["usage"]["completion_tokens"])

out = llm.create_completion("Once upon a time", max_tokens=24, temperature=0, stop=["\n"])
print(repr(out["choices"][0]["text"]))

reply = llm.create_chat_completion(messages=MESSAGES, max_tokens=16, temperature=0)
print(repr(reply["choices"][0]["message"]["content"]), reply["usage"]["prompt_tokens"])

# Relies on the chat defaults: no token limit (until the 512-token context is full), temperature 0.2 (seeded).
reply = llm.create_chat_completion(messages=[{"role": "user", "content": "Tell me a story"}])
print(len(reply["choices"][0]["message"]["content"]), reply["choices"][0]["finish_reason"])

for chunk in llm.create_chat_completion(messages=MESSAGES, max_tokens=12, temperature=0, stream=True):
    delta = chunk["choices"][0]["delta"]
    print(repr(delta.get("content")), chunk["choices"][0]["finish_reason"], end=" | ")
print()

for chunk in llm("Hello", max_tokens=8, stream=True, repeat_penalty=1.3):
    print(repr(chunk["choices"][0]["text"]), end=" | ")
print()

print(llm.tokenize(b"Hello world", add_bos=False), llm.tokenize(b"Hi"), llm.n_ctx())
llm.close()
