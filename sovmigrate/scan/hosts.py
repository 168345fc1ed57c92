"""Classify the base URL (or API-key variable) of an OpenAI-compatible client: local server, hosted Llama vendor."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

LOCAL = "local"
HOSTED = "hosted"

_LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "host.docker.internal", "::1", "[::1]"}
# Default ports of local engines: llama-cpp-python / vLLM 8000, llama-server / TGI 8080, Ollama 11434,
# LM Studio 1234, Llama Stack 8321, SGLang 30000.
_LOCAL_PORTS = {8000, 8080, 11434, 1234, 8321, 30000}
_HOSTED_HOSTS = re.compile(
    r"(^|\.)(together\.xyz|together\.ai|groq\.com|fireworks\.ai|deepinfra\.com|openrouter\.ai|llama\.com|llama-api\.meta\.com"
    r"|router\.huggingface\.co|api-inference\.huggingface\.co|cerebras\.ai|sambanova\.ai|integrate\.api\.nvidia\.com"
    r"|endpoints\.anyscale\.com|amazonaws\.com|api\.replicate\.com)$"
)
_HOSTED_KEYS = re.compile(
    r"^(TOGETHER|GROQ|FIREWORKS|DEEPINFRA|OPENROUTER|LLAMA|LLAMA_API|CEREBRAS|SAMBANOVA|NVIDIA|NVIDIA_NIM|ANYSCALE|HF|HUGGINGFACE)"
    r"(_API)?_(KEY|TOKEN)$"
)
_LOCAL_KEYS = {"EMPTY", "ollama", "sk-no-key-required", "token-abc123", "lm-studio", "llama"}


def classify_url(url: str) -> str | None:
    """``local``, ``hosted`` or ``None`` for a base URL (a static prefix of an f-string is enough)."""
    try:
        parts = urlsplit(url if "://" in url else f"http://{url}")
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if host in _LOCAL_HOSTS or host.endswith((".local", ".internal", ".lan")) or (port in _LOCAL_PORTS and "." not in host):
        return LOCAL
    if _self_hosted_address(host):
        return LOCAL
    if _HOSTED_HOSTS.search(host):
        return HOSTED
    return None


_SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT, Tailscale


def _self_hosted_address(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address in _SHARED_ADDRESS_SPACE


def classify_key(value: str, *, is_env_name: bool) -> str | None:
    """Classify an ``api_key`` argument: a vendor's env-var name, or a dummy key local servers accept."""
    if is_env_name:
        return HOSTED if _HOSTED_KEYS.match(value) else None
    return LOCAL if value in _LOCAL_KEYS else None
