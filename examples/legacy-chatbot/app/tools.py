"""Tools the assistant may call (plain Python, no vendor code)."""

from __future__ import annotations

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "router_status",
            "description": "Current status of a customer's router",
            "parameters": {"type": "object", "properties": {"serial": {"type": "string"}}, "required": ["serial"]},
        },
    },
    {
        "type": "function",
        "function": {
            "name": "open_ticket",
            "description": "Open a support ticket",
            "parameters": {"type": "object", "properties": {"summary": {"type": "string"}}, "required": ["summary"]},
        },
    },
]


def run_tool(name: str, arguments: dict) -> dict:
    if name == "router_status":
        return {"serial": arguments["serial"], "online": True}
    return {"ticket": 4711, "summary": arguments.get("summary", "")}
