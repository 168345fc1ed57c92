"""Prompt formats, written by hand for the models we used in 2023 and 2024."""

B_INST, E_INST = "[INST]", "[/INST]"
B_SYS, E_SYS = "<<SYS>>\n", "\n<</SYS>>\n\n"

SYSTEM = "You are a helpful support agent for ACME routers. Answer briefly."


def llama2_prompt(question: str, system: str = SYSTEM) -> str:
    return f"<s>{B_INST} {B_SYS}{system}{E_SYS}{question} {E_INST}"


def llama3_prompt(question: str, system: str = SYSTEM) -> str:
    return (
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
        f"{system}<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n"
        f"{question}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
    )
