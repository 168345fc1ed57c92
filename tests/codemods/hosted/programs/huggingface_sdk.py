"""huggingface_hub's InferenceClient against a TGI-style endpoint whose URL comes from the environment."""

import os

from huggingface_hub import InferenceClient

client = InferenceClient(base_url=os.environ["TGI_URL"], api_key=os.environ["HF_TOKEN"])
messages = [{"role": "user", "content": "Tell me a fact"}]
reply = client.chat_completion(messages, max_tokens=12, temperature=0)
print("chat:", repr(reply.choices[0].message.content))
for chunk in client.chat.completions.create(messages=messages, max_tokens=12, temperature=0, stream=True):
    print("chunk:", repr(chunk.choices[0].delta.content))
