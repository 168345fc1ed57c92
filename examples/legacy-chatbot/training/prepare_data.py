"""Build the fine-tuning set: past tickets in the Llama 2 chat format, stored as token ids."""

from __future__ import annotations

import json
from pathlib import Path

from transformers import AutoTokenizer

BASE_MODEL = "meta-llama/Llama-2-7b-chat-hf"
MAX_TOKENS = 2048

tokenizer = AutoTokenizer.from_pretrained(BASE_MODEL)


def to_example(ticket: str, answer: str) -> dict:
    prompt = f"<s>[INST] <<SYS>>\nYou are ACME's support agent.\n<</SYS>>\n\n{ticket} [/INST] {answer} </s>"
    ids = tokenizer.encode(prompt, add_special_tokens=False)[:MAX_TOKENS]
    return {"input_ids": ids, "labels": ids}


def main(src: Path, dst: Path) -> None:
    with open(src, encoding="utf-8") as rows, open(dst, "w", encoding="utf-8") as out:
        for row in map(json.loads, rows):
            out.write(json.dumps(to_example(row["ticket"], row["answer"])) + "\n")


if __name__ == "__main__":
    main(Path("data/tickets.jsonl"), Path("data/train.tokens.jsonl"))
