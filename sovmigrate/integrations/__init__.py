"""Framework integrations backed by the neutral adapter: LangChain and LlamaIndex classes over ``connect(...)``.

    from sovmigrate.adapter import connect
    from sovmigrate.integrations.langchain import ChatSovmigrate
    chat = ChatSovmigrate(client=connect(default="llamacpp:models/x.gguf"), temperature=0)

Each framework is an optional extra (``sovmigrate[langchain]``, ``sovmigrate[llama-index]``); importing this
package imports neither. See docs/integrations.md.
"""
