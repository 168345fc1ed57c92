"""Build the tests' tiny llama model: random F32 weights (seed 0) on the Llama-2 SentencePiece vocab.

The vocab GGUF comes from the llama-cpp-python sdist (.ci/steps/20-engines.sh extracts it). The same weights
are written as GGUF (for llama.cpp) and as a safetensors folder derived from that GGUF (for transformers);
docs/adapter.md ("What the tests prove, and on what") says what the tests check on them. Outputs are cached
under a content hash.

    python -m tests.adapter.tinymodel .fixtures/adapter      # prints the GGUF path and the HF folder
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

VOCAB_NAME = "ggml-vocab-llama-spm.gguf"
N_LAYER, N_EMBD, N_FF, N_CTX, N_HEAD = 2, 64, 128, 256, 2  # head_dim 32: vLLM's CPU attention needs >= 32
HEAD_DIM = N_EMBD // N_HEAD
CHAT_TEMPLATE = (
    "{% for m in messages %}<|{{ m['role'] }}|>\n{{ m['content'] }}\n{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>\n{% endif %}"
)


def write_gguf(vocab_path: Path, out_path: Path, context_length: int = N_CTX) -> None:
    """Write the tiny F32 llama GGUF with the vocab of ``vocab_path`` (``context_length`` as its trained one)."""
    import gguf
    import numpy as np

    f = gguf.GGUFReader(str(vocab_path)).fields
    tokens = f["tokenizer.ggml.tokens"].contents()
    w = gguf.GGUFWriter(str(out_path), "llama")
    w.add_name("sovmigrate-tiny-llama")
    w.add_context_length(context_length)
    w.add_embedding_length(N_EMBD)
    w.add_block_count(N_LAYER)
    w.add_feed_forward_length(N_FF)
    w.add_head_count(N_HEAD)
    w.add_head_count_kv(N_HEAD)
    w.add_rope_dimension_count(HEAD_DIM)
    w.add_rope_freq_base(10000.0)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_vocab_size(len(tokens))
    w.add_file_type(gguf.LlamaFileType.ALL_F32)
    w.add_tokenizer_model(f["tokenizer.ggml.model"].contents())
    w.add_tokenizer_pre(f["tokenizer.ggml.pre"].contents())
    w.add_token_list(tokens)
    w.add_token_scores(f["tokenizer.ggml.scores"].contents())
    w.add_token_types(f["tokenizer.ggml.token_type"].contents())
    w.add_bos_token_id(f["tokenizer.ggml.bos_token_id"].contents())
    w.add_eos_token_id(f["tokenizer.ggml.eos_token_id"].contents())
    w.add_unk_token_id(f["tokenizer.ggml.unknown_token_id"].contents())
    w.add_add_bos_token(True)
    w.add_add_eos_token(False)
    w.add_chat_template(CHAT_TEMPLATE)

    rng = np.random.default_rng(0)

    def rnd(*shape: int, std: float = 0.3) -> np.ndarray:
        return (rng.standard_normal(shape) * std).astype(np.float32)

    # Large weights on purpose: spread-out logits keep the engines' argmax identical (F32 only).
    w.add_tensor("token_embd.weight", rnd(len(tokens), N_EMBD, std=1.0))
    for i in range(N_LAYER):
        w.add_tensor(f"blk.{i}.attn_norm.weight", np.ones(N_EMBD, np.float32))
        w.add_tensor(f"blk.{i}.attn_q.weight", rnd(N_HEAD * HEAD_DIM, N_EMBD))
        w.add_tensor(f"blk.{i}.attn_k.weight", rnd(N_HEAD * HEAD_DIM, N_EMBD))
        w.add_tensor(f"blk.{i}.attn_v.weight", rnd(N_HEAD * HEAD_DIM, N_EMBD))
        w.add_tensor(f"blk.{i}.attn_output.weight", rnd(N_EMBD, N_HEAD * HEAD_DIM))
        w.add_tensor(f"blk.{i}.ffn_norm.weight", np.ones(N_EMBD, np.float32))
        w.add_tensor(f"blk.{i}.ffn_gate.weight", rnd(N_FF, N_EMBD))
        w.add_tensor(f"blk.{i}.ffn_up.weight", rnd(N_FF, N_EMBD))
        w.add_tensor(f"blk.{i}.ffn_down.weight", rnd(N_EMBD, N_FF))
    w.add_tensor("output_norm.weight", np.ones(N_EMBD, np.float32))
    w.add_tensor("output.weight", rnd(len(tokens), N_EMBD, std=1.0))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def write_hf(gguf_path: Path, out_dir: Path) -> None:
    """Derive a transformers safetensors folder (config, weights, tokenizer, template) from the GGUF."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, LlamaConfig, LlamaForCausalLM

    src, name = str(gguf_path.parent), gguf_path.name
    tok = AutoTokenizer.from_pretrained(src, gguf_file=name)
    loaded = AutoModelForCausalLM.from_pretrained(src, gguf_file=name, dtype=torch.float32)
    cfg = loaded.config.to_dict()
    cfg.pop("quantization_config", None)
    cfg.pop("_name_or_path", None)
    clean = LlamaForCausalLM(LlamaConfig(**cfg)).eval()  # GGUF-loaded models refuse save_pretrained
    clean.load_state_dict(loaded.state_dict(), strict=True)
    clean.save_pretrained(str(out_dir))
    tok.save_pretrained(str(out_dir))


def build(fixtures: Path) -> tuple[Path, Path]:
    """Return ``(gguf_path, hf_dir)``, building them under ``fixtures`` unless cached."""
    vocab = fixtures / VOCAB_NAME
    if not vocab.is_file():
        raise FileNotFoundError(f"{vocab} is missing: run .ci/steps/20-engines.sh")
    key = hashlib.sha256(vocab.read_bytes() + Path(__file__).read_bytes()).hexdigest()[:16]
    root = fixtures / f"tiny-{key}"
    gguf_path, hf_dir = root / "tiny-llama-f32.gguf", root / "hf"
    if not (hf_dir / "model.safetensors").is_file():
        tmp = fixtures / f".tmp-{key}-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        write_gguf(vocab, tmp / gguf_path.name)
        write_hf(tmp / gguf_path.name, tmp / "hf")
        shutil.rmtree(root, ignore_errors=True)
        tmp.rename(root)
    return gguf_path, hf_dir


if __name__ == "__main__":
    for path in build(Path(sys.argv[1])):
        print(path)
