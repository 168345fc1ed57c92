"""Bedrock with Meta Llama, written the way the AWS examples are: Converse, InvokeModel with the native Llama
body, and both streaming operations. The endpoint comes from the environment (a stand-in in the tests)."""

import json
import os

import boto3

MODEL_ID = "meta.llama3-8b-instruct-v1:0"
client = boto3.client(
    "bedrock-runtime", region_name="us-east-1", endpoint_url=os.environ.get("BEDROCK_ENDPOINT_URL")
)


def ask(question):
    response = client.converse(
        modelId=MODEL_ID,
        messages=[{"role": "user", "content": [{"text": question}]}],
        system=[{"text": "You are terse."}],
        inferenceConfig={"maxTokens": 64, "temperature": 0.5, "topP": 0.9},
    )
    print("stop:", response["stopReason"], response["usage"]["outputTokens"])
    return response["output"]["message"]["content"][0]["text"]


def generate(prompt):
    # Embed the prompt in Llama 3's instruction format.
    formatted_prompt = f"<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n{prompt}<|eot_id|>"
    native_request = {"prompt": formatted_prompt, "max_gen_len": 64, "temperature": 0.5}
    request = json.dumps(native_request)
    response = client.invoke_model(modelId=MODEL_ID, body=request)
    model_response = json.loads(response["body"].read())
    return model_response["generation"], model_response["stop_reason"]


def stream_answer(question):
    conversation = [{"role": "user", "content": [{"text": question}]}]
    streaming = client.converse_stream(
        modelId=MODEL_ID, messages=conversation, inferenceConfig={"maxTokens": 8}
    )
    for event in streaming["stream"]:
        if "contentBlockDelta" in event:
            print("delta:", event["contentBlockDelta"]["delta"]["text"])
        if "messageStop" in event:
            print("stop:", event["messageStop"]["stopReason"])


def stream_generate(prompt):
    response = client.invoke_model_with_response_stream(
        modelId=MODEL_ID, body=json.dumps({"prompt": prompt, "max_gen_len": 2})
    )
    for event in response["body"]:
        chunk = json.loads(event["chunk"]["bytes"])
        print("chunk:", repr(chunk["generation"]), chunk["stop_reason"])


if __name__ == "__main__":
    print("answer:", ask("Say hello"))
    print("generation:", generate("The quick brown fox"))
    stream_answer("Say hello")
    stream_generate("The quick brown fox")
