"""A client codemod whose rewritten calls' answers go through a view of :mod:`sovmigrate.adapter.views`.

    r = client.chat.completions.create(model="M", messages=m)      # Meta's LlamaAPIClient
    →  r = views.llama_api_chat(client.chat(messages=m))           # r.completion_message.content.text still reads

The view gives the answer the SDK's own shape, so the fix is safe where the program reads only fields the view
gives, down to a value (:mod:`sovmigrate.codemods._view_reads`), and unsafe otherwise, with the use quoted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

import libcst as cst
from sovmigrate.codemods._openai_compat_calls import CallPlan
from sovmigrate.codemods._openai_compat_client import ClientCodemod, _Member
from sovmigrate.codemods._view_reads import beyond_view, view_fields

__all__ = ["ViewedClientCodemod"]

VIEW_REASON = (
    "the answer is used beyond the fields `views.{view}` gives (`{use}`): it is the adapter's record in the "
    "SDK's shape, not the SDK's pydantic object"
)


class ViewedClientCodemod(ClientCodemod):
    """A client codemod whose calls' answers go through a view of :mod:`sovmigrate.adapter.views`, which gives
    them the SDK's own shape: safe where the program reads only fields the view gives, down to a value."""

    #: call chain -> the view of its answer (``<view>_stream`` for a stream)
    VIEWS: ClassVar[Mapping[str, str]] = {}

    def view(self, member: _Member) -> str:
        view = self.VIEWS.get(member.site.api.partition("#")[2], "")
        return f"{view}_stream" if view and isinstance(member.plan, CallPlan) and member.plan.stream else view

    def result_problem(self, member: _Member) -> str:
        view = self.view(member)
        if not view:
            return super().result_problem(member)
        assert isinstance(member.plan, CallPlan) and member.target is not None
        use = beyond_view(self.analysis, member.target, view_fields(view), member.plan.stream)
        return VIEW_REASON.format(view=view, use=use) if use else ""

    def member_edit(self, member: _Member) -> Callable[[cst.BaseExpression], cst.BaseExpression]:
        edit, view = super().member_edit(member), self.view(member)
        if not view:
            return edit

        def build(updated: cst.BaseExpression) -> cst.BaseExpression:
            views = self.import_name("sovmigrate.adapter", "views")
            return cst.Call(cst.Attribute(cst.Name(views), cst.Name(view)), [cst.Arg(edit(updated))])

        return build
