"""A bounded conversation: the turns a follow-up may lean on, oldest dropped first."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field


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
    max_turns: int = 6
    max_tokens: int = 1500
    turns: deque[Turn] = field(default_factory=deque)

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
