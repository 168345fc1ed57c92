"""Options and requests built away from the call: every engine-only request field of the catalog is reported
where an extra_body gets it, and a requestor's URL is read from where the project's own helpers take it."""

from __future__ import annotations

import pytest

from sovmigrate.rules.servers import ENGINE_REQUEST_FIELDS
from tests.scan.helpers import scan_paths, scan_source

_EXTRA_BODY = """\
from openai import OpenAI

def chat(messages, value):
    client = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")
    extra_body = {{}}
    extra_body["{field}"] = value
    return client.chat.completions.create(model="m", messages=messages, extra_body=extra_body)
"""


@pytest.mark.parametrize("field", ENGINE_REQUEST_FIELDS)
def test_each_engine_request_field_on_an_extra_body_is_a_site(tmp_path, field):
    findings = scan_source(tmp_path, _EXTRA_BODY.format(field=field)).findings
    assert [(f.line, f.rule) for f in findings if f.line == 6] == [(6, "SOV183")]


def test_the_same_fields_sent_to_a_hosted_openai_client_are_not_sites(tmp_path):
    source = "from openai import OpenAI\n\ndef chat(messages):\n    params = {}\n" + "".join(
        f'    params["{field}"] = 1\n' for field in ENGINE_REQUEST_FIELDS
    )
    source += '    return OpenAI().chat.completions.create(model="gpt-4o", messages=messages, **params)\n'
    # Only the closed model id is a site there (SOV541, convention 2), none of the engine-only fields.
    assert [f.rule for f in scan_source(tmp_path, source).findings] == ["SOV541"]


@pytest.mark.parametrize(
    "call",
    [
        'await self.client.arequest(method="post", url=URL, params=body)',
        'await self.client.arequest("post", URL, params=body)',
        "await apost(URL, json_data=body)",
        "fetch(URL, timeout=5)",
        "await self._post_json(endpoint=URL, payload=body)",
    ],
)
def test_a_requestor_of_the_project_sends_to_an_inference_route(tmp_path, call):
    source = f'URL = "http://gpu-box:11434/api/chat"\n\nasync def run(self, body):\n    return {call}\n'
    findings = scan_source(tmp_path, source).findings
    assert [(f.line, f.rule) for f in findings if f.line > 1] == [(4, "SOV232")]


@pytest.mark.parametrize(
    "call", ["self.render(URL)", "cache.get_url(URL)", "page.fetch_all(URL)", "ollama.pull(URL)"]
)
def test_callees_not_named_like_a_request_are_not_requests(tmp_path, call):
    source = f'import ollama\n\nURL = "http://gpu-box:11434/api/chat"\n\ndef run(self, cache, page):\n    return {call}\n'
    assert [f for f in scan_source(tmp_path, source).findings if f.rule == "SOV232"] == []


_ROUTELESS = """\
import requests

def post_http_request(api_url, payload):
    return requests.post(api_url, json=payload, stream=True)
"""


@pytest.mark.parametrize(
    ("name", "engine"),
    [("llms/vllm/utils.py", "vllm"), ("provider/ollama_api.py", "ollama"), ("sglang_client.py", "sglang")],
)
def test_a_routeless_request_in_a_module_named_after_an_engine_is_a_site(tmp_path, name, engine):
    """The module's name binds it to the engine, as a class's would: its URL is that engine's address."""
    scan_source(tmp_path, _ROUTELESS + f"# the {engine} server\n", name=name)
    findings = scan_paths(tmp_path).findings  # the project: its modules have their dotted names
    assert [(f.line, f.rule, f.api, f.details.get("engine")) for f in findings] == [
        (4, "SOV237", "{}", engine)
    ]


@pytest.mark.parametrize("name", ["llms/http_utils.py", "tasks/text_generation.py", "contrib/attgi.py"])
def test_the_same_request_in_a_module_named_after_no_engine_is_not(tmp_path, name):
    scan_source(tmp_path, _ROUTELESS + "# mentions vllm, ollama and tgi in a comment only\n", name=name)
    assert not scan_paths(tmp_path).findings


@pytest.mark.parametrize(("name", "expected"), [("jobs/vllm_batch.py", ["SOV238"]), ("jobs/batch.py", [])])
def test_an_address_in_a_module_named_after_an_engine_is_a_site(tmp_path, name, expected):
    source = (
        'import os\n\nIP = os.environ["IP"]\nopenai_api_base = f"http://{IP}:8000/v1"  # the vllm server\n'
    )
    scan_source(tmp_path, source, name=name)
    assert [f.rule for f in scan_paths(tmp_path).findings if f.line == 4] == expected


_PROVIDER = """\
from openai import {name}

from .base import Provider


class Provider(Provider):
    def __init__(self, base_url):
        self._client = self._create_openai_client(base_url=base_url)
"""


@pytest.mark.parametrize(
    ("module", "name", "expected"),
    [
        ("providers/ollama.py", "AsyncOpenAI", ["SOV212"]),
        ("providers/acme.py", "AsyncOpenAI", []),
        ("providers/sglang.py", "APIStatusError", []),
    ],
)
def test_the_openai_client_imported_by_a_module_named_after_an_engine_is_a_site(
    tmp_path, module, name, expected
):
    """The client is built out of sight (a base class's helper); the module's name says which server it is for."""
    scan_source(tmp_path, _PROVIDER.format(name=name), name=module)
    assert [f.rule for f in scan_paths(tmp_path).findings if f.line == 1] == expected
