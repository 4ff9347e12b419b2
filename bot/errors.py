"""The small set of errors Parley's edges translate into one short line.

Each edge (the CLI, the Discord error handler) maps these to a message for a person and logs the rest;
anything else that escapes is a bug, logged with its traceback and shown as a generic one-liner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core.answer import Usage


class ParleyError(Exception):
    """Base class: ``str(error)`` is the one line a user sees."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a knowledge file, reported as ``file:line: field: message``."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file  # line 0: the folder, not a line
        return f"{where}: {self.field}: {self.message}"


class KnowledgeError(ParleyError):
    """The knowledge could not be loaded; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        first = str(self.problems[0]) if self.problems else "knowledge: unknown problem"
        more = len(self.problems) - 1
        super().__init__(first + (f" (and {more} more problem{'s' * (more != 1)})" if more else ""))


class BadQuestion(ParleyError):
    """An empty, oversized or mention-only question."""


class ConfigError(ParleyError):
    """A missing or invalid setting (e.g. no DISCORD_TOKEN for ``run``)."""


class ModelUnavailable(ParleyError):
    """The model could not be reached within the retry bound (down, slow, rate-limited, key rejected).

    ``usage``: the tokens spent on the way (replies that were retried still cost tokens)."""

    def __init__(self, message: str, usage: Usage | None = None) -> None:
        self.usage = usage
        super().__init__(message)


class InvalidModelOutput(ParleyError):
    """The model replied, but not with a usable answer (bad JSON, schema mismatch, refusal, guard failure)."""

    def __init__(self, message: str, reasons: list[str] | None = None, usage: Usage | None = None) -> None:
        self.reasons = reasons or []
        self.usage = usage
        super().__init__(message)
