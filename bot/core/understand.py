"""Understand a question against the knowledge: its kind, the entries it is about, whether it is in scope.

The offline composer and the model both work from the same ``Understanding``, so switching the model on
changes how an answer is phrased, never what it is grounded in (nor which entries a model is shown).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bot.core import question as q
from bot.core.answer import Kind
from bot.core.conversation import Conversation
from bot.core.retrieval import Hit, index_for, stem, terms, words
from bot.knowledge.schema import Entry, Knowledge, Status

IN_SCOPE_STRENGTH = 0.9  # top score, in units of the rarest word's weight, that makes a question on-topic
RELATIVE_CUTOFF = 0.5  # keep entries scoring at least this share of the best one
MAX_ENTRIES = 3
# Words that say how to answer, not what about: a verdict request made only of these is still on-topic.
ASKING_WORDS = frozenset(terms(
    "who right wrong better best argument case side sides support opinion personal honest view take stance "
    "verdict aggressor blame fault justified good bad guys agree think believe prefer favour favor trust win "
    "winner correct legitimate guilty innocent lying liar party country one your you do does which"
))


@dataclass
class Understanding:
    question: str  # cleaned, as asked (mentions defused at render time)
    query: str  # what was searched for
    kind: Kind
    entries: list[Entry]
    sides: list[str] = field(default_factory=list)  # sides the question focuses on
    in_scope: bool = True


def understand(text: str, conversation: Conversation | None, knowledge: Knowledge, max_chars: int,
               kind: Kind | None = None) -> Understanding:
    """``kind`` forces a question kind (``/sides topic`` is a SIDES question whatever its words)."""
    cleaned = q.clean(text, max_chars)
    query = q.searchable(cleaned)
    last = conversation.last if conversation else None
    kind = kind or q.classify(query, last is not None)
    index = index_for(knowledge)
    if kind is Kind.INJECTION:
        query = q.strip_instructions(query)
    previous = frozenset(last.cited) if last and kind in (Kind.FOLLOW_UP, Kind.SIDES) else frozenset()
    sides = index.sides_in(query)
    boosts = [previous]
    if kind is Kind.SIDES and sides:
        sides = sides[:1]  # "What does Russia say about NATO?" asks for Russia's view: the first side named
        # ...so among the entries about the topic, those where that side has its say come first ("What does
        # the writer think about Skripal?" is the author's opinion before the poisoning itself).
        boosts.append(index.voiced_by(sides[0]))
    if q.asks_about_article(query):
        # "What does the article say about the elections?" is first about what the article says.
        boosts.append(index.in_article)
    hits = index.search(query, boosts=tuple(b for b in boosts if b)) if query else []
    strength = index.strength(hits)
    # What the question is about, once the sides it names and the words of asking are set aside: the words
    # the knowledge knows, and those it has never seen ("pizza").
    about = [t for t in terms(index.without_sides(query)) if t not in ASKING_WORDS]
    content = [t for t in about if index.expand(t)]
    unknown = [t for t in about if not index.expand(t)]
    ctx = Understanding(cleaned, query, kind, [], sides)

    if kind is Kind.FOLLOW_UP and last is not None:
        if q.wants_other_side(query):
            ctx.sides = [s for s in _sides_of(last.cited, knowledge) if s not in last.sides]
        ctx.entries = _pick(hits) if strength >= IN_SCOPE_STRENGTH and not previous & _ids(hits[:1]) \
            else [e for e in map(knowledge.entry, last.cited) if e][:MAX_ENTRIES]
        if not ctx.entries:
            ctx.entries = _pick(hits)
        ctx.in_scope = bool(ctx.entries)
    elif kind is Kind.SUMMARY:
        ctx.entries = _summary_entries(knowledge)
    elif kind is Kind.CLAIMS:
        errors_only = q.wants_errors_only(query)
        ctx.entries = [e for e in knowledge.flagged()
                       if not e.after_article and (not errors_only or e.status in (Status.INACCURATE, Status.GARBLED))]
    elif kind is Kind.VERDICT:
        # Judge by what the question is about, not by how it asks: "right" or "better" must not pull in
        # entries that happen to use the word. Nothing but unknown words besides them ("who is right about
        # pizza?") is off-topic; nothing at all ("who is right?") is about the article as a whole.
        # The sides it names are who, not what: "Isn't Russia the aggressor?" is about the article's central
        # disputes, with Russia's part in them first.
        topic = " ".join(w for w in words(index.without_sides(query, keep_topics=False)) if stem(w) not in ASKING_WORDS)
        content = [t for t in terms(topic) if index.expand(t)]
        topical = [h for h in index.search(topic) if h.entry.flagged] if content else []
        if topical and index.strength(topical) >= IN_SCOPE_STRENGTH * 0.5:
            ctx.entries = _pick(topical)
        elif unknown and not content and not sides:
            ctx.in_scope, ctx.kind = False, Kind.OUT_OF_SCOPE
        else:
            ctx.entries = _central(knowledge, sides)
    elif kind is Kind.INJECTION:
        ctx.entries = _pick(hits) if strength >= IN_SCOPE_STRENGTH else []
    else:
        on_topic = bool(content) and (strength >= IN_SCOPE_STRENGTH
                                      or (bool(sides) and strength >= IN_SCOPE_STRENGTH / 2))
        if on_topic and hits:
            ctx.entries = _pick(hits)
        elif sides and not content and not unknown:
            # Only a side, nothing else ("Tell me about NATO"): that side's part in the central disputes.
            ctx.kind, ctx.entries = Kind.SIDES, _central(knowledge, sides)
        else:
            ctx.in_scope, ctx.kind = False, Kind.OUT_OF_SCOPE
    return ctx


def _ids(hits: list[Hit]) -> frozenset[str]:
    return frozenset(h.entry.id for h in hits)


def _pick(hits: list[Hit]) -> list[Entry]:
    if not hits:
        return []
    best = hits[0].score
    return [h.entry for h in hits if h.score >= best * RELATIVE_CUTOFF][:MAX_ENTRIES]


def _sides_of(ids: tuple[str, ...], knowledge: Knowledge) -> list[str]:
    seen: dict[str, None] = {}
    for entry in filter(None, map(knowledge.entry, ids)):
        for pos in entry.positions:
            seen.setdefault(pos.side, None)
        for side in entry.held_by:
            seen.setdefault(side, None)
    return list(seen)


def _summary_entries(knowledge: Knowledge) -> list[Entry]:
    """The article as the knowledge reads it, in paragraph order: each paragraph's ``gist`` (the entries
    moderators chose to sum it up), or else its one most descriptive entry."""
    chosen: dict[int, Entry] = {}
    preference = {Status.POSITION: 0, Status.OPINION: 1, Status.FACT: 2, Status.CONTESTED: 3, Status.INACCURATE: 4,
                  Status.GARBLED: 4}
    for entry in knowledge.entries:
        if entry.paragraph is None or entry.after_article or entry.paragraph == len(knowledge.article.paragraphs):
            continue
        current = chosen.get(entry.paragraph)
        if current is None or preference[entry.status] < preference[current.status]:
            chosen[entry.paragraph] = entry
    summary: list[Entry] = []
    for para in knowledge.article.paragraphs:
        gist = [e for e in map(knowledge.entry, para.gist) if e is not None]
        summary += gist or ([chosen[para.n]] if para.n in chosen else [])
    return summary


def _central(knowledge: Knowledge, sides: list[str]) -> list[Entry]:
    """For a general 'who is right?': the central disputes of the article — contested claims the named sides
    take part in, then those most other entries relate to (the knowledge's own sense of what is central)."""
    related = Counter(r for e in knowledge.entries for r in e.related)
    contested = [e for e in knowledge.entries if e.status in (Status.CONTESTED, Status.OPINION) and not e.after_article]
    contested.sort(key=lambda e: (-len({p.side for p in e.positions} & set(sides)), -related[e.id]))
    return contested[:MAX_ENTRIES]
