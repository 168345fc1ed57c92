"""OpenAI-SDK clients pointed at a Llama host or a self-hosted server → the adapter's ``openai`` backend.

    client = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")
    r = client.chat.completions.create(model="llama-3", messages=msgs, max_tokens=64)
    →
    client = connect(default="openai:llama-3", base_url="http://localhost:8000/v1", api_key="EMPTY",
                     param_defaults="engine", timeout=600)
    r = client.chat(messages=msgs, max_tokens=64)

Sites are the scanner's SOV210/SOV211 (local servers) and SOV310/SOV311 (hosted Llama providers). The
SDK's base URL (``base_url=``, else ``$OPENAI_BASE_URL``, else api.openai.com) and its 600 s timeout are
written out; its API key is the adapter's too (``api_key=``, else ``$OPENAI_API_KEY``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import ClassVar

from sovmigrate.codemods._openai_compat_client import Client, ClientCodemod

from sovmigrate.scan.analysis import CallSite

__all__ = ["OPENAI", "OpenAICompatCodemod"]

OPENAI = Client(
    vendor="OpenAI SDK",
    source="openai 3.63.0 src/openai/_client.py, _constants.py",
    base_env="OPENAI_BASE_URL",
    default_base="https://api.openai.com/v1",
    key_env=None,
    timeout=600.0,
)


class OpenAICompatCodemod(ClientCodemod):
    """``OpenAI``/``AsyncOpenAI`` clients of local servers and hosted Llama providers → ``connect("openai:...")``."""

    DESCRIPTION = (
        "Rewrite OpenAI-SDK clients of Llama hosts and self-hosted servers to the adapter's openai backend."
    )
    RULES = ("SOV210", "SOV211", "SOV310", "SOV311")
    CLIENT_RULES = ("SOV210", "SOV310")
    CLIENTS: ClassVar[Mapping[str, Client]] = {
        "openai.OpenAI": OPENAI,
        "openai.Client": OPENAI,
        "openai.AsyncOpenAI": replace(OPENAI, is_async=True),
        "openai.AsyncClient": replace(OPENAI, is_async=True),
    }
    VENDOR_MODULE = "openai"

    def orphan_reason(self, site: CallSite) -> str:
        if "#" not in site.api:
            return "the module-level client (`openai.base_url = ...`, v0 `openai.api_base`) has no connection to rewrite"
        return super().orphan_reason(site)
