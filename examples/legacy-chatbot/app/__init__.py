"""Support chatbot (legacy, Llama-locked)."""
