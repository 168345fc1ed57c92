"""The shape of a rule: what it matches, what it means for a migration, and its user docs."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from sovmigrate.rules.patterncache import compile_pattern, register


class Kind(str, Enum):
    """What a finding is, for the estimator and for filtering."""

    IMPORT = "import"
    CLIENT = "client"
    INFERENCE = "inference"
    TOKENIZER = "tokenizer"
    MODEL_ID = "model_id"
    PROMPT_FORMAT = "prompt_format"
    COMPLEX = "complex"
    DEPENDENCY = "dependency"
    CONFIG = "config"
    ERROR = "error"


class Fix(str, Enum):
    """Whether a codemod can rewrite the site (ruff's FIX_AVAILABILITY)."""

    ALWAYS = "always"
    SOMETIMES = "sometimes"
    NONE = "none"


class FixSafety(str, Enum):
    """How a codemod's fix of a site may be applied (ruff's applicability: Safe, Unsafe, DisplayOnly).

    ``safe``: behaviour is identical by construction, applied by default. ``unsafe``: may change behaviour,
    applied only with ``--unsafe`` and listed otherwise. ``manual``: never edited, reported with the reason
    (``--annotate`` adds a TODO comment).
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    MANUAL = "manual"


class Level(str, Enum):
    """Severity, mapped onto SARIF levels."""

    WARNING = "warning"
    NOTE = "note"
    ERROR = "error"


class LazyPattern:
    """A regular expression compiled on first use, so that importing the catalog compiles nothing (a warm,
    fully cached scan never needs the literal and line patterns). Has the ``re.Pattern`` methods matchers use."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None
        register(pattern, flags)

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = compile_pattern(self.pattern, self.flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.compiled.fullmatch(text)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {int(self.flags)})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """A pattern for a catalog matcher, compiled when a scan first needs it."""
    return LazyPattern(pattern, flags)


# ---------------------------------------------------------------- matchers (Python source)


@dataclass(frozen=True)
class Calls:
    """Calls whose API string matches one of the glob ``patterns``.

    API strings: ``pkg.func`` for functions and constructors, ``pkg.Class#method`` for methods on an
    instance (``#__call__`` when the instance itself is called), ``pkg.Class#a.b.method`` for
    attribute chains (``openai.OpenAI#chat.completions.create``). A class definition that subclasses
    a matched constructor is reported too.
    """

    patterns: tuple[str, ...]
    # Only report OpenAI-compatible clients whose base URL resolves to one of these host classes.
    hosts: tuple[str, ...] = ()
    # API strings matching one of these globs are not reported even if a pattern matches.
    exclude: tuple[str, ...] = ()
    # Method names that exist on this vendor's objects only: called on a receiver the analysis cannot trace
    # (a parameter, a list item) in a module that imports the vendor, the call is still this rule's API.
    distinctive: tuple[str, ...] = ()
    # Words the byte prefilter looks for; by default the patterns' module roots.
    triggers: tuple[str, ...] = ()
    # (keyword, literal) pairs that make a call something else: ``hf_hub_download(..., repo_type="dataset")``.
    unless: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Imports:
    """``import m`` / ``from m import x`` for each module root in ``modules`` (and submodules)."""

    modules: tuple[str, ...]
    # Words the byte prefilter looks for; by default the module roots (use ``import x``/``from x`` for roots
    # that are common English words, such as ``together``).
    triggers: tuple[str, ...] = ()
    # Only report imports of OpenAI-compatible packages in a module whose client of that package sends
    # requests to one of these host classes (``from openai import OpenAI`` next to ``OpenAI(base_url=local)``).
    hosts: tuple[str, ...] = ()
    # Imported names (globs) that are not sites although their module is (``huggingface_hub.login``): a
    # ``from m import a, b`` statement is reported unless every name it imports is excluded.
    exclude: tuple[str, ...] = ()
    # Module roots of which the importing module must import one too: a library that is neutral alone but part of
    # one engine beside it (``import mlx.core`` in a module that uses ``mlx_lm``, convention 28).
    alongside: tuple[str, ...] = ()


@dataclass(frozen=True)
class Keywords:
    """A keyword argument named in ``names`` on a call matching one of the glob ``calls``; with ``hosts``, only on
    calls of clients whose base URL is of those kinds (an OpenAI client pointed at a local server)."""

    names: tuple[str, ...]
    calls: tuple[str, ...] = ("*",)
    hosts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Options:
    """A request or engine option only ``vendor`` takes, written as a string key where options are built or trimmed
    (a dict literal's key, ``d["k"] = v``, ``del d["k"]``, ``d.pop("k")``, ``d.setdefault("k", v)``, ``dict(k=v)``)
    in a function, class or module the analysis ties to the vendor: a finding of one of the vendor's rules (a
    resolved import, client or call) stands in the same function or class, or the module imports the vendor. The
    same key in code tied to no such vendor is not reported."""

    vendor: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Flags:
    """A command-line flag (``"--enable-lora"``, ``"--speculative-config=..."``) written as a string in a function
    (or module) that builds an engine command another rule reports: a finding of one of the rules ``beside`` stands
    in the same function. One site per list the flags stand in (``cmd += ["--logprobs-mode", m, "--max-logprobs",
    "-1"]`` is one)."""

    names: tuple[str, ...]
    beside: tuple[str, ...]


@dataclass(frozen=True)
class Literal:
    """A string literal whose text matches ``regex``.

    ``context="model"`` restricts the match to literals in a model position: a ``model=``-like
    keyword, an assignment to a name containing ``model``, or a dict value under such a key.
    ``context="env"`` restricts it to the names environment look-ups read (``os.getenv("OLLAMA_HOST")``).
    """

    regex: re.Pattern[str] | LazyPattern
    context: str | None = None
    # Also match the static text of f-strings (expressions read as "0"); off for model ids.
    in_fstrings: bool = False
    # Words (case-insensitive) of which every matching text contains at least one: the byte prefilter's.
    # A word written ``re:<regex>`` is a regular expression (RE2 syntax) instead.
    triggers: tuple[str, ...] = ()


@dataclass(frozen=True)
class TokenIds:
    """Integer literals given to special-token parameters (``eos_token_id=128009``)."""

    keywords: tuple[str, ...]
    ranges: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Assigns:
    """An assignment to an attribute of a vendor object, named like a call: ``pkg.Class#attribute`` globs
    (``tok.pad_token = tok.eos_token`` is ``transformers.AutoTokenizer#pad_token``)."""

    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Reads:
    """A read of an attribute of a vendor object, named like a call: ``pkg.Class#attribute`` globs
    (``tok.eos_token_id`` is ``transformers.AutoTokenizer#eos_token_id``). The last segment of each pattern is
    a literal attribute name. One site per rule per function: the reads of one function are edited together."""

    patterns: tuple[str, ...]


@dataclass(frozen=True)
class HttpRequests:
    """An HTTP request made with requests, httpx, aiohttp or urllib whose URL resolves to an inference route.

    The URL may be a literal, an f-string, a concatenation, a module constant or a ``self.`` field. It matches
    when its host class is one of ``hosts`` (``local``, ``hosted``, or ``unknown`` for a URL without a
    recognisable host, such as ``f"{base}/api/chat"``) and, if ``route`` is given, its text matches ``route``.
    """

    hosts: tuple[str, ...]
    route: re.Pattern[str] | LazyPattern | None = None
    triggers: tuple[str, ...] = ()
    # API strings the request body's fields are judged as: a field a complex keyword rule names for one of them
    # (``{"logprobs": 5}`` to a vLLM server) is a site of that rule.
    payload: tuple[str, ...] = ()
    # Keys a request body holds that name this API when the URL has no route the code shows
    # (``requests.post(ENDPOINTS[i], json={"model": m, "messages": msgs})`` is a chat completion).
    bodies: tuple[tuple[str, ...], ...] = ()  # tuples: the catalog's repr is its cache key
    # Routes whose request body is the engine's own shape, and keys of such a body: a body with one of them,
    # written as a dict literal away from the request (``data = {"content": text}``), is a site of its own.
    native: re.Pattern[str] | LazyPattern | None = None
    native_keys: tuple[str, ...] = ()
    # Routes other APIs have too (``/models``): a request to one is this API's only in a module that also makes a
    # request to one of ``route`` (the server it lists models of is the one it sends completions to).
    generic: re.Pattern[str] | LazyPattern | None = None
    # Engines by the words that name them (``("vllm", lazy("vllm", re.I))``). With engines, the matcher takes the
    # requests no route rule takes: a URL that shows no route (``requests.post(self.base_url, json=body)``), or
    # only one of ``route`` (a server probe, ``/health``), made in a class, module or package named after one
    # engine or in a module that imports its package (``class VLLMClient``, ``ollama_api.py``). Its words must be
    # among ``triggers``. Such a matcher takes no request by its route alone.
    engines: tuple[tuple[str, re.Pattern[str] | LazyPattern], ...] = ()


@dataclass(frozen=True)
class BaseUrls:
    """The base URL (a string or f-string with a scheme) that an :class:`HttpRequests` finding's URL is built on,
    where it is written away from the request: a constant, a parameter default, a field
    (``self.base_url = f"http://{host}:{port}"``). A string another rule reports is not reported again."""


@dataclass(frozen=True)
class EngineAddresses:
    """A server address (``"http://localhost"``, ``f"{url}:{port}/v1/"``, ``"localhost:30000"``) written as the
    value of a URL setting, the default of a URL parameter or a URL keyword argument, in a class, module or package
    named after one engine (``engines`` as :class:`HttpRequests` has them): that engine's address. Its words must be
    among ``triggers``."""

    engines: tuple[tuple[str, re.Pattern[str] | LazyPattern], ...]
    triggers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Commands:
    """A command started from Python (``subprocess.run([...])``, ``os.system("...")``) whose text matches ``regex``."""

    regex: re.Pattern[str] | LazyPattern
    triggers: tuple[str, ...] = ()


# ---------------------------------------------------------------- matchers (other files)


@dataclass(frozen=True)
class Dependency:
    """A dependency manifest entry naming one of ``packages`` (PEP 503-normalised names or globs).

    ``declared_only``: only where the project declares the package itself, not a lock file's transitive pin
    (pip-compile's ``# via`` lines naming other packages). ``groups``: only inside an extras group whose whole name
    matches (``[project.optional-dependencies] vllm = ["openai"]``).
    """

    packages: tuple[str, ...]
    declared_only: bool = False
    groups: re.Pattern[str] | LazyPattern | None = None


@dataclass(frozen=True)
class Line:
    """A line of a non-Python file of one of ``files`` kinds whose text matches ``regex``."""

    regex: re.Pattern[str] | LazyPattern
    files: tuple[str, ...]
    # Words (case-insensitive) of which every matching line contains at least one: the byte prefilter's.
    triggers: tuple[str, ...] = ()
    # Tried after every other matcher of the line: a fallback that reports only what no other rule reports.
    last: bool = False
    # YAML only: the line counts only under a parent key matching this (`type: llama` under `model:`).
    parent: re.Pattern[str] | LazyPattern | None = None


Matcher = (
    Calls
    | Imports
    | Keywords
    | Options
    | Flags
    | Literal
    | TokenIds
    | Assigns
    | Reads
    | HttpRequests
    | BaseUrls
    | EngineAddresses
    | Commands
    | Dependency
    | Line
)


@dataclass(frozen=True)
class RuleDocs:
    """The user documentation of a rule, in ruff's section order."""

    what: str
    why: str
    example: str = ""
    use_instead: str = ""
    fix_safety: str = ""
    references: tuple[str, ...] = ()
    # A fixable rule's fix as the codemod makes it: code it rewrites and what it writes (a test runs the codemod).
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class Rule:
    """One entry of the catalog: a stable code, what it matches and what it means."""

    code: str
    name: str
    kind: Kind
    vendor: str
    message: str
    matchers: tuple[Matcher, ...]
    docs: RuleDocs
    fix: Fix = Fix.NONE
    level: Level = Level.WARNING
    status: str = "stable"
    # What the effort estimator counts this site as (see docs/estimate.md when it exists).
    effort_driver: str = ""
    tags: tuple[str, ...] = field(default=())
    # The codemod that handles this rule's sites ("module.Class" inside sovmigrate.codemods) and the safety of
    # its fix; a manual-only codemod reports and annotates sites but never edits them (then ``fix`` is none).
    codemod: str = ""
    fix_safety: FixSafety | None = None

    @property
    def fixable(self) -> bool:
        return self.fix is not Fix.NONE

    def format_message(self, api: str) -> str:
        return self.message.format(api=api)
