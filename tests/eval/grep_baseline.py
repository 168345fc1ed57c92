"""The baseline a user has without sovmigrate: plain ``grep -rniE`` over a list of vendor and engine words."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.eval.matching import Report

# What someone auditing a codebase for Llama and inference-vendor lock-in would grep for: engine, vendor
# and model-family names, chat-template markers and inference routes. Case-insensitive.
WORDS = (
    "llama",
    "ollama",
    "vllm",
    "gguf",
    "ggml",
    "openai",
    "groq",
    "together",
    "replicate",
    "fireworks",
    "bedrock",
    "huggingface",
    "transformers",
    "from_pretrained",
    "tokenizer",
    "mistral",
    "mixtral",
    "qwen",
    "gemma",
    "phi-?[234]",
    "exllama",
    "ctransformers",
    "gpt4all",
    "mlx_lm",
    "sglang",
    "lmdeploy",
    "watsonx",
    "tensorrt",
    r"\[INST\]",
    "<<SYS>>",
    r"<\|im_start\|>",
    r"<\|start_header_id\|>",
    "/v1/chat/completions",
    "/v1/completions",
    "/api/generate",
    "/api/chat",
)
PATTERN = "|".join(WORDS)


def grep(root: Path) -> list[Report]:
    """Every line of every file under ``root`` that matches one of the words, as ``path:line`` reports."""
    command = ["grep", "-rniIE", "--exclude=.complete", "-e", PATTERN, "."]
    output = subprocess.run(command, cwd=root, capture_output=True, text=True, errors="replace", check=False)
    if output.returncode > 1:
        raise RuntimeError(f"grep failed on {root}: {output.stderr.strip()}")
    reports = []
    for line in output.stdout.splitlines():
        path, number, text = line.split(":", 2)
        reports.append(Report(path=path.removeprefix("./"), line=int(number), what=text.strip()[:80]))
    return reports
