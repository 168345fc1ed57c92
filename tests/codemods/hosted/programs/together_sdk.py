"""Together's SDK; TOGETHER_BASE_URL and TOGETHER_API_KEY come from the environment."""

from os import getenv

from sovmigrate.adapter import connect

MODEL = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
MESSAGES = [{"role": "user", "content": "Name a colour"}]

client = connect(
    default=f"openai:{MODEL}",
    base_url=getenv("TOGETHER_BASE_URL", "https://api.together.ai").rstrip("/") + "/v1",
    api_key=getenv("TOGETHER_API_KEY"),
    param_defaults="engine",
)
reply = client.chat(messages=MESSAGES, max_tokens=10, temperature=0, top_k=1)
print("chat:", repr(reply.choices[0].message.content))
for chunk in client.stream_chat(messages=MESSAGES, max_tokens=10, temperature=0):
    if chunk.choices:
        print("chunk:", repr(chunk.choices[0].delta.content))
text = client.complete(prompt="Once upon a time", max_tokens=10, temperature=0)
print("complete:", repr(text.choices[0].text))
