"""A bounded conversation: the turns a follow-up may lean on, oldest dropped first."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core.answer import Answer


def estimate_tokens(text: str) -> int:
    # About four characters a token for English; close enough to bound a prompt without a tokenizer.
    return max(1, len(text) // 4)


@dataclass(frozen=True)
class Turn:
    question: str
    answer: str
    cited: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()

    @property
    def tokens(self) -> int:
        return estimate_tokens(self.question) + estimate_tokens(self.answer)


@dataclass
class Conversation:
    """The bounds come from ``Settings`` (``history_turns``, ``history_tokens``)."""

    max_turns: int
    max_tokens: int
    turns: deque[Turn] = field(default_factory=deque)

    def remember(self, answer: Answer, text: str) -> None:
        """Add a turn so a follow-up can lean on it; ``text`` is the answer as it was rendered."""
        self.add(Turn(question=answer.question, answer=text, cited=tuple(answer.cited_ids()),
                      sides=tuple(answer.sides_focus)))

    def add(self, turn: Turn) -> None:
        self.turns.append(turn)
        while self.turns and (len(self.turns) > self.max_turns or self.tokens > self.max_tokens):
            self.turns.popleft()

    @property
    def tokens(self) -> int:
        return sum(t.tokens for t in self.turns)

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    def __len__(self) -> int:
        return len(self.turns)
