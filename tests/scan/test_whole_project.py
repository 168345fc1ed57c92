"""Whole-project resolution: vendor objects made in one module are found where another module uses them."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from sovmigrate.config import Settings
from sovmigrate.scan.runner import scan

LLM = """\
from transformers import AutoModelForCausalLM, AutoTokenizer
from openai import OpenAI

model = AutoModelForCausalLM.from_pretrained("models/tiny")
tokenizer = AutoTokenizer.from_pretrained("models/tiny")


def make_client():
    return OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")


class Assistant:
    def __init__(self):
        self.client = make_client()
"""

# No vendor word anywhere in this module: only the project's own names.
HANDLERS = """\
from .llm import model, tokenizer, make_client
from app import Assistant


def reply(text):
    ids = tokenizer(text, return_tensors="pt")
    out = model.generate(**ids, max_new_tokens=20)
    return tokenizer.decode(out[0])


def remote(messages):
    return make_client().chat.completions.create(model="m", messages=messages)


def assisted(prompt):
    return Assistant().client.completions.create(model="m", prompt=prompt)
"""


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def sites(root: Path, path: str, **settings) -> set[tuple[int, str, str]]:
    result = scan([root], Settings(jobs=1, **({"cache": False} | settings)))
    assert not result.errors
    return {(f.line, f.rule, f.api) for f in result.findings if f.path == path}


def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    write(
        root,
        {"app/__init__.py": "from .llm import Assistant\n", "app/llm.py": LLM, "app/handlers.py": HANDLERS},
    )
    return root


def test_objects_from_other_modules_are_found_at_the_call(tmp_path):
    assert sites(project(tmp_path), "app/handlers.py") == {
        (6, "SOV602", "transformers.AutoTokenizer#__call__"),
        (7, "SOV144", "transformers.AutoModelForCausalLM#generate"),
        (8, "SOV602", "transformers.AutoTokenizer#decode"),
        (12, "SOV211", "openai.OpenAI#chat.completions.create"),  # a factory in another module
        (16, "SOV211", "openai.OpenAI#completions.create"),  # an attribute of a class re-exported by __init__
    }


def test_exports_flow_through_several_modules(tmp_path):
    root = tmp_path / "proj"
    write(
        root,
        {
            "core/engine.py": "from llama_cpp import Llama\n\ndef load(path):\n    return Llama(model_path=path)\n",
            "core/service.py": "from core.engine import load\n\nllm = load('m.gguf')\n",
            "web/views.py": "from core.service import llm\n\ndef view(q):\n    return llm.create_completion(q)\n",
        },
    )
    assert sites(root, "web/views.py") == {(4, "SOV102", "llama_cpp.Llama#create_completion")}


def test_parallel_and_serial_agree_on_a_project(tmp_path, monkeypatch):
    from sovmigrate.scan import runner

    root = project(tmp_path)
    serial = scan([root], Settings(cache=False, jobs=1)).findings
    monkeypatch.setattr(runner, "PARALLEL_LINES", 1)
    assert scan([root], Settings(cache=False, jobs=2)).findings == serial


def test_the_cache_follows_changes_in_an_imported_module(tmp_path):
    root = project(tmp_path)
    cached = {"cache": True, "cache_dir": tmp_path / "cache"}
    assert len(sites(root, "app/handlers.py", **cached)) == 5
    # The exporting module stops exporting a model: the unchanged importer loses its findings.
    llm = root / "app" / "llm.py"
    llm.write_text(
        LLM.replace('AutoModelForCausalLM.from_pretrained("models/tiny")', "None"), encoding="utf-8"
    )
    _touch_later(llm)
    assert (7, "SOV144", "transformers.AutoModelForCausalLM#generate") not in sites(
        root, "app/handlers.py", **cached
    )
    # And back: the importer, unchanged and cached as clean, is analysed again.
    llm.write_text(LLM, encoding="utf-8")
    _touch_later(llm)
    assert len(sites(root, "app/handlers.py", **cached)) == 5


def test_a_new_importer_without_vendor_words_is_found_on_a_warm_run(tmp_path):
    root = project(tmp_path)
    cached = {"cache": True, "cache_dir": tmp_path / "cache"}
    sites(root, "app/handlers.py", **cached)
    write(root, {"app/jobs.py": "from app.llm import model\n\nmodel.generate(inputs)\n"})
    assert sites(root, "app/jobs.py", **cached) == {
        (3, "SOV144", "transformers.AutoModelForCausalLM#generate")
    }


def test_unrelated_modules_with_the_same_names_are_left_alone(tmp_path):
    root = tmp_path / "proj"
    write(
        root,
        {
            "app/llm.py": LLM,
            "other/llm.py": "model = None\n",
            "other/use.py": "from .llm import model\n\nmodel.generate(x)\n",
        },
    )
    assert sites(root, "other/use.py") == set()


def test_relative_imports_resolve_below_folders_that_are_not_packages(tmp_path):
    """A monorepo member or an unpacked sdist (``my-service/``, ``pkg-1.0/``) is named from its first package."""
    root = tmp_path / "proj"
    write(
        root, {f"my-service/app/{name}": text for name, text in (("llm.py", LLM), ("handlers.py", HANDLERS))}
    )
    write(
        root,
        {
            "my-service/app/__init__.py": "",
            "my-service/app/gen.py": "from .llm import AutoModelForCausalLM as M\n\nM.from_pretrained(p)\n",
        },
    )
    assert (3, "SOV143", "transformers.AutoModelForCausalLM.from_pretrained") in sites(
        root, "my-service/app/gen.py"
    )
    assert (7, "SOV144", "transformers.AutoModelForCausalLM#generate") in sites(
        root, "my-service/app/handlers.py"
    )


def test_a_module_name_two_files_claim_exports_nothing(tmp_path):
    """``a-svc/app/llm.py`` and ``b-svc/app/llm.py`` are both ``app.llm``: neither is guessed for the other."""
    root = tmp_path / "proj"
    write(
        root,
        {
            "a-svc/app/llm.py": LLM,
            "b-svc/app/llm.py": "model = None\n",
            "c-svc/jobs.py": "from app.llm import model\n\nmodel.generate(x)\n",
        },
    )
    assert sites(root, "c-svc/jobs.py") == set()


def test_a_factory_in_another_module_is_known_by_its_return_annotation(tmp_path):
    """``def get_client() -> ollama.Client`` built by a helper the analysis cannot follow still types its calls."""
    factory = """\
        import ollama


        def get_client(key=None) -> ollama.Client:
            return _create(ollama.Client, key)


        def _create(client_class, key):
            return client_class(host="http://localhost:11434", headers={"Authorization": key})
        """
    user = "from app.auth import get_client\n\nget_client().chat(model=name, messages=msgs)\n"
    root = tmp_path / "proj"
    write(root, {"app/__init__.py": "", "app/auth.py": factory, "app/chat.py": user})
    assert sites(root, "app/chat.py") == {(3, "SOV202", "ollama.Client#chat")}


def _touch_later(path: Path) -> None:
    """Make sure the stat fast path sees a change even on coarse file-system clocks."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


