"""LlamaIndex classes backed by the neutral adapter (the ``llama-index`` extra: ``pip install 'sovmigrate[llama-index]'``).

    >>> from llama_index.core import Settings                                   # doctest: +SKIP
    >>> from sovmigrate.adapter import connect                                  # doctest: +SKIP
    >>> from sovmigrate.integrations.llama_index import SovmigrateLLM            # doctest: +SKIP
    >>> Settings.llm = SovmigrateLLM(client=connect(default="ollama:llama3.2"))  # doctest: +SKIP

``SovmigrateLLM`` is a LlamaIndex ``LLM`` (chat and completion, sync, async and streaming);
``SovmigrateEmbedding`` a ``BaseEmbedding``. Each takes the connected model as ``client``.
"""

from sovmigrate.integrations.llama_index.embeddings import SovmigrateEmbedding
from sovmigrate.integrations.llama_index.llms import SovmigrateLLM

__all__ = ["SovmigrateEmbedding", "SovmigrateLLM"]
