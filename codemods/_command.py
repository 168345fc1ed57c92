"""libcst's codemod-command protocol, without importing ``libcst.codemod``.

Importing ``libcst.codemod`` loads ``libcst.matchers`` (about 0.2 s, half of libcst's import time), which
no sovmigrate codemod uses. :class:`Command` and :class:`CodemodContext` provide what a codemod command
is to libcst's runner, ``python -m libcst.tool codemod``: ``DESCRIPTION``, ``add_args``, construction
from a context and the command's arguments, ``transform_module``, ``warn`` into ``context.warnings``,
``get_inherited_dependencies`` and the ``module`` being transformed. libcst's runner hands the command
its own ``CodemodContext``, which has the same fields.

libcst's runner loads ``libcst.codemod`` before any command, so :func:`register_with_libcst` makes the
commands virtual subclasses of its ``CodemodCommand`` there (``libcst.tool list`` finds them by
``issubclass``); a process that never loads ``libcst.codemod`` never pays for it.
"""

from __future__ import annotations

import argparse
import sys
from abc import ABC, abstractmethod
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    import libcst as cst


@dataclass(frozen=True)
class CodemodContext:
    """The fields of libcst's ``CodemodContext`` (a command is given either)."""

    warnings: list[str] = field(default_factory=list)
    scratch: dict[str, Any] = field(default_factory=dict)
    filename: str | None = None
    full_module_name: str | None = None
    full_package_name: str | None = None
    wrapper: cst.MetadataWrapper | None = None
    metadata_manager: Any = None

    @property
    def module(self) -> cst.Module | None:
        return None if self.wrapper is None else self.wrapper.module


class Command(ABC):
    """A codemod command as libcst's runner uses one (the interface of libcst's ``CodemodCommand``)."""

    #: A short summary, shown by ``python -m libcst.tool list`` and ``codemod --help``.
    DESCRIPTION: ClassVar[str] = "No description."
    #: libcst metadata providers resolved ahead for the whole repository (none: codemods resolve their own).
    METADATA_DEPENDENCIES: ClassVar[Collection[type]] = ()

    def __init__(self, context: CodemodContext) -> None:
        self.context = context

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        """Add the command's own options to libcst's ``codemod`` parser."""

    @classmethod
    def get_inherited_dependencies(cls) -> Collection[type]:
        return frozenset(
            dependency for klass in cls.__mro__ for dependency in getattr(klass, "METADATA_DEPENDENCIES", ())
        )

    def should_allow_multiple_passes(self) -> bool:
        return False

    def warn(self, warning: str) -> None:
        """A message libcst's runner prints with the file's result."""
        self.context.warnings.append(warning)

    @property
    def module(self) -> cst.Module:
        """The module being transformed."""
        module = self.context.module
        if module is None:
            raise ValueError("the module is only known while transform_module runs")
        return module

    @abstractmethod
    def transform_module(self, tree: cst.Module) -> cst.Module:
        """The transformed module."""


def register_with_libcst(command: type[Command]) -> None:
    """Make ``command`` (and its subclasses) a virtual ``CodemodCommand`` if libcst's machinery is loaded."""
    codemod = sys.modules.get("libcst.codemod")
    if codemod is not None:
        codemod.CodemodCommand.register(command)
