"""``SovmigrateEmbedding``: a LlamaIndex embedding model over the adapter's ``embed``."""

from __future__ import annotations

import asyncio

from llama_index.core.base.embeddings.base import BaseEmbedding, Embedding
from pydantic import Field

from sovmigrate.adapter import ChatModel
from sovmigrate.integrations import _serial as serial

__all__ = ["SovmigrateEmbedding"]


class SovmigrateEmbedding(BaseEmbedding):
    """LlamaIndex embeddings from any connection that embeds (``client.capabilities.embeddings``).

    Texts are stripped of surrounding whitespace, and ``query_instruction`` / ``text_instruction`` (when set)
    put before queries / texts with one space, as LlamaIndex's ``OllamaEmbedding`` does.
    """

    client: ChatModel = Field(exclude=True)
    """The connected model (``sovmigrate.adapter.connect(..., embedding=True)`` for llama.cpp)."""
    query_instruction: str | None = None
    text_instruction: str | None = None

    @classmethod
    def class_name(cls) -> str:
        return "SovmigrateEmbedding"

    def _get_query_embedding(self, query: str) -> Embedding:
        return serial.call(self.client, self.client.embed, [_format(self.query_instruction, query)])[0]

    def _get_text_embedding(self, text: str) -> Embedding:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[Embedding]:
        return serial.call(self.client, self.client.embed, [_format(self.text_instruction, t) for t in texts])

    async def _aget_query_embedding(self, query: str) -> Embedding:
        return await asyncio.to_thread(self._get_query_embedding, query)

    async def _aget_text_embedding(self, text: str) -> Embedding:
        return (await self._aget_text_embeddings([text]))[0]

    async def _aget_text_embeddings(self, texts: list[str]) -> list[Embedding]:
        return await asyncio.to_thread(self._get_text_embeddings, texts)


def _format(instruction: str | None, text: str) -> str:
    return f"{instruction.strip()} {text.strip()}".strip() if instruction else text.strip()
