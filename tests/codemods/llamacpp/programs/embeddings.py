"""llama-cpp-python embeddings on a model loaded with embedding=True and its own pooling."""

import sys

from llama_cpp import Llama

llm = Llama(model_path=sys.argv[1], embedding=True, verbose=False)

vector = llm.embed("Hello world")
print(len(vector), [round(x, 5) for x in vector[0][:4]])

vectors = llm.embed(["Hello", "world peace"])
print([len(v) for v in vectors])

response = llm.create_embedding(["a b c", "d"])
print(response["object"], len(response["data"]), response["usage"]["prompt_tokens"])
print([round(x, 5) for x in response["data"][1]["embedding"][0][:4]])
