"""Spec grammar, backend registry, configuration lookup and import weight: no engine needed."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sovmigrate.adapter import BackendNotInstalled, OptionError, SpecError, backend_names, connect
from sovmigrate.adapter.config import resolve
from sovmigrate.adapter.spec import Spec, parse_spec
from sovmigrate.errors import ConfigError, SovmigrateError

REPO = Path(__file__).resolve().parents[2]
BUILTIN = ["bedrock", "llamacpp", "ollama", "openai", "transformers", "vllm"]


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
    assert "bedrock, llamacpp, ollama, openai, transformers, vllm" in str(info.value)
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
        "refused echo: cannot honour temperature=0; this backend honours: echo, max_tokens",
    ]


def write_pyproject(folder: Path, body: str) -> None:
    (folder / "pyproject.toml").write_text(textwrap.dedent(body), encoding="utf-8")


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for var in ("SOVMIGRATE_MODEL", "SOVMIGRATE_MODEL_EMBEDDER", "SOVMIGRATE_MODEL_CHAT_2"):
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


TWO_TABLES = """
    [tool.sovmigrate.adapter]
    model = "ollama:qwen"
    num_ctx = 4096

    [tool.sovmigrate.adapter.models.embedder]
    model = "ollama:nomic-embed-text"
    keep_alive = "5m"
"""


def test_explicit_spec_wins_over_env_and_pyproject(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    write_pyproject(tmp_path, TWO_TABLES)
    clean_env.setenv("SOVMIGRATE_MODEL", "openai:x")
    r = resolve("llamacpp:m.gguf", {"n_ctx": 8}, default="vllm:y", name="embedder", cwd=tmp_path)
    assert (r.spec, r.source, r.options) == ("llamacpp:m.gguf", "connect()", {"n_ctx": 8})


@pytest.mark.parametrize(
    ("env", "name", "expected"),
    [
        pytest.param(
            {"SOVMIGRATE_MODEL_EMBEDDER": "openai:e", "SOVMIGRATE_MODEL": "openai:g"},
            "embedder",
            ("openai:e", "SOVMIGRATE_MODEL_EMBEDDER"),
            id="named env first",
        ),
        pytest.param(
            {"SOVMIGRATE_MODEL": "openai:g"},
            "embedder",
            ("ollama:nomic-embed-text", "[tool.sovmigrate.adapter.models.embedder]"),
            id="then the named table: the general env never moves a named connection",
        ),
        pytest.param(
            {"SOVMIGRATE_MODEL": "openai:g"},
            "other",
            ("llamacpp:d.gguf", "default"),
            id="a named connection without settings of its own keeps the code's default",
        ),
        pytest.param({}, None, ("ollama:qwen", "[tool.sovmigrate.adapter]"), id="unnamed: the general table"),
        pytest.param(
            {"SOVMIGRATE_MODEL_EMBEDDER": "openai:e"},
            None,
            ("ollama:qwen", "[tool.sovmigrate.adapter]"),
            id="a named env var does not move the unnamed connection",
        ),
    ],
)
def test_spec_precedence(
    tmp_path: Path,
    clean_env: pytest.MonkeyPatch,
    env: dict[str, str],
    name: str | None,
    expected: tuple[str, str],
) -> None:
    write_pyproject(tmp_path, TWO_TABLES)
    for var, value in env.items():
        clean_env.setenv(var, value)
    r = resolve(None, {}, default="llamacpp:d.gguf", name=name, cwd=tmp_path)
    assert r.spec == expected[0]
    assert r.source.endswith(expected[1])


def test_default_is_used_when_nothing_is_configured(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    write_pyproject(tmp_path, "[project]\nname = 'x'\n")
    r = resolve(None, {"n_ctx": 512}, default="llamacpp:d.gguf", cwd=tmp_path)
    assert (r.spec, r.source, r.options) == ("llamacpp:d.gguf", "default", {"n_ctx": 512})


def test_name_with_dashes_maps_to_an_env_var(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("SOVMIGRATE_MODEL_CHAT_2", "openai:c2")
    assert resolve(None, {}, default="llamacpp:d.gguf", name="chat-2", cwd=tmp_path).spec == "openai:c2"
    with pytest.raises(SpecError, match="connection name 'a b' must be letters"):
        resolve(None, {}, default="llamacpp:d.gguf", name="a b", cwd=tmp_path)


def test_code_options_belong_to_the_default_backend(
    tmp_path: Path, clean_env: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Moved to another backend by configuration, the code's llama.cpp options are dropped (said at debug)."""
    write_pyproject(tmp_path, TWO_TABLES)
    with caplog.at_level(logging.DEBUG, logger="sovmigrate.adapter"):
        r = resolve(None, {"n_ctx": 512, "verbose": False}, default="llamacpp:d.gguf", cwd=tmp_path)
    assert (r.spec, r.options) == ("ollama:qwen", {"num_ctx": 4096})
    assert "options n_ctx, verbose passed to connect() are for llamacpp" in caplog.text


