"""LangChain over llama-cpp-python, relying on LlamaCpp's and llama.cpp's defaults (256 tokens, repeat_penalty=1.1,
top_k=40, top_p=0.95, min_p=0.05, n_ctx=512, n_batch=8, rope settings): greedy and seeded sampling."""

import sys

from langchain_community.chat_models import ChatLlamaCpp
from langchain_community.llms import LlamaCpp
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate, PromptTemplate

model = sys.argv[1]
llm = LlamaCpp(model_path=model, temperature=0, verbose=False)
print(repr(llm.invoke("The quick brown fox")))
chain = PromptTemplate.from_template("Once upon a {what}") | llm | StrOutputParser()
print(repr(chain.invoke({"what": "time"})))
print("|".join(llm.stream("Hello, my name is", stop=["\n"])))
print(llm.batch(["Paris is", "Rome is"], max_tokens=8))

sampled = LlamaCpp(model_path=model, seed=7, max_tokens=24, verbose=False)
print(repr(sampled.invoke("The weather today")))

chat = ChatLlamaCpp(model_path=model, temperature=0, max_tokens=24, verbose=False)
prompt = ChatPromptTemplate.from_messages([("system", "You are terse."), ("user", "Say {word}")])
print(repr((prompt | chat).invoke({"word": "hello"}).content))
print("|".join(chunk.content for chunk in chat.stream("Name a colour")))
