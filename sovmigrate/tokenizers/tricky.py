"""Texts that tokenizers get wrong most often, by category (used for round-trip and fallback checks)."""

from __future__ import annotations

__all__ = ["TRICKY"]

TRICKY: dict[str, list[str]] = {
    "cjk": [
        "你好，世界！今天天气很好。",
        "東京都渋谷区で会議があります。",
        "한국어 텍스트도 확인합니다.",
        "𠮷野家の牛丼",
    ],
    "emoji": ["🦙" * 50, "👩‍👩‍👧‍👦 family, 🏳️‍🌈 flag, 🇩🇪🇫🇷 flags", "ok 👍🏽 thanks 🙏"],
    "code": [
        "def f(x):\n\treturn {'a': [x ** 2 for x in range(10)]}\n",
        'if (a != b && c <= d) { printf("%d\\n", a >> 2); }',
        "SELECT * FROM t WHERE name LIKE '%_x%';  -- comment",
    ],
    "whitespace": [
        " ",
        "  ",
        "\t",
        "\n",
        "\n\n\n",
        "a" + " " * 80 + "b",
        "line1\r\nline2\r\n",
        "\u00a0nbsp\u3000ideographic",
        "        indented = True",
        "x" * 300,
    ],
    "control": [
        "\x00\x01\x07\x1b[31mred\x1b[0m",
        "bom\ufeffinside",
        "zero\u200bwidth\u200djoiner",
        "tab\x0bvt\x0cff",
    ],
    "scripts": [
        "مرحبا بالعالم",
        "שלום עולם",
        "नमस्ते दुनिया",
        "สวัสดีชาวโลก",
        "ជំរាបសួរ",
        "Cửa Việt",
        "naïve café (NFC)",
        "nai\u0308ve cafe\u0301 (NFD)",
        "½ ⅓ ¼ 10²",
    ],
    "specials-as-text": [
        "<s> </s> <unk>",
        "<|begin_of_text|><|eot_id|>",
        "[INST] hi [/INST]",
        "<|im_start|>user<|im_end|>",
    ],
}