# Meta's reference `llama` package as projects copy it (the llama/llama3 repositories' layout, shortened).
REFERENCE_COPY = {
    "mypkg/__init__.py": "",
    "mypkg/llama/__init__.py": (
        "from .generation import Llama, Dialog\nfrom .model import ModelArgs, Transformer\n"
        "from .tokenizer import Tokenizer\n"
    ),
    "mypkg/llama/model.py": "class ModelArgs:\n    pass\n\n\nclass Transformer:\n    pass\n",
    "mypkg/llama/tokenizer.py": "class Tokenizer:\n    pass\n\n\nclass ChatFormat:\n    pass\n",
    "mypkg/llama/generation.py": """\
        from .model import ModelArgs, Transformer
        from .tokenizer import ChatFormat, Tokenizer


        class Llama:
            @staticmethod
            def build(ckpt_dir, tokenizer_path, max_seq_len, max_batch_size):
                tokenizer = Tokenizer(model_path=tokenizer_path)
                model = Transformer(ModelArgs(max_seq_len=max_seq_len))
                return Llama(model, tokenizer)

            def __init__(self, model, tokenizer):
                self.formatter = ChatFormat(tokenizer)
        """,
    "mypkg/serve.py": """\
        from .llama import Llama
        from mypkg.llama.model import ModelArgs, Transformer

        generator = Llama.build(ckpt_dir=ckpt, tokenizer_path=tok, max_seq_len=512, max_batch_size=4)
        results = generator.chat_completion(dialogs, max_gen_len=64)
        net = Transformer(ModelArgs(dim=64))
        """,
    "mypkg/tools/infill.py": """\
        from ..llama.generation import Llama

        generator = Llama.build(ckpt_dir=ckpt, tokenizer_path=tok, max_seq_len=512, max_batch_size=4)
        out = generator.text_completion(prompts, max_gen_len=32)
        """,
}


