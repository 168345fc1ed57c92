"""Classify the base URL (or API-key variable) of an OpenAI-compatible client: local server, hosted Llama vendor."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from sovmigrate.rules.vocabulary import HOSTED_LLAMA_HOSTS, HOSTED_LLAMA_KEYS, LOCAL_PORTS, LOCAL_SERVER_KEYS

LOCAL = "local"
HOSTED = "hosted"
# A base URL the code takes from configuration (a parameter, a setting, an environment variable): the client is
# built to talk to whatever OpenAI-compatible server it is given, which is what a migration re-points.
CONFIGURED = "configured"

_LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "host.docker.internal", "::1", "[::1]"}


def classify_url(url: str) -> str | None:
    """``local``, ``hosted`` or ``None`` for a base URL (a static prefix of an f-string is enough)."""
    try:
        parts = urlsplit(url if "://" in url else f"http://{url}")
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if (
        host in _LOCAL_HOSTS
        or host.endswith((".local", ".internal", ".lan"))
        or (port in LOCAL_PORTS and "." not in host)
    ):
        return LOCAL
    if _self_hosted_address(host):
        return LOCAL
    if HOSTED_LLAMA_HOSTS.search(host):
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
        return HOSTED if HOSTED_LLAMA_KEYS.match(value) else None
    return LOCAL if value in LOCAL_SERVER_KEYS else None


def names_a_host(url: str) -> bool:
    """Whether a (static prefix of a) URL spells its host: ``f"{base}/v1"`` gives ``""`` and a setting's key
    (``"endpoint_url"``) is a word, neither of which does."""
    try:
        host = urlsplit(url if "://" in url else f"http://{url}").hostname or ""
    except ValueError:
        return False
    return bool(host) and ("://" in url or host in _LOCAL_HOSTS or ("." in host and "_" not in host))


# Spellings of one provider in host names and key variables (`router.huggingface.co` and `HF_TOKEN`).
_PROVIDER_ALIASES = {
    "hf": "huggingface",
    "huggingfacehub": "huggingface",
    "togetherai": "together",
    "meta": "llama",
}


def hosted_provider(text: str, *, is_env_name: bool) -> str | None:
    """The hosted provider a URL or an API-key variable names, as one word (``together``, ``groq``), or ``None``."""
    if is_env_name:
        word = text.split("_")[0] if HOSTED_LLAMA_KEYS.match(text) else None
    elif "://" in text and classify_url(text) == HOSTED:
        match = HOSTED_LLAMA_HOSTS.search((urlsplit(text).hostname or "").lower())
        word = match.group(2).split(".")[-2] if match else None
    else:
        return None
    return word and _PROVIDER_ALIASES.get(word.lower(), word.lower())


# `${OLLAMA_API_BASE:-http://localhost:11434}`, `${env:VAR:-...}`: a shell or config default around an address.
_ENV_DEFAULT = re.compile(r"\$\{[\w:.-]{1,80}:-([^{}\s]{1,200})\}")
# `127.0.0.1:11434`, `localhost:8000/v1`: an address written without its scheme.
_SCHEMELESS = re.compile(r"(?:[A-Za-z][\w.-]{0,99}|\d{1,3}(?:\.\d{1,3}){3}):(\d{2,5})(?:/[\w./-]{0,100})?")


def endpoint_value(text: str) -> str:
    """The address a string holds, as a URL with a scheme: the default of an environment-variable reference
    (``${env:OLLAMA_API_BASE:-http://localhost:11434}``), or a ``host:port[/path]`` on an engine's default port
    (``LOCAL_PORTS``) written without its scheme. Any other text is returned as it is."""
    if text.startswith("${"):
        match = _ENV_DEFAULT.fullmatch(text)
        return match.group(1) if match is not None else text
    if "://" in text or ":" not in text or len(text) > 220:
        return text
    match = _SCHEMELESS.fullmatch(text)
    if match is not None and int(match.group(1)) in LOCAL_PORTS:
        return f"http://{text}"
    return text


# `http://127.0.0.1:` followed by a placeholder: the static prefix of an f-string naming a local port by variable.
_LOCAL_PORT_PREFIX = re.compile(r"https?://(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]):")


def local_port_prefix(prefix: str) -> bool:
    """Whether an f-string's static prefix is a local address whose port the code fills in
    (``f"http://127.0.0.1:{port}/v1"``): the address of a server the same code starts."""
    return _LOCAL_PORT_PREFIX.fullmatch(prefix) is not None
