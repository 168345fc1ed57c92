"""huggingface_hub's InferenceClient against a TGI-style endpoint whose URL comes from the environment."""

import os

from sovmigrate.adapter import connect

client = connect(
    default="openai:dummy",
    base_url=os.environ["TGI_URL"].rstrip("/").removesuffix("/v1") + "/v1",
    api_key=os.environ["HF_TOKEN"],
    param_defaults="engine",
    timeout=None,
)
messages = [{"role": "user", "content": "Tell me a fact"}]
reply = client.chat(messages, max_tokens=12, temperature=0)
print("chat:", repr(reply.choices[0].message.content))
for chunk in client.stream_chat(messages=messages, max_tokens=12, temperature=0):
    print("chunk:", repr(chunk.choices[0].delta.content))
