"""LangChain classes backed by the neutral adapter (the ``langchain`` extra: ``pip install 'sovmigrate[langchain]'``).

    >>> from sovmigrate.adapter import connect                                 # doctest: +SKIP
    >>> from sovmigrate.integrations.langchain import ChatSovmigrate            # doctest: +SKIP
    >>> chat = ChatSovmigrate(client=connect(default="ollama:llama3.2"), temperature=0)   # doctest: +SKIP
    >>> (prompt | chat).invoke({"topic": "bears"}).content                      # doctest: +SKIP

``ChatSovmigrate`` is a ``BaseChatModel`` (the adapter's ``chat``), ``SovmigrateLLM`` a text-completion ``LLM``
(``complete``), ``SovmigrateEmbeddings`` an ``Embeddings`` (``embed``). Each takes the connected model as
``client`` and the neutral generation parameters as fields.
"""

from sovmigrate.integrations.langchain.chat_models import ChatSovmigrate
from sovmigrate.integrations.langchain.embeddings import SovmigrateEmbeddings
from sovmigrate.integrations.langchain.llms import SovmigrateLLM

__all__ = ["ChatSovmigrate", "SovmigrateEmbeddings", "SovmigrateLLM"]
