"""The vLLM and transformers codemods on real code no one here wrote: the framework wrappers in the
registry packages the scanner tests use (.fixtures/scan, from .ci/scan_fixtures.py).

Every site there is left for manual work, and each reason was checked against the code: the wrappers build
engines and models from ``**kwargs`` (langchain-community's huggingface_pipeline.py, self_hosted_hugging_face.py),
store them where nothing can follow them (``values["client"] = VLLM(...)`` in llms/vllm.py), pick the pipeline
task at run time, stream through TextIteratorStreamer threads, or call ``generate`` on an attribute the analysis
cannot pin to one engine (llama-index-llms-vllm). The rewrite must change no file, report every site, and a
second (real, writing) run must be a no-op.
"""

from __future__ import annotations

import shutil
from collections import Counter

import pytest
from sovmigrate.codemods.transformers import TransformersCodemod
from sovmigrate.codemods.vllm import VllmCodemod

import sovmigrate
from tests.conftest import CACHE, require_fixture

pytestmark = pytest.mark.fixtures
ROOT = CACHE / "scan"
PACKAGES = ("langchain-community", "llama-index-llms-vllm")
CODEMODS = (VllmCodemod, TransformersCodemod)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus files that import vLLM or transformers, copied so a writing run cannot touch the cache."""
    require_fixture(ROOT / "llama-index-llms-vllm" / ".complete", "python .ci/scan_fixtures.py")
    target = tmp_path_factory.mktemp("real")
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8", errors="replace")
            if "vllm" in text or "transformers" in text:
                copy = target / path.relative_to(ROOT)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, copy)
    return target


@pytest.fixture(scope="module")
def written(corpus):
    """A writing run with --unsafe over the corpus, and the files as they were before it."""
    before = {p: p.read_bytes() for p in corpus.rglob("*.py")}
    return before, sovmigrate.rewrite([corpus], codemods=CODEMODS, unsafe=True, root=corpus)


def test_every_site_is_reported_manual_and_nothing_changes(corpus, written):
    before, result = written
    assert [f.path for f in result.files if f.status != "unchanged"] == []
    assert {p: p.read_bytes() for p in corpus.rglob("*.py")} == before
    counts = Counter((o.rule, o.safety.value, o.applied) for o in result.outcomes)
    assert counts == {
        ("SOV120", "manual", False): 4,
        ("SOV121", "manual", False): 2,
        ("SOV122", "manual", False): 3,  # llms/vllm.py: self.client.generate(...) on the validator-set client
        ("SOV123", "manual", False): 2,
        ("SOV140", "manual", False): 20,
        ("SOV141", "manual", False): 3,
        # self.pipeline(batch_prompts, ...) on the pipeline from_model_id passes to cls(pipeline=...)
        # (huggingface_pipeline.py, weight_only_quantization.py): built from **kwargs, as the SOV141 sites
        ("SOV142", "manual", False): 2,
        ("SOV143", "manual", False): 4,
        ("SOV145", "manual", False): 2,
    }
    second = sovmigrate.rewrite([corpus], codemods=CODEMODS, unsafe=True, root=corpus)
    assert [f.path for f in second.files if f.status != "unchanged"] == []


def test_the_reasons_name_what_stops_each_rewrite(written):
    reasons = {(o.path.rsplit("/", 1)[-1], o.line, o.rule): o.reason for o in written[1].outcomes}
    # values["client"] = VLLModel(model=values["model"], ...): stored where nothing can follow it
    assert "stored in a subscript" in reasons[("vllm.py", 89, "SOV121")]
    # SamplingParams(**{k: v ... if k in known_keys}) goes to self.client.generate, out of sight
    assert "not passed to an engine call" in reasons[("vllm.py", 135, "SOV123")]
    # AutoModelForCausalLM.from_pretrained(model_id, **_model_kwargs)
    assert "with **" in reasons[("huggingface_pipeline.py", 132, "SOV143")]
    # hf_pipeline(task=task, model=model, ...)
    assert "not the literal" in reasons[("huggingface_pipeline.py", 229, "SOV141")]
    # TextIteratorStreamer(self.pipeline.tokenizer, ...) with a generation thread
    assert "TextIteratorStreamer" in reasons[("huggingface_pipeline.py", 356, "SOV145")]
    # llama-index: self._client.generate([prompt], sampling_params) where _client may be the engine or None
    assert "not resolved to this engine" in reasons[("base.py", 223, "SOV121")]
