"""libcst codemod commands, installed as ``sovmigrate.codemods`` (one command per module)."""
