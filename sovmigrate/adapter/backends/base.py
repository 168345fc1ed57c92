"""What every backend implements (the adapter's transport interface, as in httpx)."""

from __future__ import annotations

import dataclasses
import difflib
import importlib
import inspect
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any, ClassVar

from sovmigrate.adapter.errors import BackendNotInstalled, CapabilityError, OptionError

__all__ = ["Backend", "Capabilities", "check_options", "keyword_names", "require"]

Messages = list[dict[str, Any]]


@dataclass(frozen=True)
class Capabilities:
    """What a backend can do: ``Backend.CAPABILITIES`` before connecting, ``ChatModel.capabilities`` after.

    Before connecting, a feature that needs an option (llama.cpp embeddings need ``embedding=True``) reads
    True; ``requires`` names the option. After connecting, every flag is what this connection can do.
    """

    streaming: bool
    tools: bool
    json_schema: bool
    embeddings: bool
    logprobs: bool
    max_context: int | None
    params: frozenset[str]
    tokenize: bool = False  # tokenize() / detokenize() / count_tokens()
    lora: bool = False  # LoRA adapters applied at load time (an option), never hot-swapped per call
    multimodal: bool = False  # image parts in messages
    requires: Mapping[str, str] = dataclasses.field(default_factory=dict)  # feature -> the option it needs

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (``params`` as a sorted list)."""
        data = dataclasses.asdict(self)
        data["params"] = sorted(self.params)
        data["requires"] = dict(self.requires)
        return data


def require(module: str, *, backend: str, package: str, extra: str) -> ModuleType:
    """Import an engine module or raise ``BackendNotInstalled`` naming the pip extra."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise BackendNotInstalled(
            f"needs {package}, which is not installed: pip install 'sovmigrate[{extra}]' ({exc})",
            backend=backend,
        ) from exc


def keyword_names(fn: Callable[..., Any], *, skip: Collection[str] = ()) -> frozenset[str]:
    """The named keyword parameters of ``fn`` (not ``self``, ``*args``, ``**kwargs`` or ``skip``)."""
    kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    params = inspect.signature(fn).parameters.values()
    return frozenset(p.name for p in params if p.kind in kinds and p.name not in {"self", *skip})


def check_options(
    backend: str, options: Mapping[str, Any], valid: Collection[str], sources: Mapping[str, str]
) -> None:
    """Raise ``OptionError`` for the first option ``valid`` lacks, naming where it came from and the valid ones."""
    for name in sorted(set(options) - set(valid)):
        near = difflib.get_close_matches(name, valid, n=1)
        hint = f"did you mean {near[0]!r}? " if near else ""
        where = f" (from {sources[name]})" if name in sources else ""
        raise OptionError(
            f"unknown option {name!r}{where}; {hint}valid options: {', '.join(sorted(valid))}",
            backend=backend,
        )


class Backend:
    """One engine behind the neutral interface.

    Methods take messages or a prompt plus the neutral parameters (already checked against ``PARAMS``; merged
    over the neutral defaults unless the model was connected with ``param_defaults="engine"``, in which case
    only the parameters the call gave are present) and return OpenAI-shaped dicts.
    """

    name: ClassVar[str]
    PARAMS: ClassVar[frozenset[str]]
    CAPABILITIES: ClassVar[Capabilities]
    model: str
    capabilities: Capabilities

    @classmethod
    def option_names(cls) -> frozenset[str]:
        """The options ``connect()`` may pass to this backend; may import the engine to read its signature."""
        return keyword_names(cls.__init__, skip={"model"})

    def chat(self, messages: Messages, params: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def complete(self, prompt: str, params: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def stream_chat(self, messages: Messages, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        raise CapabilityError("cannot stream", backend=self.name)

    def stream_complete(self, prompt: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        raise CapabilityError("cannot stream", backend=self.name)

    def embed(self, texts: list[str]) -> list[list[float]]:
        raise CapabilityError("cannot compute embeddings", backend=self.name)

    def embeddings(self, texts: list[str]) -> dict[str, Any]:
        """An OpenAI ``list`` of ``embedding`` records (llama-cpp-python's ``create_embedding`` shape)."""
        vectors = self.embed(texts)
        try:
            tokens = sum(self.count_tokens(t) for t in texts)
        except CapabilityError:
            tokens = 0
        data = [{"object": "embedding", "embedding": v, "index": i} for i, v in enumerate(vectors)]
        usage = {"prompt_tokens": tokens, "total_tokens": tokens}
        return {"object": "list", "data": data, "model": self.model, "usage": usage}

    def tokenize(self, text: str, add_special: bool, parse_special: bool) -> list[int]:
        raise CapabilityError(self._no_tokenizer(), backend=self.name)

    def detokenize(self, ids: list[int], render_special: bool) -> str:
        raise CapabilityError(self._no_tokenizer(), backend=self.name)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenize(text, add_special=False, parse_special=False))

    def _no_tokenizer(self) -> str:
        return (
            f"the {self.name} API has no tokenize endpoint; count with the model's tokenizer "
            "(sovmigrate.tokenizers) or an in-process backend"
        )

    def close(self) -> None:
        """Release the engine or connection."""
