"""A generated knowledge of any size, for measuring retrieval and answering at scale (``bench``)."""

from __future__ import annotations

import random

from bot.core.retrieval import words
from bot.knowledge.schema import Entry, Knowledge, Position, Source, Status

_STATUSES = [Status.FACT, Status.POSITION, Status.CONTESTED, Status.OPINION, Status.INACCURATE]


def generate(base: Knowledge, n_entries: int, seed: int = 42) -> Knowledge:
    """``n_entries`` entries written from the real knowledge's vocabulary, with the real article and sides.

    The words are shuffled, so retrieval faces as many distinct terms and postings as a real knowledge
    of that size would have, and every rule the loader enforces holds.
    """
    rng = random.Random(seed)
    vocab = sorted({w for e in base.entries for w in words(f"{e.title} {e.claim}") if len(w) > 3})
    vocab += [f"{rng.choice(vocab)}{i}" for i in range(n_entries)]  # rarer words, as a bigger corpus has
    sides = [s.id for s in base.sides]
    source = Source(publication="Generated", title="Synthetic entry", date="2021-10-01")

    def sentence(k: int) -> str:
        return " ".join(rng.choice(vocab) for _ in range(k)).capitalize() + "."

    entries = []
    for i in range(n_entries):
        status = _STATUSES[i % len(_STATUSES)]
        pair = rng.sample(sides, 2)
        positions = [Position(side=s, says=sentence(12)) for s in pair]
        entries.append(Entry(
            id=f"gen-{i}", status=status, title=sentence(6)[:-1], claim=sentence(25), held_by=[pair[0]],
            positions=positions, sources=[source], aliases=[f"topic {i}", sentence(2)[:-1] + f" {i}"],
            correction={"says": sentence(15), "sources": [source]} if status is Status.INACCURATE else None,
        ))
    return Knowledge(article=base.article, sides=base.sides, entries=[*base.entries, *entries][:n_entries],
                     files=("generated",), digest=f"generated-{n_entries}-{seed}")
