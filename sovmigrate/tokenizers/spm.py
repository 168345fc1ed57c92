"""SentencePiece BPE ``.model`` files -> ``tokenizers.Tokenizer``, identical ids to sentencepiece.

Merges are ordered by the merged piece's score (transformers orders them by id, which is wrong for
Mistral's whitespace pieces), and user-defined pieces are matched whole, as sentencepiece does.
The protobuf is parsed, never unpickled.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sovmigrate.tokenizers.errors import TokenizerLoadError

__all__ = ["read_spm_model", "spm_to_tokenizer"]

_NORMAL, _UNKNOWN, _CONTROL, _USER_DEFINED, _BYTE = 1, 2, 3, 4, 6
_BPE = 2


def read_spm_model(path: Path) -> Any:
    """Parse a SentencePiece ``ModelProto``; raises TokenizerLoadError if it is not one."""
    from google.protobuf.message import DecodeError
    from sentencepiece import sentencepiece_model_pb2 as pb

    proto = pb.ModelProto()
    try:
        proto.ParseFromString(Path(path).read_bytes())
    except (DecodeError, RuntimeError) as exc:
        raise TokenizerLoadError(
            "not a tokenizer file (tokenizer.json, tekken.json, a SentencePiece or tiktoken .model, "
            f"a .gguf), or a truncated one; read as SentencePiece: {exc}",
            path=path,
        ) from exc
    if not proto.pieces:
        raise TokenizerLoadError("SentencePiece model has no pieces (empty or truncated file)", path=path)
    return proto


def spm_to_tokenizer(path: Path) -> tuple[Any, Any]:
    """Build a BPE tokenizer from a SentencePiece model; returns ``(tokenizer, model_proto)``."""
    from tokenizers import AddedToken, Tokenizer, decoders, models, normalizers

    proto = read_spm_model(path)
    spec = proto.trainer_spec
    if spec.model_type != _BPE:
        raise TokenizerLoadError(
            "only BPE SentencePiece models are supported (this one is Unigram or other); "
            "load the model's tokenizer.json instead",
            path=path,
        )
    pieces = [(p.piece, p.score, p.type) for p in proto.pieces]
    vocab = {piece: i for i, (piece, _, _) in enumerate(pieces)}
    score = {piece: s for piece, s, kind in pieces if kind in (_NORMAL, _USER_DEFINED)}
    merges = sorted(
        (-s, vocab[piece], piece[:k], piece[k:])
        for piece, s in score.items()
        for k in range(1, len(piece))
        if piece[:k] in score and piece[k:] in score
    )
    tok = Tokenizer(
        models.BPE(
            vocab=vocab,
            merges=[(left, right) for _, _, left, right in merges],
            unk_token=pieces[spec.unk_id][0],
            fuse_unk=True,
            byte_fallback=spec.byte_fallback,
        )
    )
    prefix = proto.normalizer_spec.add_dummy_prefix
    steps = [normalizers.Replace(" ", "\u2581")]
    undo = [decoders.Replace("\u2581", " "), decoders.ByteFallback(), decoders.Fuse()]
    if prefix:
        steps.insert(0, normalizers.Prepend("\u2581"))
        undo.append(decoders.Strip(" ", 1, 0))
    tok.normalizer = normalizers.Sequence(steps)
    tok.decoder = decoders.Sequence(undo)
    tok.add_special_tokens(
        [AddedToken(p, special=True, normalized=False) for p, _, kind in pieces if kind == _CONTROL]
    )
    # sentencepiece cuts user-defined pieces (Gemma's whitespace runs, tabs, HTML tags, <start_of_turn>)
    # out of the normalised text whole, before BPE: added tokens matched on normalised text do the same.
    tok.add_tokens(
        [AddedToken(p, special=False, normalized=True) for p, _, kind in pieces if kind == _USER_DEFINED]
    )
    return tok, proto