def test_a_copy_of_metas_reference_package_is_that_package(tmp_path):
    """Projects copy Meta's `llama/` folder into their package and import it relatively or by their own path."""
    root = tmp_path / "proj"
    write(root, REFERENCE_COPY)
    assert sites(root, "mypkg/serve.py") == {
        (1, "SOV171", "llama.generation.Llama"),  # a re-export of the copy's __init__
        (2, "SOV171", "llama.model.ModelArgs"),
        (4, "SOV170", "llama.generation.Llama.build"),
        (5, "SOV170", "llama.generation.Llama#chat_completion"),
        (6, "SOV172", "llama.model.Transformer"),
        (6, "SOV172", "llama.model.ModelArgs"),
    }
    assert sites(root, "mypkg/tools/infill.py") == {
        (1, "SOV171", "llama.generation.Llama"),
        (3, "SOV170", "llama.generation.Llama.build"),
        (4, "SOV170", "llama.generation.Llama#text_completion"),
    }
    # Inside the copy: the network and tokenizer it builds are sites, its modules importing each other are not.
    assert {(line, rule) for line, rule, _ in sites(root, "mypkg/llama/generation.py")} == {
        (8, "SOV600"),
        (9, "SOV172"),
        (13, "SOV173"),
    }
    assert sites(root, "mypkg/llama/__init__.py") == set()


def test_a_projects_own_llama_classes_are_not_metas(tmp_path):
    """A wrapper class named `Llama`, a `llama/model.py` of other names, and llama.cpp's `Llama` stay what they are."""
    wrapper = """\
        from llama_cpp import Llama as Engine


        class Llama:
            @classmethod
            def build(cls, path):
                return cls()

            def chat_completion(self, messages):
                return Engine(model_path=path).create_chat_completion(messages=messages)
        """
    user = """\
        from .llama import Llama
        from app.llama.model import LlamaForCausalLM
        from ..llama.generation import generate_text

        generator = Llama.build("x")
        generator.chat_completion([])
        generate_text(LlamaForCausalLM())
        """
    root = tmp_path / "proj"
    write(
        root,
        {
            "app/__init__.py": "",
            "app/llm/__init__.py": "",
            "app/llm/llama.py": wrapper,
            "app/llm/use.py": user,
            "app/llama/__init__.py": "",
            "app/llama/model.py": "class LlamaForCausalLM:\n    pass\n",
            "app/llama/generation.py": "from .model import LlamaForCausalLM\n\n\ndef generate_text(m):\n    return m\n",
        },
    )
    assert sites(root, "app/llm/use.py") == set()
    assert {rule for _, rule, _ in sites(root, "app/llm/llama.py")} == {"SOV100", "SOV101", "SOV103"}
    assert sites(root, "app/llama/generation.py") == set()


def test_a_projects_generator_over_metas_reference_code_is_the_reference_generator(tmp_path):
    """A provider's own ``generation.py`` (``class Llama`` with ``build``) over ``llama_models``' reference code."""
    generation = """\
        from llama_models.llama3.reference_impl.model import Transformer


        class Llama:
            @staticmethod
            def build(config):
                return Llama(Transformer(config.args))

            def __init__(self, model):
                self.model = model
        """
    runner = """\
        from .generation import Llama

        generator = Llama.build(config)
        result = generator.chat_completion(messages, temperature=0.6)
        """
    other = "class Llama:\n    @staticmethod\n    def build(config):\n        return Llama()\n"
    root = tmp_path / "proj"
    write(
        root,
        {
            "provider/__init__.py": "",
            "provider/generation.py": generation,
            "provider/runner.py": runner,
            "plain/__init__.py": "",
            "plain/generation.py": other,  # no reference import: a project's own class named Llama
            "plain/runner.py": runner,
        },
    )
    assert sites(root, "provider/runner.py") == {
        (1, "SOV171", "llama.generation.Llama"),
        (3, "SOV170", "llama.generation.Llama.build"),
        (4, "SOV170", "llama.generation.Llama#chat_completion"),
    }
    assert sites(root, "plain/runner.py") == set()


