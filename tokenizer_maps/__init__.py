"""Tokenizer family maps (data only), installed as ``sovmigrate.tokenizer_maps``."""
