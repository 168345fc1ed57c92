"""[tool.sovmigrate], .gitignore, default exclusions, per-file ignores and suppression comments."""

from __future__ import annotations

import pytest

from sovmigrate.config import Settings, load_settings
from sovmigrate.errors import ConfigError
from sovmigrate.scan.runner import scan
from tests.scan.helpers import scan_paths

VENDOR = "import vllm\n"


def _paths(result):
    return sorted({f.path for f in result.findings})


def test_pyproject_table_is_read_and_validated(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.sovmigrate]\nignore = ["SOV12"]\nextend-exclude = ["legacy/**"]\n'
        'per-file-ignores = { "tests/*" = ["SOV1"] }\ntarget = "llamacpp:models/qwen.gguf"\n'
    )
    settings = load_settings(tmp_path / "src")
    assert settings.ignore == ("SOV12",)
    assert settings.target == "llamacpp:models/qwen.gguf"
    assert settings.config_path == tmp_path / "pyproject.toml"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('selct = ["SOV1"]', "unknown key 'selct'"),
        ('select = "SOV1"', "is not of type 'array'"),
        ('ignore = ["E501"]', "does not match"),
        ("max-file-size = 0", "less than the minimum"),
    ],
)
def test_bad_config_is_a_clear_error_naming_file_and_key(tmp_path, table, message):
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[tool.sovmigrate]\n{table}\n")
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_config_applies_to_a_scan(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.sovmigrate]\nextend-exclude = ["legacy"]\nper-file-ignores = { "tests/*" = ["SOV1"] }\n'
    )
    for folder in ("src", "legacy", "tests"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "m.py").write_text(VENDOR)
    result = scan([tmp_path])
    assert _paths(result) == ["src/m.py"]


def test_gitignore_virtualenvs_and_build_folders_are_skipped(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("generated/\n*.tmp.py\n")
    layout = [
        "app.py",
        "generated/g.py",
        "x.tmp.py",
        "env/lib/site.py",
        "node_modules/pkg/a.py",
        "build/lib/b.py",
        ".venv/lib/c.py",
        "pkg/site-packages/d.py",
        "sub/keep.py",
    ]
    for name in layout:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(VENDOR)
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr\n")
    (tmp_path / "sub" / ".gitignore").write_text("!keep.py\nignored.py\n")
    (tmp_path / "sub" / "ignored.py").write_text(VENDOR)
    assert _paths(scan_paths(tmp_path)) == ["app.py", "sub/keep.py"]
    assert _paths(scan_paths(tmp_path, respect_gitignore=False)) == [
        "app.py",
        "generated/g.py",
        "sub/ignored.py",
        "sub/keep.py",
        "x.tmp.py",
    ]


def test_a_gitignore_line_that_is_no_pattern_is_skipped_like_git_does(tmp_path):
    # pytest's and ansible's sdists ship .gitignore files with a lone "!", which git ignores.
    (tmp_path / ".gitignore").write_text("!\nignored.py\n")
    (tmp_path / "ignored.py").write_text(VENDOR)
    (tmp_path / "app.py").write_text(VENDOR)
    assert _paths(scan_paths(tmp_path)) == ["app.py"]


def test_explicit_file_is_scanned_even_if_excluded(tmp_path):
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "tool.py").write_text(VENDOR)
    assert _paths(scan_paths(tmp_path / "build" / "tool.py")) == ["tool.py"]


def test_suppression_comments(tmp_path):
    (tmp_path / "m.py").write_text(
        "import vllm  # sovmigrate: ignore[SOV120]\n"
        "import ollama  # noqa: SOV2\n"
        "import llama_cpp  # sovmigrate: ignore\n"
        "import transformers  # sovmigrate: ignore[SOV100]\n"
    )
    assert [f.rule for f in scan_paths(tmp_path).findings] == ["SOV140"]


def test_settings_select_in_code(tmp_path):
    (tmp_path / "m.py").write_text("import vllm\nimport ollama\n")
    result = scan([tmp_path], Settings(select=("SOV2",), cache=False))
    assert [f.rule for f in result.findings] == ["SOV200"]