def test_configuration_options_override_the_code_s(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    """Same backend: the code's options apply, and the operator's configuration wins where both set one."""
    write_pyproject(tmp_path, TWO_TABLES)
    r = resolve(None, {"num_ctx": 2048, "timeout": None}, default="ollama:x", name="embedder", cwd=tmp_path)
    assert r.spec == "ollama:nomic-embed-text"
    assert r.options == {
        "num_ctx": 2048,
        "timeout": None,
        "keep_alive": "5m",
    }  # the general table is not read
    assert r.option_sources["keep_alive"].endswith("[tool.sovmigrate.adapter.models.embedder]")
    assert r.option_sources["timeout"] == "connect()"


def test_env_keeps_pyproject_options_of_the_same_backend_only(
    tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    write_pyproject(tmp_path, TWO_TABLES)
    clean_env.setenv("SOVMIGRATE_MODEL", "ollama:llama3.1:8b")
    assert resolve(None, {}, cwd=tmp_path).options == {"num_ctx": 4096}
    clean_env.setenv("SOVMIGRATE_MODEL", "llamacpp:m.gguf")
    assert resolve(None, {}, cwd=tmp_path).options == {}  # the table's model is another backend's


def test_nearest_pyproject_is_found_from_a_subfolder(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    write_pyproject(
        tmp_path,
        """
        [tool.sovmigrate.adapter]
        model = "openai:llama-3.1-8b"
        base_url = "http://127.0.0.1:8080/v1"
    """,
    )
    deep = tmp_path / "src" / "app"
    deep.mkdir(parents=True)
    r = resolve(None, {}, cwd=deep)
    assert (r.spec, r.options) == ("openai:llama-3.1-8b", {"base_url": "http://127.0.0.1:8080/v1"})


def test_no_spec_anywhere_is_a_clear_error(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    write_pyproject(tmp_path, "[project]\nname = 'x'\n")
    clean_env.chdir(tmp_path)
    with pytest.raises(SpecError, match="SOVMIGRATE_MODEL"):
        connect()
    with pytest.raises(
        SpecError, match=r"SOVMIGRATE_MODEL_EMBEDDER, .*\[tool.sovmigrate.adapter.models.embedder\]"
    ):
        connect(name="embedder")


@pytest.mark.parametrize(
    ("body", "match"),
    [
        (
            "[tool.sovmigrate.adapter]\nmodel = 3\n",
            r"pyproject.toml: \[tool.sovmigrate.adapter.model\] must be",
        ),
        ("[tool.sovmigrate.adapter]\nmodels = 3\n", r"\[tool.sovmigrate.adapter.models\] must be a table"),
        (
            "[tool.sovmigrate.adapter.models]\nembedder = 'x'\n",
            r"\[tool.sovmigrate.adapter.models.embedder\]",
        ),
        ("[tool.sovmigrate.adapter\n", "cannot read"),
    ],
)
def test_bad_pyproject_names_file_and_key(
    tmp_path: Path, clean_env: pytest.MonkeyPatch, body: str, match: str
) -> None:
    write_pyproject(tmp_path, body)
    with pytest.raises(ConfigError, match=match):
        resolve(None, {}, name="embedder", cwd=tmp_path)


def test_malformed_spec_from_configuration_names_its_source(
    tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    clean_env.chdir(tmp_path)
    clean_env.setenv("SOVMIGRATE_MODEL", "llama3.1:8b")
    with pytest.raises(
        SpecError, match=r"unknown backend 'llama3.1' in 'llama3.1:8b' \(from SOVMIGRATE_MODEL\)"
    ):
        connect(default="ollama:llama3.1:8b")


def test_malformed_default_is_reported_even_when_configuration_wins(
    tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    clean_env.chdir(tmp_path)
    clean_env.setenv("SOVMIGRATE_MODEL", "openai:x")
    with pytest.raises(SpecError, match=r"malformed model spec 'models/x.gguf' \(from default=\)"):
        connect(default="models/x.gguf")


@pytest.mark.parametrize(
    ("spec", "options", "match"),
    [
        (
            "openai:x",
            {"base_ur": "http://h/v1"},
            r"unknown option 'base_ur' \(from connect\(\)\); did you mean 'base_url'\?",
        ),
        (
            "ollama:x",
            {"num_ctx": 8, "n_ctx": 8},
            r"unknown option 'n_ctx'.*valid options: api_key, headers, host",
        ),
        (
            "ollama:x",
            {"options": {"temperature": 0}},
            r"options=\{'temperature': ...\}: pass temperature= with each",
        ),
        ("ollama:x", {"options": {"num_predict": 5}}, r"pass max_tokens= with each call"),
        (
            "openai:x",
            {"param_defaults": "server"},
            r"param_defaults='server' \(from connect\(\)\) must be one of",
        ),
    ],
)
def test_unknown_options_are_errors_naming_the_valid_ones(
    spec: str, options: dict[str, object], match: str
) -> None:
    pytest.importorskip("httpx", reason="httpx is not installed: pip install 'sovmigrate[openai]'")
    with pytest.raises(OptionError, match=match) as info:
        connect(spec, **options)
    assert isinstance(info.value, TypeError)


def test_unknown_option_from_pyproject_names_the_table(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    pytest.importorskip("httpx", reason="httpx is not installed: pip install 'sovmigrate[openai]'")
    write_pyproject(tmp_path, '[tool.sovmigrate.adapter]\nmodel = "openai:x"\nbase_uri = "http://h"\n')
    clean_env.chdir(tmp_path)
    with pytest.raises(
        OptionError, match=r"'base_uri' \(from .*pyproject.toml \[tool.sovmigrate.adapter\]\)"
    ):
        connect()


def test_llamacpp_options_are_llama_s_keywords(tmp_path: Path) -> None:
    """Checked against llama_cpp.Llama's own signature, before any file is opened."""
    pytest.importorskip("llama_cpp", reason="llama_cpp is not installed: pip install 'sovmigrate[llamacpp]'")
    with pytest.raises(OptionError, match=r"unknown option 'n_ctxt'.*did you mean 'n_ctx'\?.*n_gpu_layers"):
        connect(f"llamacpp:{tmp_path / 'absent.gguf'}", n_ctxt=4096)


def run_python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_importing_the_adapter_imports_no_engine() -> None:
    out = run_python(
        "import sys, sovmigrate.adapter as a; a.backend_names(); "
        "print(sorted(m for m in ('torch', 'transformers', 'llama_cpp', 'vllm', 'httpx', 'numpy', 'boto3', 'botocore') "
        "if m in sys.modules))"
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
        ("botocore", "bedrock:x", "bedrock"),
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
