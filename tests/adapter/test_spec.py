"""Spec grammar, backend registry, configuration lookup and import weight: no engine needed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sovmigrate.adapter import BackendNotInstalled, SpecError, backend_names, connect
from sovmigrate.adapter.config import resolve
from sovmigrate.adapter.spec import Spec, parse_spec
from sovmigrate.errors import ConfigError, SovmigrateError

REPO = Path(__file__).resolve().parents[2]
BUILTIN = ["llamacpp", "ollama", "openai", "transformers", "vllm"]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        pytest.param("llamacpp:models/x.gguf", Spec("llamacpp", "models/x.gguf"), id="path"),
        pytest.param("ollama:llama3.1:8b", Spec("ollama", "llama3.1:8b"), id="split on the first colon"),
        pytest.param(
            "transformers:meta-llama/Llama-3.1-8B",
            Spec("transformers", "meta-llama/Llama-3.1-8B"),
            id="hub id with a slash",
        ),
        pytest.param(
            "llamacpp:C:\\models\\x.gguf", Spec("llamacpp", "C:\\models\\x.gguf"), id="windows path"
        ),
        pytest.param("openai:llama-3.1-8b", Spec("openai", "llama-3.1-8b"), id="server model id"),
    ],
)
def test_parse_spec(spec: str, expected: Spec) -> None:
    assert parse_spec(spec) == expected


@pytest.mark.parametrize("spec", ["llamacpp", "llamacpp:", ":model.gguf", "", "ollama/llama3"])
def test_malformed_spec_lists_valid_backends(spec: str) -> None:
    with pytest.raises(SpecError, match="malformed model spec") as info:
        parse_spec(spec)
    for name in BUILTIN:
        assert name in str(info.value)


def test_unknown_backend_lists_valid_backends() -> None:
    with pytest.raises(SpecError, match="unknown backend 'litellm'") as info:
        connect("litellm:gpt-4o")
    assert "llamacpp, ollama, openai, transformers, vllm" in str(info.value)
    assert isinstance(info.value, SovmigrateError)


def test_builtin_backends_are_registered() -> None:
    assert set(BUILTIN) <= set(backend_names())


def test_plugin_backend_from_entry_point(tmp_path: Path) -> None:
    """A third-party backend installed as a distribution with a `sovmigrate.adapter_backends` entry point."""
    (tmp_path / "echo_backend.py").write_text(
        textwrap.dedent("""
        from sovmigrate.adapter import Backend, Capabilities
        from sovmigrate.adapter.results import text_completion

        class EchoBackend(Backend):
            name = "echo"
            PARAMS = frozenset({"max_tokens"})

            def __init__(self, model, **options):
                self.model = model
                self.capabilities = Capabilities(False, False, False, False, False, None, self.PARAMS)

            def complete(self, prompt, params):
                return text_completion(self.model, [(prompt[::-1], "stop")], 1, 1)
    """)
    )
    dist = tmp_path / "echo_backend-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: echo-backend\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[sovmigrate.adapter_backends]\necho = echo_backend:EchoBackend\n")
    code = textwrap.dedent("""
        from sovmigrate.adapter import backend_names, connect, UnsupportedParameter
        assert "echo" in backend_names()
        m = connect("echo:any")
        print(m.complete("abc").text)
        try:
            m.complete("abc", temperature=0)
        except UnsupportedParameter as exc:
            print("refused", exc)
    """)
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": f"{tmp_path}:{REPO}", "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.splitlines() == [
        "cba",
        "refused echo: cannot honour temperature=0; this backend honours: max_tokens",
    ]


def write_pyproject(folder: Path, body: str) -> None:
    (folder / "pyproject.toml").write_text(textwrap.dedent(body), encoding="utf-8")


def test_explicit_spec_wins_over_env_and_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pyproject(tmp_path, '[tool.sovmigrate.adapter]\nmodel = "ollama:qwen"\n')
    monkeypatch.setenv("SOVMIGRATE_MODEL", "openai:x")
    assert resolve("llamacpp:m.gguf", {"n_ctx": 8}, cwd=tmp_path) == ("llamacpp:m.gguf", {"n_ctx": 8})


def test_env_wins_over_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pyproject(tmp_path, '[tool.sovmigrate.adapter]\nmodel = "ollama:qwen"\nnum_ctx = 4096\n')
    monkeypatch.setenv("SOVMIGRATE_MODEL", "llamacpp:m.gguf")
    assert resolve(None, {}, cwd=tmp_path) == (
        "llamacpp:m.gguf",
        {},
    )  # options of another backend are not used


def test_env_keeps_pyproject_options_of_the_same_backend(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_pyproject(tmp_path, '[tool.sovmigrate.adapter]\nmodel = "ollama:qwen"\nnum_ctx = 4096\n')
    monkeypatch.setenv("SOVMIGRATE_MODEL", "ollama:llama3.1:8b")
    assert resolve(None, {}, cwd=tmp_path) == ("ollama:llama3.1:8b", {"num_ctx": 4096})


def test_nearest_pyproject_with_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOVMIGRATE_MODEL", raising=False)
    write_pyproject(
        tmp_path,
        """
        [tool.sovmigrate.adapter]
        model = "openai:llama-3.1-8b"
        base_url = "http://127.0.0.1:8080/v1"
        timeout = 5
    """,
    )
    deep = tmp_path / "src" / "app"
    deep.mkdir(parents=True)
    spec, options = resolve(None, {"timeout": 9}, cwd=deep)
    assert spec == "openai:llama-3.1-8b"
    assert options == {"base_url": "http://127.0.0.1:8080/v1", "timeout": 9}  # connect() options win


def test_no_spec_anywhere_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOVMIGRATE_MODEL", raising=False)
    write_pyproject(tmp_path, "[project]\nname = 'x'\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SpecError, match="SOVMIGRATE_MODEL"):
        connect()


def test_bad_pyproject_names_file_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOVMIGRATE_MODEL", raising=False)
    write_pyproject(tmp_path, "[tool.sovmigrate.adapter]\nmodel = 3\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml: \[model\]"):
        resolve(None, {}, cwd=tmp_path)


def run_python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_importing_the_adapter_imports_no_engine() -> None:
    out = run_python(
        "import sys, sovmigrate.adapter as a; a.backend_names(); "
        "print(sorted(m for m in ('torch', 'transformers', 'llama_cpp', 'vllm', 'httpx', 'numpy') if m in sys.modules))"
    )
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    ("module", "spec", "extra"),
    [
        ("llama_cpp", "llamacpp:x.gguf", "llamacpp"),
        ("transformers", "transformers:x", "transformers"),
        ("vllm", "vllm:x", "vllm"),
        ("httpx", "openai:x", "openai"),
        ("httpx", "ollama:x", "ollama"),
    ],
)
def test_missing_engine_names_the_pip_extra(module: str, spec: str, extra: str) -> None:
    code = textwrap.dedent(f"""
        import sys
        sys.modules[{module!r}] = None  # as if the package were not installed
        from sovmigrate.adapter import connect, BackendNotInstalled
        try:
            connect({spec!r})
        except BackendNotInstalled as exc:
            print(exc)
    """)
    out = run_python(code)
    assert f"pip install 'sovmigrate[{extra}]'" in out
    assert out.startswith(spec.split(":")[0] + ": needs ")
    assert issubclass(BackendNotInstalled, ImportError)
