"""Fireworks' SDK (1.x); FIREWORKS_BASE_URL and FIREWORKS_API_KEY come from the environment."""

from fireworks import Fireworks

MODEL = "accounts/fireworks/models/llama-v3p1-8b-instruct"

client = Fireworks()
reply = client.chat.completions.create(
    model=MODEL,
    messages=[{"role": "user", "content": "Count to three"}],
    max_tokens=12,
    temperature=0,
    repetition_penalty=1.1,
)
print("chat:", repr(reply.choices[0].message.content))
text = client.completions.create(model=MODEL, prompt="1, 2, 3,", max_tokens=12, temperature=0)
print("complete:", repr(text.choices[0].text), text.usage.total_tokens)
