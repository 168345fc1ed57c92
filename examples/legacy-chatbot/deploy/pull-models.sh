#!/bin/sh
set -e
ollama pull llama3.1:8b
ollama pull llama3
