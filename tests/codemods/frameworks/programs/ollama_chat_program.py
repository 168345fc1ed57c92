"""LangChain over an Ollama server: only the options the program gives are sent; the server decides the rest."""

import sys

from langchain_core.prompts import ChatPromptTemplate
from langchain_ollama import ChatOllama, OllamaEmbeddings

host = sys.argv[1]
chat = ChatOllama(model="tiny:latest", base_url=host, temperature=0, num_predict=24, repeat_penalty=1.0)
print(repr(chat.invoke("Say hello").content))
prompt = ChatPromptTemplate.from_messages([("system", "You are terse."), ("user", "Tell me about {topic}")])
print(repr((prompt | chat).invoke({"topic": "bears"}).content))
print("|".join(chunk.content for chunk in chat.stream("Name a colour")))

seeded = ChatOllama(model="tiny:latest", base_url=host, seed=3, num_predict=16)
print(repr(seeded.invoke("The weather today").content))

embeddings = OllamaEmbeddings(model="tiny:latest", base_url=host)
print([round(x, 4) for x in embeddings.embed_query("hello world")[:4]])
