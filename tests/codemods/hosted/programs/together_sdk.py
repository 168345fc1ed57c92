"""Together's SDK; TOGETHER_BASE_URL and TOGETHER_API_KEY come from the environment."""

from together import Together

MODEL = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
MESSAGES = [{"role": "user", "content": "Name a colour"}]

client = Together()
reply = client.chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=10, temperature=0, top_k=1)
print("chat:", repr(reply.choices[0].message.content))
for chunk in client.chat.completions.create(
    model=MODEL, messages=MESSAGES, max_tokens=10, temperature=0, stream=True
):
    if chunk.choices:
        print("chunk:", repr(chunk.choices[0].delta.content))
text = client.completions.create(model=MODEL, prompt="Once upon a time", max_tokens=10, temperature=0)
print("complete:", repr(text.choices[0].text))
