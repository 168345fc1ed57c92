"""Fireworks' SDK (1.x); FIREWORKS_BASE_URL and FIREWORKS_API_KEY come from the environment."""

from os import getenv

from sovmigrate.adapter import connect

MODEL = "accounts/fireworks/models/llama-v3p1-8b-instruct"

client = connect(
    default=f"openai:{MODEL}",
    base_url=getenv("FIREWORKS_BASE_URL", "https://api.fireworks.ai/inference").rstrip("/") + "/v1",
    api_key=getenv("FIREWORKS_API_KEY"),
    param_defaults="engine",
)
reply = client.chat(
    messages=[{"role": "user", "content": "Count to three"}],
    max_tokens=12,
    temperature=0,
    repetition_penalty=1.1,
)
print("chat:", repr(reply.choices[0].message.content))
text = client.complete(prompt="1, 2, 3,", max_tokens=12, temperature=0)
print("complete:", repr(text.choices[0].text), text.usage.total_tokens)