BASE = """\
from ollama import AsyncClient
from pydantic import BaseModel


class OllamaBase(BaseModel):
    client: AsyncClient


class LocalChat(OllamaBase):
    async def reply(self, prompt):
        return await self.client.chat(model="m", messages=[{"role": "user", "content": prompt}])
"""

# A connector deriving from the project's base class in another module: the client is the base class's field.
CONNECTOR = """\
from base import OllamaBase


class Completion(OllamaBase):
    async def complete(self, prompt):
        return await self.client.generate(model="m", prompt=prompt)


class Unrelated:
    async def complete(self, prompt):
        return await self.client.generate(model="m", prompt=prompt)
"""


def test_a_client_held_by_a_base_class_is_found_in_its_subclasses_here_and_in_other_modules(tmp_path):
    write(tmp_path, {"base.py": BASE, "connector.py": CONNECTOR})
    assert (11, "SOV202", "ollama.AsyncClient#chat") in sites(tmp_path, "base.py")
    assert sites(tmp_path, "connector.py") == {(6, "SOV202", "ollama.AsyncClient#generate")}


# A package that loads its modules' classes lazily (or whose `__init__` is not in the scanned tree).
TOKENIZERS_INIT = """\
import importlib

_MODULES = {"HFTokenizer": ".hf", "SimpleTokenizer": ".simple"}


def __getattr__(name):
    return getattr(importlib.import_module(_MODULES[name], __name__), name)
"""

TOKENIZERS_HF = """\
from transformers import AutoTokenizer


class HFTokenizer:
    def __init__(self, model: str):
        self.tokenizer = AutoTokenizer.from_pretrained(model)
"""

TOKENIZERS_SIMPLE = """\
class SimpleTokenizer:
    def __init__(self):
        self.tokenizer = str.split
"""

DRIVER = """\
from app.tokenizers import HFTokenizer, SimpleTokenizer


class Driver:
    def __init__(self, model):
        self.tokenizer = HFTokenizer(model)
        self.simple = SimpleTokenizer()

    def count(self, text):
        return len(self.tokenizer.tokenizer.encode(text)) + len(self.simple.tokenizer.encode(text))
"""


def test_a_class_a_package_re_exports_is_found_through_the_package(tmp_path):
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/tokenizers/__init__.py": TOKENIZERS_INIT,
            "app/tokenizers/hf.py": TOKENIZERS_HF,
            "app/tokenizers/simple.py": TOKENIZERS_SIMPLE,
            "app/driver.py": DRIVER,
        },
    )
    assert sites(tmp_path, "app/driver.py") == {(10, "SOV602", "transformers.AutoTokenizer#encode")}


class _CountingExports(dict):
    """A module's raw exports that count how often the index reads them."""

    reads = 0

    def items(self):
        type(self).reads += 1
        return super().items()


def test_a_package_whose_modules_re_export_from_one_another_is_resolved_once_per_module():
    # pkg.m0 re-exports x1 from "pkg" (an __init__ that names no vendor), found in pkg.m1, and so on down the chain;
    # the last module loads the model. Every module also asks the package for a name that nobody defines.
    from sovmigrate.scan.project import ProjectIndex

    index, size = ProjectIndex(), 12
    for i in range(size):
        last = i == size - 1
        target = [["inst", "vllm.LLM", "", ""]] if last else [["ref", f"pkg.x{i + 1}"]]
        index.add(f"pkg.m{i}", _CountingExports({f"x{i}": target, f"y{i}": [["ref", "pkg.nowhere"]]}))

    assert index.exports("pkg.m0") == {"x0": [["inst", "vllm.LLM", "", ""]]}
    for i in range(size):
        index.exports(f"pkg.m{i}")
    assert _CountingExports.reads == size  # a walk of the modules, not one per path through them


def test_a_very_long_chain_of_re_exports_is_cut_short_without_a_crash():
    from sovmigrate.scan.project import ProjectIndex

    index, size = ProjectIndex(), 2000
    for i in range(size):
        index.add(f"pkg.m{i}", {f"x{i}": [["ref", f"pkg.x{(i + 1) % size}"]]})
    assert index.exports("pkg.m0") == {}
