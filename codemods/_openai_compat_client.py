"""Rewrite an SDK client and the calls made on it to one connection of the adapter's ``openai`` backend.

The client and every call made on it are rewritten together (the object changes type) or not at all. The
base URL, API key and model move into the connection as the original expressions; ``param_defaults="engine"``
makes the adapter send only the parameters a call sends, as the SDKs do, so the server's own defaults still
apply; an SDK timeout that differs from the adapter's is written out. Results are the adapter's OpenAI-shaped
records, which read like the SDKs' objects by attribute (``r.choices[0].message.content``,
``chunk.choices[0].delta.content``); a result used as a whole (printed, returned, passed on) makes the fix
unsafe.

Each SDK is a :class:`Client` profile; :class:`ClientCodemod` subclasses name theirs in ``CLIENTS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

import libcst as cst
from sovmigrate.codemods._base import SovmigrateCodemod
from sovmigrate.codemods._calls import CallEdit
from sovmigrate.codemods._exprs import code, keyword, literal
from sovmigrate.codemods._openai_compat_calls import (
    CHAT,
    COMPLETE,
    EMBED,
    CallPlan,
    CallShape,
    build_call,
    plan_call,
)
from sovmigrate.codemods._openai_compat_exprs import concat, env_name, method, short, spec, string
from sovmigrate.codemods._openai_compat_flow import catches_errors, movable, result_use

from sovmigrate.rules.model import FixSafety
from sovmigrate.scan.analysis import CallSite

__all__ = ["Client", "ClientCodemod"]

# What a result is read through without noticing it is the adapter's record rather than the SDK's object.
RESULT_FIELDS = frozenset(
    {
        "choices", "usage", "id", "model", "created", "object", "system_fingerprint", "data",
        "model_dump", "model_dump_json", "get", "keys", "items",
    }
)  # fmt: skip
RESULT_REASON = (
    "the result is used as a whole (`{use}`): it is now the adapter's record, a dict that reads like the "
    "SDK's object by attribute, not the SDK's pydantic model"
)
ERRORS_REASON = (
    "a `try` around the call catches the SDK's exceptions; the adapter raises its own (AdapterError)"
)
CONFIGURED = (
    'the server is configured by assignment (`openai.api_base = ...`, `os.environ["OPENAI_API_BASE"] = ...`) '
    "for a module-level or framework client; give the adapter's connection that address instead"
)
FRAMEWORK = (
    "a LangChain/LlamaIndex wrapper around the OpenAI SDK that no codemod of this run rewrites; put the "
    "adapter-backed class of `sovmigrate.integrations` in its place (docs/integrations.md)"
)
CLAIMED = "its client is rewritten by another codemod of this run; check this call against the new object"
ENGINE_DEFAULTS = '"engine"'  # the adapter sends only the parameters a call gives, as the SDKs do
ADAPTER_TIMEOUT = 60.0  # the openai backend's default read timeout


@dataclass(frozen=True)
class Client:
    """How one SDK's client maps onto an adapter connection to the ``openai`` backend.

    The SDK sends requests to ``<base URL><path>/chat/completions``; the base URL is the constructor's
    ``base_url=``, else ``$<base_env>``, else ``default_base``. The connection's ``base_url`` is that plus
    ``path``, and its ``api_key`` the constructor's or ``$<key_env>``.
    """

    vendor: str
    source: str  # where the defaults below were read: "together 3.1.1 src/together/_client.py"
    base_env: str
    default_base: str
    key_env: str | None  # None: the adapter reads the same variable (OPENAI_API_KEY)
    timeout: float | None  # the SDK's default read timeout (None: none)
    path: str = ""
    is_async: bool = False
    calls: Mapping[str, CallShape] = field(
        default_factory=lambda: {
            "chat.completions.create": CHAT,
            "completions.create": COMPLETE,
            "embeddings.create": EMBED,
        }
    )
    options: Mapping[str, str] = field(
        default_factory=lambda: {
            "api_key": "api_key",
            "timeout": "timeout",
            "max_retries": "max_retries",
            "default_headers": "headers",
        }
    )


@dataclass
class _Member:
    site: CallSite
    rule: str | None
    plan: CallPlan | str
    target: cst.CSTNode | None = None
    keep_await: bool = True


class ClientCodemod(SovmigrateCodemod):
    """Rewrite an SDK client and the calls made on it to one adapter connection, together or not at all."""

    CLIENT_RULES: ClassVar[tuple[str, ...]] = ()
    #: constructor API key -> profile
    CLIENTS: ClassVar[Mapping[str, Client]] = {}
    #: module whose imports go when nothing uses them
    VENDOR_MODULE: ClassVar[str] = ""
    EXTRA = "openai"

    def plan(self) -> None:
        pairs = list(self.call_sites())
        rules: dict[int, list[str]] = {}
        for site, rule in pairs:
            rules.setdefault(id(site.node), []).append(rule)
        done: set[tuple[int, str | None]] = set()
        applied = False
        for site, rule in pairs:
            if rule in self.CLIENT_RULES:
                done.add((id(site.node), rule))
                applied = self._client(site, rule, rules, done) or applied
        for site, rule in pairs:
            if (id(site.node), rule) not in done:
                self.manual(site.node, rule, self.call_problem(site) or self.orphan_reason(site))
        seen = {id(site.node) for site, _ in pairs}
        for finding in self.findings():
            if id(finding.node) not in seen:
                self.manual(finding.node, finding.rule.code, CONFIGURED)
        if applied and self.VENDOR_MODULE:
            for binding in self.analysis.imports_of(self.VENDOR_MODULE):
                self.remove_import_if_unused(binding)

    def call_problem(self, site: CallSite) -> str:
        """A vendor's own reason to leave a call on its client as it is ("" when there is none)."""
        return ""

    def orphan_reason(self, site: CallSite) -> str:
        """Why a call whose client is not built here stays manual."""
        return "the client is not built in this module; rewrite it together with its client"

    # ------------------------------------------------------------------ one client and its calls

    def _client(
        self, site: CallSite, rule: str, rules: dict[int, list[str]], done: set[tuple[int, str | None]]
    ) -> bool:
        refs = self.analysis.references(site.node)
        if self.claimed_elsewhere(site):  # a framework wrapper its framework's codemod rewrites
            self.defer(site.node, rule)
            self._leave_to_other_codemod(refs.calls, rules, done)
            return False
        profile = self.profile(site)
        blocked = [
            (node, f"`{short(node)}` uses the client outside the calls the adapter has ({why})")
            for node, why in refs.escapes
        ]
        members = [self._member(call, profile, rules) for call in refs.calls]
        done.update((id(m.site.node), m.rule) for m in members)
        blocked += [(m.site.node, m.plan) for m in members if isinstance(m.plan, str)]
        problem = self._constructor_problem(site, profile)
        if problem:
            blocked.insert(0, (site.node, problem))
        plans = [m for m in members if isinstance(m.plan, CallPlan) and m.plan.kind]
        model, why = self._model(site, plans)
        if why and not blocked:
            blocked.append((site.node, why))
        if blocked:
            self._manual_group(site, rule, members, blocked)
            return False
        return self._fix_group(site, rule, profile, model, members)

    def _leave_to_other_codemod(
        self, calls: tuple[CallSite, ...], rules: dict[int, list[str]], done: set[tuple[int, str | None]]
    ) -> None:
        """No outcome for a client another codemod rewrites; calls on it that codemod does not handle stay manual."""
        for call in calls:
            for rule in rules.get(id(call.node), []):
                done.add((id(call.node), rule))
                if self.claimed_elsewhere(call):
                    self.defer(call.node, rule)
                else:
                    self.manual(call.node, rule, CLAIMED)

    def _member(self, call: CallSite, profile: Client | None, rules: dict[int, list[str]]) -> _Member:
        rule = next((r for r in rules.get(id(call.node), ()) if r not in self.CLIENT_RULES), None)
        chain = call.api.partition("#")[2]
        if profile is None:
            return _Member(call, rule, "")
        problem = self.call_problem(call)
        if problem:
            return _Member(call, rule, problem)
        if chain == "close" and not profile.is_async:
            return _Member(call, rule, CallPlan(CallShape(""), None, False))  # ChatModel.close() too
        shape = profile.calls.get(chain)
        if shape is None or rule is None:
            return _Member(call, rule, f"`{short(call.node)}` has no adapter equivalent")
        plan = self.plan_member(call, shape, profile)
        if isinstance(plan, str):
            return _Member(call, rule, plan)
        member = _Member(call, rule, plan, call.node)
        if profile.is_async:
            awaited = self.analysis.parent(call.node)
            if plan.stream:
                if not isinstance(awaited, cst.Await):
                    return _Member(call, rule, "a stream that is not awaited where it is made")
                member.target, member.keep_await = awaited, False
            elif isinstance(awaited, cst.Await):
                member.target = awaited
        self._notes(member)
        return member

    def profile(self, site: CallSite) -> Client | None:
        """The SDK profile of a client construction (vendor codemods may refine it by the calls made on it)."""
        return self.CLIENTS.get(site.api)

    def plan_member(self, call: CallSite, shape: CallShape, profile: Client) -> CallPlan | str:
        """The plan for one inference call (vendor codemods refine it)."""
        return plan_call(call, shape, profile.is_async)

    def _notes(self, member: _Member) -> None:
        plan = member.plan
        assert isinstance(plan, CallPlan)
        problem = self.result_problem(member)
        if problem:
            plan.unsafe.append(problem)
        if catches_errors(self.analysis, member.site.node):
            plan.unsafe.append(ERRORS_REASON)

    def result_problem(self, member: _Member) -> str:
        """Why the way a call's result is used makes the fix unsafe ("" when it is read through fields only)."""
        plan = member.plan
        assert isinstance(plan, CallPlan)
        use = "" if plan.shape.text else result_use(self.analysis, member.target, RESULT_FIELDS, plan.stream)
        return RESULT_REASON.format(use=use) if use else ""

    def _constructor_problem(self, site: CallSite, profile: Client | None) -> str:
        if profile is None:
            if site.api.startswith(("langchain", "llama_index")):
                return FRAMEWORK
            return (
                self.constructor_problem(site, profile) or f"`{short(site.node)}` has no adapter equivalent"
            )
        if site.subclass is not None:
            return "the client is built through a subclass; port the subclass by hand"
        parent = self.analysis.parent(site.node)
        if isinstance(parent, cst.WithItem):
            with_node = self.analysis.parent(parent)
            if isinstance(with_node, cst.With) and with_node.asynchronous is not None:
                return "`async with` needs an async context manager; the adapter's connection is a sync one"
        elif not isinstance(parent, (cst.Assign, cst.AnnAssign)):
            return "the client is not kept in a variable the rewrite can follow"
        if site.has_star_arguments or any(a.keyword is None for a in site.arguments):
            return "client arguments passed by position or through *args/**kwargs"
        for argument in site.arguments:
            if argument.keyword not in profile.options and argument.keyword not in self.base_keywords(
                profile
            ):
                return f"`{argument.keyword}=` has no adapter equivalent"
        return self.constructor_problem(site, profile)

    def constructor_problem(self, site: CallSite, profile: Client | None) -> str:
        """A vendor's own reason to leave the client as it is ("" when there is none)."""
        return ""

    def default_model(self, origin: CallSite) -> cst.BaseExpression | None:
        """The model a call that names none uses (vendor codemods: the client's own)."""
        return None

    def base_keywords(self, profile: Client) -> tuple[str, ...]:
        return ("base_url",)

    def _model(self, origin: CallSite, plans: list[_Member]) -> tuple[cst.BaseExpression | None, str]:
        fallback = self.default_model(origin)
        models = {m.plan.model or fallback for m in plans}
        if not plans:
            return None, "no inference call on the client names the model"
        if None in models:
            return None, "a call names no model"
        if len({code(model) for model in models}) > 1:
            return None, "the client is used with several models; an adapter connection has one"
        model = models.pop()
        users = [origin.node] if model is fallback else [m.site.node for m in plans]
        return model, movable(self.analysis, model, origin.node, users)

    def _manual_group(self, origin: CallSite, rule: str, members: list[_Member], blocked: list) -> None:
        own = {id(node): why for node, why in blocked}
        first_why = blocked[0][1]
        for node, member_rule in [(origin.node, rule)] + [(m.site.node, m.rule) for m in members]:
            if member_rule is None:
                continue
            why = own.get(id(node)) or f"its client stays as it is: {first_why}"
            self.manual(node, member_rule, why)

    def _fix_group(
        self, site: CallSite, rule: str, profile: Client, model: cst.BaseExpression, members: list[_Member]
    ) -> bool:
        notes = [n for m in members if isinstance(m.plan, CallPlan) for n in m.plan.unsafe]
        notes += self.client_notes(site, profile)
        safety = FixSafety.UNSAFE if notes else FixSafety.SAFE
        reason = "; ".join(dict.fromkeys(notes))
        applied = self.fix(site.node, rule, safety, reason)
        for member in members:
            if member.rule is not None:
                applied = self.fix(member.site.node, member.rule, safety, reason) and applied
        if not applied:
            return False
        self.replace(site.node, self._build_client(site, profile, model))
        for member in members:
            if isinstance(member.plan, CallPlan) and member.plan.kind:
                self.replace(member.target, self.member_edit(member))
        return True

    def member_edit(self, member: _Member) -> Callable[[cst.BaseExpression], cst.BaseExpression]:
        """The edit of one inference call on the client (vendor codemods may wrap its result)."""
        assert isinstance(member.plan, CallPlan)
        chain = len(member.site.api.partition("#")[2].split("."))
        return build_call(member.plan, chain, member.keep_await)

    def client_notes(self, site: CallSite, profile: Client) -> list[str]:
        """Unsafe notes about the connection itself (vendor codemods add theirs)."""
        return []

    # ------------------------------------------------------------------ the connection

    def _build_client(self, site: CallSite, profile: Client, model: cst.BaseExpression) -> Callable:
        given = {a.keyword: a.value for a in site.arguments}

        def build(call: cst.Call) -> cst.Call:
            base_url = self.base_url(profile, given)  # (asks for `getenv` before `connect`: stdlib first)
            edit = CallEdit(call)
            edit.func = cst.Name(self.import_name("sovmigrate.adapter", "connect"))
            for old, new in profile.options.items():
                if old != new:
                    edit.rename(old, new)
            for name in self.base_keywords(profile):
                edit.drop(name)
            edit.insert(0, keyword("default", spec("openai", model)))
            edit.insert(1, keyword("base_url", base_url))
            if profile.key_env:  # the vendor's variable, never $OPENAI_API_KEY, when no key is given
                edit.set("api_key_env", string(profile.key_env))
            edit.set("param_defaults", self.expr(ENGINE_DEFAULTS))
            if "timeout" not in given and profile.timeout != ADAPTER_TIMEOUT:
                edit.set("timeout", self.expr("None" if profile.timeout is None else f"{profile.timeout:g}"))
            return edit.build()

        return build

    def base_url(self, profile: Client, given: dict[str | None, cst.BaseExpression]) -> cst.BaseExpression:
        """The connection's ``base_url``: the SDK's base URL (as the program gives it) plus the vendor's path."""
        base = given.get("base_url")
        if base is None:
            base = self._getenv(profile.base_env, profile.default_base)
        elif isinstance(base, cst.Call) and env_name(base) is not None and len(base.args) == 1:
            fallback = self._getenv(profile.base_env, profile.default_base)
            base = cst.BooleanOperation(base, cst.Or(), fallback)  # the SDK falls back when it is None
        if not profile.path:
            return base
        value = literal(base)
        if isinstance(value, str):
            return string(value.rstrip("/") + profile.path)
        return concat(method(base, "rstrip", string("/")), profile.path)

    def _getenv(self, name: str, default: str | None = None) -> cst.Call:
        getenv = self.import_name("os", "getenv")
        args = [string(name)] + ([string(default)] if default is not None else [])
        return cst.Call(func=cst.Name(getenv), args=[cst.Arg(a) for a in args])
