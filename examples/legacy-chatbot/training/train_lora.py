"""LoRA fine-tune of Llama 2 7B chat on the pre-tokenized support set."""

from __future__ import annotations

from datasets import load_dataset
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

BASE_MODEL = "meta-llama/Llama-2-7b-chat-hf"

model = AutoModelForCausalLM.from_pretrained(BASE_MODEL)
model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM"))
train = load_dataset("json", data_files="data/train.tokens.jsonl")["train"]

Trainer(model=model, args=TrainingArguments("out/acme-support-lora", num_train_epochs=2), train_dataset=train).train()
model.save_pretrained("out/acme-support-lora")
