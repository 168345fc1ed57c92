"""Fallbacks: Amazon Bedrock (Llama 3.1 70B) and Groq through the OpenAI SDK."""

from __future__ import annotations

import json
import os

import boto3
from openai import OpenAI

from app.prompts import llama3_prompt

BEDROCK_MODEL = "meta.llama3-1-70b-instruct-v1:0"


def bedrock_client():
    return boto3.client("bedrock-runtime", region_name=os.getenv("AWS_REGION", "us-east-1"))


def ask_bedrock(question: str) -> str:
    client = bedrock_client()
    body = json.dumps({"prompt": llama3_prompt(question), "max_gen_len": 512, "temperature": 0.5, "top_p": 0.9})
    response = client.invoke_model(modelId=BEDROCK_MODEL, body=body)
    return json.loads(response["body"].read())["generation"]


groq = OpenAI(base_url="https://api.groq.com/openai/v1", api_key=os.environ["GROQ_API_KEY"])


def ask_groq(question: str) -> str:
    reply = groq.chat.completions.create(
        model="llama-3.3-70b-versatile",
        messages=[{"role": "user", "content": question}],
        max_tokens=512,
    )
    return reply.choices[0].message.content
