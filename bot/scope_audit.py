"""``check``'s scope audit: warn moderators when the knowledge would answer questions it should refuse.

Scope is decided by what a question is about (``bot.core.understand``): an entry answers a question when it
holds most of what is asked. An alias that is a common word, or a common word in an entry's text, can make
an entry hold questions about something else ("Who won the last race?" answered with an entry whose claim
says "it last met in January 2022"). The audit asks the project's out-of-scope questions — the
``out_of_scope`` cases of ``tests/questions/*.yaml`` when they are shipped, else a bundled handful — and
names, for each one answered, the entry and the alias or words that brought it in, so the fix is one edit.
"""

from __future__ import annotations

from pathlib import Path

from bot.core.retrieval import index_for, phrase, terms
from bot.core.understand import understand
from bot.errors import BadQuestion, ParleyError
from bot.knowledge.schema import Knowledge
from bot.settings import PROJECT_ROOT

QUESTIONS_DIR = PROJECT_ROOT / "tests" / "questions"
HOLDOUT = "holdout.yaml"
# Asked when the project's question files are not shipped: each shares a word with the bundled knowledge.
BUNDLED = (
    "Is Salisbury worth a visit?", "How do I become an intelligence officer?", "Recommend a book about the Cold War",
    "Who won the last race?", "What's the weather in Brussels tomorrow?", "How do I get a Russian tourist visa?",
    "Is Novichok a good name for a cat?", "How many people live in Jakarta?", "Best German beer for a party?",
    "When is the next election in Indonesia?", "Cheap flights to Tbilisi in August?",
    "What's the best time of year to visit Kyiv?",
)


def probe_questions(folder: Path = QUESTIONS_DIR) -> list[str]:
    """The project's out-of-scope questions (single questions, not conversations), or the bundled ones.
    Not the holdout set's: it measures what nobody tuned for, so its misses must not drive edits."""
    from bot.evaluate import load_cases  # the eval's file format; imported here so ``check`` stays light

    found: list[str] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        if path.name == HOLDOUT:
            continue
        try:
            found += [c.q for c in load_cases(path) if not c.in_scope and c.q]
        except ParleyError:
            continue  # a broken questions file is eval's to report, not check's
    return list(dict.fromkeys(found)) or list(BUNDLED)


def scope_warnings(knowledge: Knowledge, questions: list[str], max_chars: int) -> list[str]:
    """One line per out-of-scope question the knowledge would answer: the entry, and what brought it in."""
    index = index_for(knowledge)
    warnings: list[str] = []
    for text in questions:
        try:
            ctx = understand(text, None, knowledge, max_chars)
        except BadQuestion:
            continue
        if not ctx.in_scope or not ctx.entries:
            continue
        entry = ctx.entries[0]
        asked = phrase(ctx.query)
        aliases = [a for a in entry.aliases if phrase(a) in asked]
        if aliases:
            cause = "its alias " + ", ".join(f"“{a}”" for a in aliases)
            fix = "make the alias a phrase that says what the entry is about (“Salisbury poisoning”, not " \
                  "“Salisbury”), or remove it"
        else:
            held = index.entry_terms[index.position[entry.id]]
            shared = [w for w in dict.fromkeys(ctx.query.split()) if set(terms(w)) & held]
            cause = "the word(s) " + ", ".join(f"“{w}”" for w in shared) if shared else "its text"
            fix = "add an alias in the words people use for what the entry is about, or reword the text where " \
                  "the word is incidental; then run eval"
        warnings.append(f"entry {entry.id} answers the out-of-scope question “{text}” (through {cause}): {fix}")
    return warnings
