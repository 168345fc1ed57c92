"""Web sources of a project's UI (.js, .ts, .vue, .html): model ids, engine URLs and chat markup in string literals."""

from __future__ import annotations

import textwrap

import pytest

from sovmigrate.scan.discovery import classify
from tests.scan.helpers import scan_paths, scan_source


def findings(tmp_path, source: str, name: str) -> set[tuple[int, str, str, int]]:
    """(line, code, api, 1-based column) of each finding in ``source`` saved as ``name``."""
    result = scan_source(tmp_path, textwrap.dedent(source), name)
    return {(f.line, f.rule, f.api, f.column) for f in result.findings}


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("settings.js", "web"),
        ("App.tsx", "web"),
        ("Chat.vue", "web"),
        ("page.svelte", "web"),
        ("benchmark.html", "web"),
        ("module.mjs", "web"),
        ("vendor.min.js", None),
        ("app.js.map", None),
        ("index.d.ts", None),
    ],
)
def test_web_sources_are_classified_and_bundles_are_not(name, kind):
    assert classify(name) == kind


def test_model_ids_in_option_lists_fallbacks_and_defaults(tmp_path):
    source = """\
        const options = [
            { value: 'gpt-4o', label: 'GPT-4o (OpenAI)' },
            { value: 'claude-3-5-sonnet-latest', label: 'Claude 3.5 Sonnet' },
            { value: 'llama3', label: 'Llama 3 (Ollama)' },
            { value: 'mistral', provider: 'OLLAMA' },
        ];
        const model = modelInput.value || 'gemma3:12b';
        let fallbackModel = "llama3";
        const routed = `anthropic/claude-3.5-sonnet`;
    """
    assert findings(tmp_path, source, "settings.js") == {
        (2, "SOV543", "gpt-4o", 15),
        (3, "SOV543", "claude-3-5-sonnet-latest", 15),
        (4, "SOV593", "llama3", 15),
        (5, "SOV594", "mistral", 15),
        (7, "SOV594", "gemma3:12b", 36),
        (8, "SOV593", "llama3", 22),
        (9, "SOV543", "anthropic/claude-3.5-sonnet", 17),
    }


def test_engine_urls_and_chat_markup_in_a_template(tmp_path):
    source = """\
        <script>
          const OLLAMA = "http://localhost:11434";
          fetch(`http://vllm:8000/v1/chat/completions`, { method: "POST" });
          const prompt = `<|im_start|>user\\n${text}<|im_end|>`;
        </script>
    """
    assert {(line, code, api) for line, code, api, _ in findings(tmp_path, source, "chat.html")} == {
        (2, "SOV853", "http://localhost:11434"),
        (3, "SOV856", "http://vllm:8000/v1/chat/completions"),
        (4, "SOV524", "<|im_start|>"),
    }


def test_comments_and_hints_to_the_user_are_no_sites(tmp_path):
    source = """\
        <input id="endpoint" placeholder="https://openrouter.ai/api/v1" title='e.g. gpt-4o'>
        // const model = 'gpt-4o';
        /* default: "http://localhost:11434"
           { value: 'llama3' } */
        const url = "https://example.com/docs"; // 'claude-3-opus-20240229'
        <!-- <option value="llama3">Llama 3</option> -->
    """
    assert findings(tmp_path, source, "page.html") == set()


def test_ui_text_identifiers_and_bundles_are_silent(tmp_path):
    react = """\
        export function ModelPicker({ gptModel, llamaCount }) {
          const icon = 'llama';
          const gpt4Enabled = props.gpt4;
          return <p>Pick a model: Llama 3, Mistral or GPT-4o run locally.</p>;
        }
    """
    assert findings(tmp_path, react, "ModelPicker.jsx") == set()
    bundle = "var a='gpt-4o',b='http://localhost:11434';" + "x=1;" * 400 + "\n"
    assert findings(tmp_path, bundle, "index-3f2a.js") == set()
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "lib.js").write_text("const m = 'gpt-4o';\n")
    (tmp_path / "app.min.js").write_text("const m = 'gpt-4o';\n")
    assert not [f for f in scan_paths(tmp_path).findings if f.path in ("node_modules/lib.js", "app.min.js")]
