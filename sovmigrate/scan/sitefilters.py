"""Site filters that need a file's path or positions, applied after the analysis.

- A package's own modules importing each other are not users of that package: scanning
  ``langchain_groq/chat_models.py`` must not report ``from langchain_groq.version import ...``.
- A statement that spells one chat template across several literals (``B_INST, E_INST = "[INST]", "[/INST]"``)
  is one template site per rule and line, not one per literal.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sovmigrate.rules import Kind, Literal
from sovmigrate.scan.emit import Site


def without_own_imports(sites: Iterable[Site], path: str) -> list[Site]:
    """Drop import sites of a package made from inside that package's own source folder.

    The file at ``path`` is inside package ``root`` when a folder above it is named ``root``, is a top-level
    package (its own parent holds no ``__init__.py``: an absolute import ``root.x`` can only mean it), and holds
    the module the import names (``root/llms/base.py`` for ``from root.llms.base import X``), or the import names
    a private module (``root._utils``). A folder that merely shares the name is a user of the SDK: one without the
    module (``providers/together/__init__.py`` doing ``from together import Together``) or a subpackage of another
    package (``autogen_ext/models/ollama/`` doing ``from ollama._types import ChatRequest``). Nothing is imported;
    only the file system is read.

    A package's own classes built, subclassed or called inside its own source (Semantic Kernel's Ollama connector
    subclassing its `OllamaBase`, building its `OllamaSettings`) are the integration's calls on itself, not a
    user's (convention 4 of docs/evaluation.md), and are dropped when the folder holds the very module that
    defines them (a namespace package such as `llama_index` is shared by many distributions: `llms/groq/` building
    `llama_index.llms.openai_like.OpenAILike` is a user of another one).

    Either is also own when the file sits inside the package's folders three or more levels down the name
    (`agno/models/meta/llama_openai.py` importing `agno.models.meta.llama`; Semantic Kernel's
    `semantic_kernel/connectors/ai/ollama/services/` building `...connectors.ai.ollama.*Settings`), whichever
    folder of the root's name the copy starts at.
    """
    folders = {folder.name: folder for folder in Path(path).parents}
    chain = "/" + "/".join(reversed([folder.name for folder in Path(path).parents])) + "/"
    return [s for s in sites if not _own_site(s, folders, chain)]


def _inside(api: str, chain: str) -> bool:
    """Whether the folders of ``chain`` spell three or more leading names of ``api`` (not the whole of it)."""
    parts = api.partition("#")[0].split(".")
    return len(parts) > 3 and f"/{'/'.join(parts[:3])}/" in chain


def _own_site(site: Site, folders: dict[str, Path], chain: str) -> bool:
    if site.rule.kind not in _OWN_KINDS:
        return False
    if _inside(site.api, chain):
        return True
    if site.rule.kind is Kind.IMPORT:
        return _own(site.api, folders)
    root, _, rest = site.api.partition("#")[0].partition(".")
    folder = folders.get(root)
    module = rest.split(".")[:-1]
    if folder is None or not module or (folder.parent / "__init__.py").is_file():
        return False
    return folder.joinpath(*module).with_suffix(".py").is_file() or folder.joinpath(*module).is_dir()


def _own(module: str, folders: dict[str, Path]) -> bool:
    folder = folders.get(module.partition(".")[0])
    if folder is None or (folder.parent / "__init__.py").is_file():
        return False
    rest = module.partition(".")[2]
    return _holds(folder, rest.split(".") if rest else [])


def _holds(folder: Path, parts: list[str]) -> bool:
    """Whether package ``folder`` holds the module ``parts`` names (any private module counts: only the
    package itself imports one, and a partial copy of the package may lack the file)."""
    if any(p.startswith("_") and not p.startswith("__") for p in parts):
        return True
    return any(
        (folder.joinpath(*parts[:end]).with_suffix(".py")).is_file() or folder.joinpath(*parts[:end]).is_dir()
        for end in range(len(parts), 0, -1)
    )


_OWN_KINDS = frozenset({Kind.IMPORT, Kind.CLIENT, Kind.INFERENCE})


def one_template_per_line(sites: Iterable[Site]) -> list[Site]:
    """Keep the first chat-template site of each rule on a line."""
    seen: set[tuple[str, int]] = set()
    kept = []
    for site in sites:
        if site.rule.kind is Kind.PROMPT_FORMAT and any(isinstance(m, Literal) for m in site.rule.matchers):
            key = (site.rule.code, site.line)
            if key in seen:
                continue
            seen.add(key)
        kept.append(site)
    return kept
