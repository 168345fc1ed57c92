"""SOV3xx: hosted inference SDKs and services that serve Llama (Bedrock, Together, Groq, Fireworks...)."""

from __future__ import annotations

import re

from sovmigrate.rules.model import Calls, Kind, Level, Literal, Rule, RuleDocs
from sovmigrate.rules.servers import OPENAI_CALLS, OPENAI_CLIENTS

_WHY_HOSTED = (
    "A hosted vendor's SDK or endpoint ties the code to one provider's API, model names, pricing and "
    "deprecation schedule. Behind the adapter the provider is configuration; the same code can run "
    "on a self-hosted open-weight model."
)
_NO_FIX = "No automatic fix yet: request and response shapes differ per vendor."


def _vendor_sdk(code: str, vendor: str, module: str, clients: tuple[str, ...], calls: tuple[str, ...],
                pretty: str, example: str) -> tuple[Rule, Rule]:
    client = Rule(
        code=code,
        name=f"{vendor}-client",
        kind=Kind.CLIENT,
        vendor=vendor,
        message=f"`{{api}}` creates a {pretty} client",
        matchers=(Calls(clients),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what=f"Checks for {pretty} client objects from `{module}`.",
            why=_WHY_HOSTED,
            example=example,
            use_instead='model = connect("openai:<model>", base_url="<provider OpenAI-compatible URL>")',
            fix_safety=_NO_FIX,
        ),
    )
    inference = Rule(
        code=f"SOV{int(code[3:]) + 1}",
        name=f"{vendor}-inference",
        kind=Kind.INFERENCE,
        vendor=vendor,
        message=f"`{{api}}` runs inference on {pretty}",
        matchers=(Calls(calls),),
        effort_driver="call_site",
        docs=RuleDocs(
            what=f"Checks for completion, chat and embedding calls on {pretty} clients.",
            why=_WHY_HOSTED,
            example=example,
            use_instead="reply = model.chat(messages, max_tokens=256)",
            fix_safety=_NO_FIX,
        ),
    )
    return client, inference


RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV300",
        name="bedrock-runtime-client",
        kind=Kind.CLIENT,
        vendor="bedrock",
        message="`{api}` creates an Amazon Bedrock runtime client",
        matchers=(Calls(("boto3.client:bedrock-runtime", "boto3.*Session#client:bedrock-runtime", "aioboto3.*#client:bedrock-runtime")),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what='Checks for `boto3.client("bedrock-runtime")` and `Session(...).client("bedrock-runtime")`.',
            why=_WHY_HOSTED,
            example='client = boto3.client("bedrock-runtime", region_name="us-east-1")',
            use_instead='model = connect("openai:<model>", base_url="https://bedrock-runtime.<region>.amazonaws.com/openai/v1")',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV301",
        name="bedrock-invoke-model",
        kind=Kind.INFERENCE,
        vendor="bedrock",
        message="`{api}` sends a native model body to Amazon Bedrock",
        matchers=(Calls(("boto3.client:bedrock-runtime#invoke_model", "boto3.client:bedrock-runtime#invoke_model_with_response_stream", "boto3.*Session#client:bedrock-runtime#invoke_model*"),
                         distinctive=("invoke_model", "invoke_model_with_response_stream")),),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `invoke_model` and `invoke_model_with_response_stream` on a Bedrock runtime client.",
            why="InvokeModel takes a model-family-specific JSON body: for Llama, `prompt` must already hold "
            "the Llama chat template and only `max_gen_len`, `temperature` and `top_p` exist. Both the "
            "template and the body change with the model.",
            example='resp = client.invoke_model(modelId="meta.llama3-8b-instruct-v1:0", body=json.dumps({"prompt": p, "max_gen_len": 512}))\n'
            'text = json.loads(resp["body"].read())["generation"]',
            use_instead="text = model.complete(p, max_tokens=512).text",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV302",
        name="bedrock-converse",
        kind=Kind.INFERENCE,
        vendor="bedrock",
        message="`{api}` calls Amazon Bedrock's Converse API",
        matchers=(Calls(("boto3.client:bedrock-runtime#converse", "boto3.client:bedrock-runtime#converse_stream", "boto3.*Session#client:bedrock-runtime#converse*"),
                         distinctive=("converse", "converse_stream")),),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `converse` and `converse_stream` on a Bedrock runtime client.",
            why=_WHY_HOSTED + " Converse is model-agnostic inside Bedrock but not outside it.",
            example='resp = client.converse(modelId=mid, messages=[{"role": "user", "content": [{"text": p}]}])',
            use_instead="reply = model.chat([{'role': 'user', 'content': p}])",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV310",
        name="openai-client-hosted-llama",
        kind=Kind.CLIENT,
        vendor="openai-compatible",
        message="`{api}` points an OpenAI-compatible client at a hosted Llama provider",
        matchers=(Calls(OPENAI_CLIENTS, hosts=("hosted",)),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for OpenAI SDK, `ChatOpenAI` and `OpenAILike` clients whose base URL or API-key "
            "variable names Together, Groq, Fireworks, DeepInfra, OpenRouter, Meta's Llama API, the "
            "Hugging Face router, Cerebras, SambaNova, NVIDIA NIM or Bedrock's OpenAI endpoint.",
            why=_WHY_HOSTED,
            example='client = OpenAI(base_url="https://api.groq.com/openai/v1", api_key=os.environ["GROQ_API_KEY"])',
            use_instead='model = connect("openai:llama-3.3-70b-versatile", base_url="https://api.groq.com/openai/v1")',
            fix_safety="No automatic fix yet; the port is mechanical for chat and completion calls.",
        ),
    ),
    Rule(
        code="SOV311",
        name="openai-hosted-llama-inference",
        kind=Kind.INFERENCE,
        vendor="openai-compatible",
        message="`{api}` runs inference on a hosted Llama provider through an OpenAI-compatible client",
        matchers=(Calls(OPENAI_CALLS, hosts=("hosted",)),),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `client.chat.completions.create(...)` and friends on a client that SOV310 found.",
            why=_WHY_HOSTED,
            example='r = client.chat.completions.create(model="llama-3.3-70b-versatile", messages=msgs)',
            use_instead="r = model.chat(msgs)",
        ),
    ),
    *_vendor_sdk("SOV320", "together", "together", ("together.Together", "together.AsyncTogether", "together.Client"),
                 ("together.*#chat.completions.create", "together.*#completions.create", "together.*#embeddings.create", "together.Complete.create"),
                 "Together AI", 'client = Together()\nr = client.chat.completions.create(model="meta-llama/Llama-3.3-70B-Instruct-Turbo", messages=msgs)'),
    *_vendor_sdk("SOV330", "groq", "groq", ("groq.Groq", "groq.AsyncGroq"),
                 ("groq.*#chat.completions.create", "groq.*#completions.create", "groq.*#embeddings.create", "groq.*#audio.*"),
                 "Groq", 'client = Groq()\nr = client.chat.completions.create(model="llama-3.1-8b-instant", messages=msgs)'),
    *_vendor_sdk("SOV340", "fireworks", "fireworks", ("fireworks.Fireworks", "fireworks.AsyncFireworks", "fireworks.client.*", "fireworks.LLM"),
                 ("fireworks.*#chat.completions.create", "fireworks.*#completions.create", "fireworks.client.ChatCompletion.create", "fireworks.client.Completion.create"),
                 "Fireworks AI", 'client = Fireworks()\nr = client.chat.completions.create(model="accounts/fireworks/models/llama-v3p1-8b-instruct", messages=msgs)'),
    *_vendor_sdk("SOV350", "replicate", "replicate", ("replicate.Client",),
                 ("replicate.run", "replicate.async_run", "replicate.stream", "replicate.async_stream", "replicate.predictions.create",
                  "replicate.Client#run", "replicate.Client#stream", "replicate.Client#predictions.create"),
                 "Replicate", 'output = replicate.run("meta/meta-llama-3-70b-instruct", input={"prompt": p})\ntext = "".join(output)'),
    *_vendor_sdk("SOV360", "meta-llama-api", "llama_api_client", ("llama_api_client.LlamaAPIClient", "llama_api_client.AsyncLlamaAPIClient"),
                 ("llama_api_client.*#chat.completions.create", "llama_api_client.*#moderations.create"),
                 "Meta's Llama API", 'client = LlamaAPIClient()\nr = client.chat.completions.create(model="Llama-4-Maverick-17B-128E-Instruct-FP8", messages=msgs)\n'
                 'text = r.completion_message.content.text'),
    *_vendor_sdk("SOV370", "llama-stack", "llama_stack_client", ("llama_stack_client.LlamaStackClient", "llama_stack_client.AsyncLlamaStackClient"),
                 ("llama_stack_client.*#inference.*", "llama_stack_client.*#chat.completions.create", "llama_stack_client.*#completions.create",
                  "llama_stack_client.*#responses.create", "llama_stack_client.*#agents.*"),
                 "Llama Stack", 'client = LlamaStackClient(base_url="http://localhost:8321")\n'
                 'r = client.inference.chat_completion(model_id=mid, messages=msgs)'),
    Rule(
        code="SOV380",
        name="hosted-llama-url",
        kind=Kind.CONFIG,
        vendor="hosted",
        message="URL `{api}` names a hosted Llama provider",
        matchers=(
            Literal(re.compile(
                r"^https?://(api\.together\.(xyz|ai)|api\.groq\.com|api\.fireworks\.ai|api\.deepinfra\.com|openrouter\.ai"
                r"|api\.llama\.com|llama-api\.meta\.com|router\.huggingface\.co|api-inference\.huggingface\.co"
                r"|api\.cerebras\.ai|api\.sambanova\.ai|integrate\.api\.nvidia\.com|api\.endpoints\.anyscale\.com"
                r"|api\.replicate\.com|bedrock-runtime\.[\w-]+\.amazonaws\.com)(/|$)"
            ), in_fstrings=True, triggers=(
                "together.xyz", "together.ai", "groq.com", "fireworks.ai", "deepinfra.com", "openrouter.ai", "llama",
                "huggingface.co", "cerebras.ai", "sambanova.ai", "nvidia.com", "anyscale.com", "replicate.com", "bedrock",
            )),
        ),
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks for string literals with the API URL of a hosted Llama provider that are not already "
            "reported as a client's base URL (for example in `requests.post`).",
            why=_WHY_HOSTED,
            example='requests.post("https://api.together.xyz/v1/chat/completions", json=body, headers=h)',
            use_instead="connect() with the provider URL in configuration",
        ),
    ),
    Rule(
        code="SOV390",
        name="model-router-sdk",
        kind=Kind.INFERENCE,
        vendor="multi-provider",
        message="`{api}` routes a call through a provider-prefixed model string",
        matchers=(
            Calls(("litellm.completion", "litellm.acompletion", "litellm.text_completion", "litellm.embedding",
                   "mistralai.client.Mistral", "mistralai.Mistral", "mistralai.client.MistralClient", "mistralai.*#chat.complete*",
                   "mistralai.*#chat.stream*", "google.genai.Client", "google.genai.Client#models.generate_content*",
                   "google.genai.Client#aio.models.generate_content*")),
        ),
        level=Level.NOTE,
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for LiteLLM, Mistral's and Google's GenAI SDK calls.",
            why="These SDKs are a second vendor layer: the provider and model live in one string or one "
            "client. They are common migration targets too, which is why this rule is a note.",
            example='litellm.completion(model="groq/llama3-70b-8192", messages=msgs)',
            use_instead='connect("openai:llama3-70b-8192", base_url=...)',
        ),
    ),
)
