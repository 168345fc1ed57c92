"""``SovmigrateEmbeddings``: LangChain embeddings over the adapter's ``embed``."""

from __future__ import annotations

import asyncio

from langchain_core.embeddings import Embeddings
from pydantic import BaseModel, ConfigDict, Field

from sovmigrate.adapter import ChatModel
from sovmigrate.integrations import _serial as serial

__all__ = ["SovmigrateEmbeddings"]


class SovmigrateEmbeddings(BaseModel, Embeddings):
    """LangChain embeddings from any connection that embeds (``client.capabilities.embeddings``).

    ``document_prefix`` / ``query_prefix`` are put before each text (instruction-tuned embedding models such as
    E5 expect ``"passage: "`` / ``"query: "``).
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    client: ChatModel = Field(exclude=True)
    """The connected model (``sovmigrate.adapter.connect(..., embedding=True)`` for llama.cpp)."""
    document_prefix: str = ""
    query_prefix: str = ""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return serial.call(self.client, self.client.embed, [self.document_prefix + text for text in texts])

    def embed_query(self, text: str) -> list[float]:
        return serial.call(self.client, self.client.embed, [self.query_prefix + text])[0]

    async def aembed_documents(self, texts: list[str]) -> list[list[float]]:
        return await asyncio.to_thread(self.embed_documents, texts)

    async def aembed_query(self, text: str) -> list[float]:
        return await asyncio.to_thread(self.embed_query, text)
