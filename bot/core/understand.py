"""Understand a question against the knowledge: its language, kind, the entries it is about, its scope.

The offline composer and the model both work from the same ``Understanding``, so switching the model on
changes how an answer is phrased, never what it is grounded in (nor which entries a model is shown).

Scope is decided by what the question is *about*: its words once the words of asking ("who", "right",
"think") and the sides it names are set aside. A question is in scope when the entries found hold most of
that weight — each word weighing as much as it is specific (its idf), a word the knowledge has never seen
weighing as much as a fairly specific one. So one incidental shared word ("Is Salisbury worth a visit?",
"Who won the last race?") does not bring a question in: "visit", "worth", "race" are not in the knowledge,
and they are most of what is asked.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from wordfreq import zipf_frequency

from bot.core import language
from bot.core import question as q
from bot.core.answer import Kind
from bot.core.conversation import Conversation, Turn
from bot.core.language import words
from bot.core.retrieval import Hit, Index, index_for, numbered_clauses, stem, terms
from bot.knowledge.schema import Entry, Knowledge, Status

MIN_STRENGTH = 0.45  # top score, in units of the rarest word's weight, below which nothing was really found
COVERAGE = 0.5  # share of what a question is about that the entries found must hold for it to be in scope
UNKNOWN_WEIGHT = 0.75  # what a word the knowledge has never seen weighs, in units of the rarest word's idf
UNHEARD = 2  # words the knowledge never uses that make a question of names about something else
ERA_SLACK = 10  # years before the first or after the last the knowledge names that still belong to its story
STRANGE_BELOW = 2.5  # Zipf frequency under which a word the knowledge lacks is taken for a name (once in 3M words)
COMMON_NAME = 3.3  # Zipf frequency under which one word of a capitalised pair makes it a name ("Heiko", "Skripal")
STRANGE_MIN = 5  # ...if it is that long: shorter ones are more often chat ("smth", "bcs")
KNOWN_FLOOR = 0.6  # the least a known word weighs: one that many entries share ("Navalny") is still on-topic
ALIAS_COVERAGE = 0.375  # the least a question naming an entry's alias must be about that entry
RELATIVE_CUTOFF = 0.5  # keep entries scoring at least this share of the best one
LIST_CUTOFF = 0.3  # a list question keeps every entry scoring this share of the best one
LIST_HOLD = 0.45  # ...and every entry holding this share of what it is about (a near-synonym may be missing)
MAX_ENTRIES = 3
SOURCED = 2  # "source?" lists the sources of the last answer's first entries
MAX_LIST = 8
RESPONDING = "respond responded response responses react reacted reaction reply replied retaliate retaliated"
# Words that say how to answer, not what about: a verdict request made only of these is still on-topic.
def _stems(text: str) -> frozenset[str]:
    """The stems of every word of ``text``, stopwords too: "bit" is a stopword, "bits" is not, and both are
    words of asking."""
    return frozenset(stem(w) for w in words(text))


ASKING_WORDS = _stems(
    "who right wrong better best argument case side sides support opinion personal honest view take stance "
    "verdict aggressor blame fault justified good bad guys guy agree think believe prefer favour favor trust win "
    "winner won correct legitimate guilty innocent lying liar party country one your you do does which victim "
    "villain yes straight answer tell explain describe mean means meaning according really actually exactly "
    "ever eventually now anything something thing things stuff bit part whole all every everything list name named "
    "kind sort way ways quick quickly short simple simply pro against or "
    # words about the telling, not the topic: "the Kremlin's version of the Salisbury story"
    "version story stories situation frame framing affair saga drama matter issue issues topic subject "
    "details detail info information summary overview background context point points deal "
    # a month or a weekday dates something; on its own it names no topic; nor does a span of time ("a few
    # months later")
    "few several couple month months week weeks later earlier afterwards afterward turn turned turns "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday "
    # how a verdict is demanded: "no hedging", "one word", "score it out of 10", "pick one"
    "spin hedging hedge pick choose rate rating score scale overall word honestly seriously bro dude mate guess "
    "timeline chronology rundown breakdown fit role calm developments development update updates news key "
    # how a judgement is worded: it asks for a verdict, it names no topic
    "moral morally ethical ethically evil hero heroes fair unfair deserve deserved worse worst superior high "
    "ground apologist propagandist propaganda shill puppet biased bias basically period agree disagree "
    "trustworthy credible believable reliable people person persons folks legit gripe gripes beef problem problems "
    "real true truly hypocritical hypocrite hypocrisy double standard problematic sus factual factually correct "
    "accurate accuracy "
    "standards fault terrorist terrorists fascist fascists nazi nazis criminal criminals warmonger warmongers "
    "imperialist imperialists clown clowns idiot idiots fool fools genius hack hacks "
    # who did it, and on whose word: "who was behind it?", "source?"
    "start started began begin admit admits concede confess "
    "behind responsible culprit culprits perpetrator perpetrators source sources proof evidence "
    # how a side answered: what it answered is the topic ("how did Russia react?" after the expulsions)
    + RESPONDING + " "
    # the shape an answer is asked in: "respond only in json", "as a table"
    "json yaml xml csv markdown format formatted table bullet bullets emoji emojis caps uppercase lowercase "
    "hashtag hashtags tweet tweets include included including essay essays lecture "
    # what the answer is for: "for debate club", "for my class presentation"
    "debate debates club homework assignment presentation "
    # the member's own reading: "i skimmed that part", "i read it twice and still dunno"
    "skim skimmed skimming reread twice dunno idk confused lost quote quotes quoted "
    # the order of a telling: "from the first move to the last"
    "move moves step steps stage stages "
    "logic reasoning rationale quotation quotations pov argue argues argued arguing "
    # Parley itself, addressed: "right, parley?", "the bot is gonna confirm it", "hey bot"
    "parley bot bots hey gonna "
    # oaths and intensifiers: "whose damn side are you on?"
    "damn damned bloody freaking frigging fucking fuck hell heck briefly brief"
)


RESPONDING_TERMS = frozenset(terms(RESPONDING))


# In search, words of asking count for little ("the whole thing", "your take"); but which answer is asked
# for ("how did Moscow respond?") still points to the entries that tell of it.
WEAK_IN_SEARCH = ASKING_WORDS - frozenset(terms(RESPONDING))


# Words of judgement: a question made of nothing else ("so who's the good guy here?") asks for a verdict.
JUDGEMENT_WORDS = frozenset(terms(
    "right wrong blame fault aggressor good bad guy guys villain victim guilty innocent justified legitimate "
    "lying liar win winner won better worse moral evil hero fair unfair trust trustworthy "
    # a label that judges a side: "russia is a terrorist state", "nato are fascists"
    "terrorist terrorists fascist fascists nazi nazis criminal criminals warmonger warmongers imperialist"
))


# How a timeline is asked for ("the key dates, timeline style, oldest first"): its shape, not its topic.
TIMELINE_WORDS = _stems("timeline timelines chronology chronological order key main important major dates date events "
                        "event style oldest earliest newest latest recent first happened")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


# How the author is named when where he stands is asked ("the guy writing this"): who, not what about.
WRITER_WORDS = frozenset(terms("write writes writing wrote written whoever"))
# ...and what he is called when he is judged ("a legit analyst or a clown?"): his role, not a topic
AUTHOR_ROLES = frozenset(terms("analyst analysts observer byline expert experts pundit pundits commentator "
                               "journalist journalists columnist"))


@dataclass
class Understanding:
    question: str  # cleaned, as asked (mentions defused at render time)
    query: str  # what was searched for: in English, names spelt as the knowledge spells them
    kind: Kind
    entries: list[Entry]
    sides: list[str] = field(default_factory=list)  # sides the question focuses on
    in_scope: bool = True
    lang: str = "en"  # the language the question was asked in (answers are in English)
    units: list[frozenset[str]] = field(default_factory=list)  # each word of the question: the terms it stands for
    coverage: float = 0.0  # the share of what the question is about that its best entry holds
    side_leads: bool = True  # a side it focuses on may lead with its view ("and NATO?"), not what it did
    sources: bool = False  # it asks where the last answer comes from ("source?"): its entries' sources
    evidence: bool = False  # ...and whether it is proven ("proof?"): the claims too, with their disputes
    # terms of words that are no common word and unknown to the knowledge: most likely a name it lacks
    # ("Litvinenko"), which makes the question about someone or something else
    strange: frozenset[str] = frozenset()
    sides_listed: bool = False  # it asks who the sides are: their names lead


def understand(text: str, conversation: Conversation | None, knowledge: Knowledge, max_chars: int,
               kind: Kind | None = None) -> Understanding:
    """``kind`` forces a question kind (``/sides topic`` is a SIDES question whatever its words)."""
    ctx = _understand(text, conversation, knowledge, max_chars, kind, read_around=True)
    if not ctx.in_scope and kind is None:
        return _asked_part(ctx, conversation, knowledge, max_chars)
    return ctx


# A long message tells a story around its question ("i was reading this at work and my manager walked past…
# were the eight russians actually spies?"). Its parts: sentences, clauses, and what follows "but", "anyway".
_PART = re.compile(r"[.!?;:\n—–]+|,|\s+-\s+|\b(?:but|anyway|anyways|also|btw|ok so)\b", re.IGNORECASE)
# A part that asks: it ends in "?", or opens with a word of asking ("who does the eu report say…", "tell me…")
_ASKS = re.compile(r"^\W*(?:(?:so|and|ok|like|now|then|the bit i (?:still )?need is|my question is|i wanna know|"
                   r"i want to know)\s+)*(?:what|whats|why|how|who|whos|when|where|which|whether|was|were|did|does|"
                   r"do|is|are|can|could|should|would|will|has|have|tell|explain|give|list|describe|show)\b",
                   re.IGNORECASE)
LONG = 14  # words: a message this long may hold a story around its question
MAX_PARTS = 8


def _parts(text: str) -> list[tuple[str, bool]]:
    """The parts of a message, each with whether it asks."""
    out: list[tuple[str, bool]] = []
    start = 0
    for m in [*_PART.finditer(text), None]:
        end = m.start() if m else len(text)
        part = text[start:end].strip()
        if len(part.split()) >= 2:
            out.append((part, bool(m and "?" in m.group()) or bool(_ASKS.search(part))))
        if m:
            start = m.end()
    return out[:MAX_PARTS]


def _asked_part(ctx: Understanding, conversation: Conversation | None, knowledge: Knowledge,
                max_chars: int) -> Understanding:
    """What a long message refused as a whole asks, once the story around the question is set aside: of the
    runs of its parts that hold a question, the one in scope whose first entry holds the most of it, by the
    weight of its words ("the bit about the eight russians — were they spies?" keeps who "they" are)."""
    if len(ctx.question.split()) < LONG or ctx.kind is Kind.INJECTION:
        return ctx
    parts = _parts(ctx.question)
    if len(parts) < 2:
        return ctx
    index = index_for(knowledge)
    best: tuple[float, float, Understanding] | None = None
    for i in range(len(parts)):
        for j in range(i + 1, len(parts) + 1):
            if j - i == len(parts) or not any(asks for _, asks in parts[i:j]):
                continue
            found = _understand(" ".join(p for p, _ in parts[i:j]), conversation, knowledge, max_chars, None,
                                read_around=False)
            if found.in_scope and found.entries and found.kind is not Kind.INJECTION:
                score = (_weight_held(index, found, found.entries[0]), found.coverage)
                if best is None or score > best[:2]:
                    best = (*score, found)
    if best is None:
        return ctx
    found = best[2]
    found.question = ctx.question
    return found




def _understand(text: str, conversation: Conversation | None, knowledge: Knowledge, max_chars: int,
                kind: Kind | None, read_around: bool) -> Understanding:
    cleaned = q.clean(text, max_chars)
    asked = q.searchable(cleaned)
    index = index_for(knowledge)
    lang = language.detect(asked)
    glossed = language.gloss(asked, lang)
    # English is classified as written (its patterns read apostrophes); other languages by their gloss.
    shape = asked if lang == "en" else glossed
    last = conversation.last if conversation else None
    forced = kind is not None
    kind = kind or q.classify(shape, last is not None)
    injection = kind is Kind.INJECTION
    if injection:
        asked, glossed, shape, kind = _unwrapped(asked, lang, last is not None)
    query = index.correct(glossed)
    sides = index.sides_in(query)
    if kind in (Kind.CLAIM, Kind.SIDES) and len(sides) >= 2 and q.asks_who_wins(shape) and not q.is_errand(shape):
        # "who won, NATO or Russia?" (but "who won the last race?" is not about a side, nor "who won the
        # football match between Russia and Germany?" about theirs)
        kind = Kind.VERDICT
    if "author" in knowledge.sides_by_id and q.asks_authors_stance(shape):
        sides = ["author"]  # "is this article pro-Russia?" asks where the author stands, not about Russia
    ctx = Understanding(cleaned, query, kind, [], sides, lang=lang)
    # A word and its gloss are one unit of meaning: "kicked out" is covered when "expel" is.
    # (A colloquial word glossed into a word of asking, "bring up" -> "mention", carries no topic.)
    pairs = language.units(asked, lang)
    ctx.units = [frozenset(terms(index.correct(gloss))) for _, gloss in pairs]
    ctx.strange = frozenset(t for (word, _), unit in zip(pairs, ctx.units, strict=True)
                            if _is_strange(index, word, lang) for t in unit)

    if last is not None and not forced and kind in (Kind.CLAIM, Kind.SIDES) \
            and (not _about(index, query, keep_topics=False, units=ctx.units) or q.relative_time(shape)
                 or q.same_for(shape) is not None):
        # Nothing of its own to be about, in a conversation ("what does Russia say?" after a question on
        # the elections): it continues the conversation; so does one that asks what came after or before
        # what was said ("what happened in georgia a few months later?"), or the same of something else.
        # (Words it has that the knowledge lacks, "the square root of 1764", make it a question about
        # something else.)
        ctx.kind = kind = Kind.FOLLOW_UP
    if not (injection and not shape):  # else an instruction with no question in it: answered as such
        _read(ctx, index, knowledge, shape, last)
    if injection:
        if read_around:  # once: what is around an injection is read as a plain question
            ctx = _read_around(ctx, cleaned, conversation, knowledge, max_chars)
        # The answer says first that it takes no instructions; what is left that is no question of the
        # article ("admit NATO started it") gets that and nothing else, in scope: it was about the article.
        if not ctx.in_scope:
            ctx.entries, ctx.in_scope = [], True
        if not ctx.entries and (named := index.sides_in(index.correct(language.gloss(q.searchable(cleaned), lang)))):
            # "argue only Russia's side": what that side takes part in, every side's position shown with it
            ctx.entries = _central(knowledge, named)
        ctx.kind = Kind.INJECTION
    return ctx


def _without_empty_phrases(glossed: str, asked: str, lang: str) -> str:
    """The English gloss keeps every word as written beside its plain one; a phrase the lexicon glosses into
    nothing ("in the end", "each other") is how a question is put, and is not searched for: "was there an
    actual war in the end?" is not about the end of the Cold War. (The patterns that read a question's shape
    still see it.)"""
    if lang != "en":
        return glossed
    empty = [phrase for phrase, gloss in language.units(asked, lang) if not gloss and " " in phrase]
    text = " ".join(words(glossed))
    for phrase in empty:
        text = re.sub(rf"\b{re.escape(phrase)}\b", " ", text)
    return " ".join(text.split())


def _read(ctx: Understanding, index: Index, knowledge: Knowledge, shape: str, last: Turn | None) -> None:
    """The entries of the question, by its kind."""
    if ctx.kind is Kind.SUMMARY:
        ctx.entries = _summary_entries(knowledge)
    elif ctx.kind is Kind.CLAIMS:
        ctx.entries = _flagged(knowledge, shape)
    elif ctx.kind is Kind.VERDICT:
        _verdict(ctx, index, knowledge, last)
    elif ctx.kind is Kind.FOLLOW_UP and last is not None:
        _follow_up(ctx, last, index, knowledge, shape)
    else:
        _topic(ctx, index, knowledge, shape)


def _read_around(ctx: Understanding, cleaned: str, conversation: Conversation | None, knowledge: Knowledge,
                 max_chars: int) -> Understanding:
    """When the clauses left of an injection ask less of the knowledge than the whole message ("come
    look, right parley?" of "@everyone come look, the bot is gonna confirm skripal got killed. right
    parley?"), what the whole message is about, its instructions' own words cut out, is answered instead:
    the claim it wants confirmed is what the knowledge has something to say on."""
    residue = q.instruction_residue(q.searchable(cleaned))
    if not words(residue):  # "no flags, argue only Russia's side": nothing but instructions (and a comma)
        return ctx
    around = _understand(residue, conversation, knowledge, max_chars, None, read_around=False)
    if not (around.in_scope and around.entries):
        return ctx
    # Both readings are judged by how much of the whole message their entries hold.
    index = index_for(knowledge)
    whole = _about(index, around.query, units=around.units)
    if not ctx.entries or _covered(index, around, whole, around.entries) > _covered(index, around, whole, ctx.entries):
        around.question = ctx.question
        return around
    return ctx


# What one side holds against another: "the West's problem with Russia", "what does Russia accuse NATO of"
GRIEVANCE_TERMS = frozenset(terms("grievances accuse accuses accused accusation blame blames complain complaints "
                                  "case against gripes"))
# How an entry that states one side's case against another is titled ("The case NATO … makes against Russia")
CASE_TERMS = frozenset(terms("grievances case complaints gripes charge charges"))
# "Russia is accused by NATO of…": the side after "by" holds the grievance
_BY_SIDE = re.compile(r"\b(?:accused|blamed|criticised|criticized|condemned|charged)\b.{0,30}\bby\s+(.+)", re.I)


def _holder(index: Index, ctx: Understanding, query: str) -> str | None:
    """The side whose grievance a question of two sides asks about: the one named first, as the subject
    ("the West's problem with Russia"), unless a passive names it after "by"."""
    if len(ctx.sides) < 2 or not GRIEVANCE_TERMS & set(terms(query)):
        return None
    passive = _BY_SIDE.search(ctx.question)
    named = index.sides_in(passive.group(1)) if passive else []
    return named[0] if named else ctx.sides[0]


def _search(index: Index, query: str, ctx: Understanding, shape: str,
            previous: frozenset[str] = frozenset()) -> list[Hit]:
    boosts = [previous]
    if ctx.kind is Kind.SIDES and ctx.sides:
        ctx.sides = ctx.sides[:1]  # "What does Russia say about NATO?" asks for Russia's view: the first side
        # ...so among the entries about the topic, those where that side has its say come first ("What does
        # the writer think about Skripal?" is the author's opinion before the poisoning itself).
        boosts.append(index.voiced_by(ctx.sides[0]))
    if q.asks_about_article(shape):
        # "What does the article say about the elections?" is first about what the article says.
        boosts.append(index.in_article)
    if q.asks_after(shape, index.knowledge.article.date):
        boosts.append(index.after_article)
    # "what went down on 6 october 2021?": what happened that day, the event of the day first
    boosts += [index.dated(shape), index.dated(shape, opening=True)]
    part = q.part_asked(shape)
    if part and part.isdigit():
        # "what justification does the author give in paragraph 7?": that paragraph's entries first
        boosts.append(frozenset(e.id for e in index.entries if str(e.paragraph) == part and not e.after_article))
    limit = 2 * MAX_LIST if q.wants_list(shape) else 8
    query = _without_empty_phrases(query, ctx.question, ctx.lang)
    return index.search(query, limit=limit, boosts=tuple(b for b in boosts if b), weak=WEAK_IN_SEARCH) if query else []


def _about(index: Index, query: str, keep_topics: bool = True, units: list[frozenset[str]] | None = None) -> list[str]:
    """What the question is about: its terms once the sides it names and the words of asking are set aside
    (and, given its ``units``, only terms a word of the question stands for: "in the end" names nothing)."""
    found = [t for t in terms(index.without_sides(query, keep_topics)) if t not in ASKING_WORDS]
    if units is not None:
        held = set().union(*units) if units else set()
        found = [t for t in found if t in held]
    return found


def _covered(index: Index, ctx: Understanding, about: list[str], entries: list[Entry]) -> float:
    """The share of what the question is about that one of ``entries`` holds, each word weighed by its
    idf. One entry, not all of them together: a question whose known words are scattered over unrelated
    entries ("How many people live in Jakarta?") is not about any of them."""
    units = _units(ctx, about)
    return max((_held(index, units, e, ctx.strange) for e in entries), default=0.0)


def _weight_held(index: Index, ctx: Understanding, entry: Entry) -> float:
    """How much of what the question is about ``entry`` holds, by the idf weight of its words."""
    units = _units(ctx, _about(index, ctx.query, units=ctx.units))
    return sum(max(index.weight(t) for t in u) for u in units if any(index.in_entries(t, [entry]) for t in u))


def _beyond_names(index: Index, ctx: Understanding, about: list[str], entries: list[Entry]) -> bool:
    """Whether one of ``entries`` holds something the question asks besides the names in it. An entity alone
    is not a topic: a question with words of its own about a name ("Moscow", "the EU", the author) is about
    those words, and an entry that shares only the name does not answer it. A question of names and nothing
    else ("Stoltenberg?") is about them."""
    units = _units(ctx, about)
    own = [u for u in units if not u <= index.side_terms]
    if not own:
        return True
    if not any(any(index.in_entries(t, [e]) for t in u) for u in own for e in entries):
        return False
    # ...nor is a name with several words the knowledge has never heard of ("is there a Yves Rocher shop in
    # the Grand Indonesia mall?"): when the entries hold nothing of it but its names, it is about those words
    # (one such word is more often chat: "the woman from Amesbury").
    beyond = [u for u in units if not u <= index.name_terms]
    unheard = sum(1 for u in beyond if not any(index.weight(t) for t in u))
    return unheard < UNHEARD or any(any(index.in_entries(t, [e]) for t in u) for u in beyond for e in entries)


def _is_strange(index: Index, word: str, lang: str) -> bool:
    """A word of an English question that is no common word and that the knowledge does not know, even
    misspelt: a name it lacks ("Litvinenko"), as specific as a word gets. (In another language a word the
    lexicon lacks is more often a colloquial word of that language, "nuduh", than a name.)"""
    return lang == "en" and len(word) >= STRANGE_MIN and word.isalpha() and not index.weight(stem(word)) \
        and zipf_frequency(word, "en") < STRANGE_BELOW


def _other_clause(index: Index, shape: str) -> bool:
    """Whether the question asks about a numbered clause of a treaty or a resolution ("Article 5") that the
    knowledge never cites: the knowledge holding "Article 10" says nothing of Article 5."""
    return any(c not in index.clauses for c in numbered_clauses(shape))


# What a stance is asked on ("Tulsi Gabbard's stance on abortion", "NATO's position towards China"), or what
# a country is part of ("is Sweden part of the eurozone?")
_STANCE_ON = re.compile(r"\b(?:(?:stance|stances|views?|position|positions|opinions?|thoughts|take|policy|policies) "
                        r"(?:on|about|towards?|regarding)|(?:part|member|members|membership) of|join(?:ed|s|ing)?) "
                        r"(?:the |a |an )?([^\W\d_]+(?: [^\W\d_]+)?)", re.IGNORECASE)


def _other_stance(index: Index, query: str) -> bool:
    """Whether a stance is asked on something the knowledge never names, or membership of a group it never
    names: a side's or a person's view of another topic ("Gabbard's stance on abortion") is about that topic,
    whoever holds it; Sweden in the eurozone is not Sweden in NATO."""
    found = _STANCE_ON.search(query)
    if found is None:
        return False
    asked = [t for t in terms(found.group(1)) if t not in ASKING_WORDS]
    return bool(asked) and not any(index.weight(t) for t in asked)


def _other_era(index: Index, query: str) -> bool:
    """Whether the question names a year well outside the span of time the knowledge tells of (by more than
    ERA_SLACK years): it is about another era ("the Cold War of 1962", "China around 1899")."""
    if not index.years:
        return False
    first, last = index.years[0] - ERA_SLACK, index.years[-1] + ERA_SLACK
    return any(not first <= int(w) <= last for w in words(query) if w.isdigit() and len(w) == 4
               and 1000 <= int(w) <= 2999)


def _held(index: Index, units: list[frozenset[str]], entry: Entry, strange: frozenset[str] = frozenset()) -> float:
    floor, unknown = KNOWN_FLOOR * index.max_idf, UNKNOWN_WEIGHT * index.max_idf
    total = held = 0.0
    for unit in units:
        weight = max(index.weight(t) for t in unit)
        in_entry = bool(weight) and any(index.in_entries(t, [entry]) for t in unit)
        if weight and not in_entry and unit <= index.side_terms:
            continue  # a side's name ("the West") says who is asked about; entries need not use the word
        known = max(weight, floor)
        total += known if weight else index.max_idf if unit & strange else unknown
        if in_entry:
            held += known
    return held / total if total else 0.0


def _topic(ctx: Understanding, index: Index, knowledge: Knowledge, shape: str) -> None:
    """A question about a claim, an event, or a side's view of one."""
    query = ctx.query
    about = _topic_words(ctx, index, shape)
    named = list(ctx.sides)  # every side named (a SIDES question's focus is narrowed to the first below)
    holder = _holder(index, ctx, query)
    hits = _search(index, query, ctx, shape)
    if _by_shape(ctx, index, knowledge, shape, about):
        return
    quoted = [e for e in map(knowledge.entry, index.quoting(ctx.question)) if e is not None]
    picked = _ordered(_pick(hits, q.wants_list(shape)), hits, index, ctx, holder, quoted)
    ctx.coverage = _covered(index, ctx, about, picked)
    # An alias of two words or more named in full ("case against Russia", "not one inch") is a moderator's
    # word for how people ask about that entry; one word alone ("Salisbury") is not enough on its own. Nor is
    # an alias in a question mostly about something else, with words of its own the knowledge never uses:
    # NATO's "open door" is not China's of 1899 ("for debate class" is one such word, and only chat).
    by_alias = bool(hits) and hits[0].alias_words >= 2 \
        and (not about or ctx.coverage >= ALIAS_COVERAGE or _unknown(index, ctx, about) < UNHEARD)
    on_topic = bool(picked) and index.strength(hits) >= MIN_STRENGTH and (ctx.coverage >= COVERAGE or by_alias)
    if on_topic and not _beyond_names(index, ctx, about, picked):
        on_topic = False  # "who is Erlangga Pratama's wife?": the entries hold the name, not what is asked of it
    if quoted:
        on_topic = True  # the article's own words, quoted: "what does 'diplomacy way will be done' mean?"
    if on_topic and ctx.kind is not Kind.INJECTION and q.is_errand(shape):
        on_topic = False  # advice, travel, errands: out of scope whatever words they share with the knowledge
    if not on_topic and len(named) >= 2 and picked and not q.is_errand(shape):
        # Two sides of the article named: the question is about how they stand, and a word or two the
        # knowledge lacks is more likely phrasing than another topic.
        on_topic = index.strength(hits) >= MIN_STRENGTH and ctx.coverage >= COVERAGE * 0.8
    if not on_topic and not about and not q.is_errand(shape) \
            and (JUDGEMENT_WORDS & set(terms(query)) or q.asks_who_wins(shape) or q.asks_who_wins(query)):
        # "so who's the good guy?", "who kicked off this whole mess?"
        ctx.kind, ctx.entries = Kind.VERDICT, _central(knowledge, ctx.sides)
        return
    part = _paragraph(knowledge, q.part_asked(shape)) if not q.is_errand(shape) else []
    if on_topic:
        ctx.entries = _turned_out(_listed(index, ctx, about, picked, shape), knowledge, shape)
    elif part:
        ctx.entries = part  # "the article's opening claim", "what does paragraph 4 say"
    elif named and not q.is_errand(shape) and (not about or (len(named) >= 2 and _unknown(index, ctx, about) <= 1
                                                             and not _known_units(index, ctx, about))):
        _sides_alone(ctx, named, hits, picked, knowledge, shape)
    else:
        ctx.in_scope, ctx.kind = False, Kind.OUT_OF_SCOPE


def _sides_alone(ctx: Understanding, named: list[str], hits: list[Hit], picked: list[Entry], knowledge: Knowledge,
                 shape: str) -> None:
    """Only a side, nothing else ("Tell me about NATO"): that side's part in the central disputes. So too for
    two sides and one word the knowledge lacks ("Did NATO provoke Russia?"): how they see each other.
    "Everything the article says about Ukraine and Georgia" wants every entry that names them."""
    if len(named) == 1 and picked and q.asks_what_happened_in(shape):
        # "What happened in Ukraine?" names a place: its events, not its government's view
        ctx.entries, ctx.sides = picked, []
        return
    listed = _pick(hits, True) if q.wants_list(shape) else []
    ctx.kind, ctx.sides = Kind.SIDES, named
    ctx.entries = listed or _central(knowledge, named)


def _by_shape(ctx: Understanding, index: Index, knowledge: Knowledge, shape: str, about: list[str]) -> bool:
    """Questions answered by their shape, whatever entries their words find: what happened after the article,
    another treaty clause, era or topic of a stance, a timeline, the people of the story. Whether it was one."""
    if q.asks_after(shape, knowledge.article.date) and not about:
        # "What happened after the article?": every later event, in the order they happened.
        ctx.entries = sorted((e for e in knowledge.entries if e.after_article), key=lambda e: e.when or "")
    elif _other_clause(index, shape) or _other_era(index, ctx.query) or _other_stance(index, ctx.query):
        # "has NATO's Article 5 ever been used?", "the open door policy in China around 1899": a clause of a
        # treaty the knowledge never cites, or another era, or a stance on another topic, whatever words or
        # sides it shares
        ctx.entries = []
    elif q.wants_timeline(shape) and not [t for t in about if t not in TIMELINE_WORDS]:
        _timeline(ctx, index, knowledge, shape)
        return True
    elif q.wants_people(shape) and not [t for t in about if t not in PEOPLE_WORDS]:
        ctx.entries = _people(index, knowledge, shape)
    elif q.asks_who_the_sides_are(shape) and not [t for t in about if t not in ASKING_WORDS]:
        # "who are the sides?": whose positions the knowledge records, where they meet
        ctx.entries, ctx.sides_listed = _central(knowledge, []), True
    else:
        return False
    ctx.in_scope = bool(ctx.entries)
    ctx.kind = Kind.CLAIM if ctx.entries else Kind.OUT_OF_SCOPE
    return True


def _topic_words(ctx: Understanding, index: Index, shape: str) -> list[str]:
    """What a question of a claim or a side's view is about."""
    stance = ctx.sides == ["author"] and q.asks_authors_stance(shape)
    # "is this piece one-sided in favour of Moscow?": where the author stands; Moscow is who, not what
    about = [t for t in _about(index, ctx.query, keep_topics=not stance, units=ctx.units)
             if not (stance and t in WRITER_WORDS)]
    if ctx.kind is Kind.SIDES and ctx.sides:
        # "what's Moscow's side of the story?": the side whose view is asked is who, not what about
        about = [t for t in about if t not in index.possessed_by(ctx.question, ctx.sides[0])]
    return about


# Who is asked to have said something: "what did heiko maas say", "what has lavrov said about it"
_SAID_BY = re.compile(r"\bwhat (?:did|does|has|had) ((?:\w+ ){0,2}\w+) (?:say|said|says|tell|claim)\b")


def _ordered(picked: list[Entry], hits: list[Hit], index: Index, ctx: Understanding, holder: str | None,
             quoted: list[Entry]) -> list[Entry]:
    """Which of the entries found leads."""
    if holder:
        # "the West's problem with Russia" is the West's case, however much Russia's grievances share its
        # words: of the entries found, one the asking side holds leads
        rank = {h.entry.id: i for i, h in enumerate(hits)}
        held = sorted((e for e in index.entries if e.id in index.held_by(holder)
                       and CASE_TERMS & set(terms(e.title))),  # a side's case itself, not an event of it
                      key=lambda e: rank.get(e.id, len(rank)))
        picked = held[:1] + [e for e in picked if e not in held[:1]]
    if ctx.kind is Kind.SIDES and ctx.sides:
        # "What does the author think about Skripal?": among the entries about Skripal, the author's view
        # first, then the facts it is about.
        voiced = index.voiced_by(ctx.sides[0])
        picked = sorted(picked, key=lambda e: e.id not in voiced)
    if ctx.sides and RESPONDING_TERMS & set(terms(ctx.query)):
        # "how did Russia respond to the expulsions?": the answer that side gave leads, not what it answered
        # (where it has its say too); else what that side did, not what another did that it commented on
        side = ctx.sides[0]
        picked = sorted(picked, key=lambda e: (
            not (side in e.held_by and RESPONDING_TERMS & set(terms(" ".join((e.title, *e.aliases))))),
            side not in e.held_by))
    if (part := q.part_asked(ctx.query)) and part.isdigit():  # the English gloss: "paragraf 7" too
        # "…in paragraph 7?": that paragraph's entries first, those the search found before its gist
        found = [h.entry for h in hits if str(h.entry.paragraph) == part and not h.entry.after_article]
        para = found or _paragraph(index.knowledge, part)
        picked = [*para[:2], *(e for e in picked if e not in para[:2])][:max(len(picked), 2)]
    if (person := _SAID_BY.search(ctx.query)) is not None:
        # "what did Heiko Mass say?": where that person speaks, before what is said about them
        name = {w for w in person.group(1).split() if len(w) >= 4}
        picked = sorted(picked, key=lambda e: not any(name & set(words(p.speaker or "")) for p in e.positions))
    if quoted:  # the entries that quote the words the question quotes, first of all
        picked = [*quoted, *(e for e in picked if e not in quoted)][:max(len(picked), len(quoted))]
    return picked


def _timeline(ctx: Understanding, index: Index, knowledge: Knowledge, shape: str) -> None:
    """"The key dates, oldest first": every event the knowledge dates, in the order they happened (only the
    article's, when that is what is asked)."""
    events = [e for e in knowledge.entries if _dated(e)
              and (not q.asks_about_article(shape) or e.id in index.in_article)]
    ctx.entries = _in_order(events, q.wants_newest_first(shape))[:MAX_LIST]
    ctx.in_scope = bool(ctx.entries)
    ctx.kind = Kind.CLAIM if ctx.entries else Kind.OUT_OF_SCOPE


# How the people of the story are asked for: who, not what about
PEOPLE_WORDS = _stems("name names named people person persons official officials politician politicians figure "
                      "figures speaker speakers individual individuals leader leaders minister ministers quote "
                      "quoted quotes cite cited mention mentioned show shows piece article stuff everyone everybody "
                      "involved appear appears")
# A person who speaks in a position: "Jens Stoltenberg, NATO Secretary General" (not "The Kremlin")
_PERSON = re.compile(r"^([A-Z][^\W\d_]+(?: [A-Z][^\W\d_]+)+),")
# A person the article names: two capitalised words, one of them no common word ("Heiko Mass", not "Cold War")
_NAMED = re.compile(r"\b([A-Z][^\W\d_]{2,}) ([A-Z][^\W\d_]{2,})\b")


def _people(index: Index, knowledge: Knowledge, shape: str) -> list[Entry]:
    """"List the officials quoted": the entries where each person quoted has their say, one entry per new
    person, the article's own first. "Every name in the piece": for each person the article names, the
    entry that tells most of them."""
    chosen: list[Entry] = []
    if q.wants_quoted(shape):
        seen: set[str] = set()
        ordered = sorted(knowledge.entries, key=lambda e: (e.id not in index.in_article, e.paragraph or 99))
        for entry in ordered:
            people = {m.group(1) for p in entry.positions if (m := _PERSON.match(p.speaker or ""))}
            if people - seen:
                chosen.append(entry)
                seen |= people
        return chosen[:MAX_LIST]
    text = " ".join(p.text for p in knowledge.article.paragraphs)
    names = dict.fromkeys(f"{a} {b}" for a, b in _NAMED.findall(text)
                          if min(zipf_frequency(a.lower(), "en"), zipf_frequency(b.lower(), "en")) < COMMON_NAME)
    for name in [*names, knowledge.article.author]:  # ...and the byline's
        hits = index.search(name, limit=1)
        if hits and hits[0].entry not in chosen:
            chosen.append(hits[0].entry)
    return chosen[:MAX_LIST]


def _listed(index: Index, ctx: Understanding, about: list[str], picked: list[Entry], shape: str) -> list[Entry]:
    """What was found, as a list question wants it: gathered, and in order when a timeline is asked for."""
    if q.wants_list(shape):
        picked = _gathered(index, ctx, about, picked)
    if q.wants_timeline(shape):
        picked = _in_order(picked, q.wants_newest_first(shape))
    return picked


def _gathered(index: Index, ctx: Understanding, about: list[str], picked: list[Entry]) -> list[Entry]:
    """A list question ("all the expulsions, who kicked out how many") wants every entry that holds what it
    is about (LIST_HOLD of it), however briefly (the UK's 23 in the Salisbury entry), not only those that
    score best, when those are few: they come after what was found, in the order of the search, up to
    MAX_LIST."""
    units = _units(ctx, about)
    if not units or len(picked) >= MAX_ENTRIES:
        return picked  # the search found enough of its own; more would crowd out what each one says
    ranked = [h.entry for h in index.search(ctx.query, limit=len(index.entries), weak=WEAK_IN_SEARCH)]
    holding = [e for e in ranked if e not in picked and _held(index, units, e, ctx.strange) >= LIST_HOLD]
    return (picked + holding)[:MAX_LIST]


def _dated(entry: Entry) -> str | None:
    """When an event happened: its ``when``, or the year its title gives ("The 2018 Salisbury poisoning").
    An entry whose title names no year is a view or a claim, not an event of a timeline."""
    if entry.when:
        return entry.when
    found = _YEAR.search(entry.title)
    return found.group(0) if found else None


def _in_order(entries: list[Entry], newest_first: bool = False) -> list[Entry]:
    """``entries`` oldest first (or newest first), the undated after the dated, each group as it was."""
    dated = sorted((e for e in entries if _dated(e)), key=lambda e: _dated(e) or "", reverse=newest_first)
    return dated + [e for e in entries if not _dated(e)]


def _turned_out(picked: list[Entry], knowledge: Knowledge, shape: str) -> list[Entry]:
    """"Is Navalny still in jail?": how it turned out leads (the later events the knowledge links to what was
    found), then what it followed on. Other questions keep what was found as it is."""
    after = q.asks_after(shape, knowledge.article.date)
    if not after and not q.asks_what_became_of(shape):
        return picked
    later = [e for e in map(knowledge.entry, dict.fromkeys(r for e in picked for r in e.related))
             if e is not None and e.after_article and e not in picked]
    if not after:  # "what happened to Navalny?": what was found, then how it turned out
        return picked + [e for e in later[:1] if e not in picked]
    ordered = sorted(picked + later, key=lambda e: not e.after_article)
    return ordered[:len(picked) + min(len(later), 1)]  # one more at most: what was found stays


def _verdict(ctx: Understanding, index: Index, knowledge: Knowledge, last: Turn | None = None) -> None:
    """Judge by what the question is about, not by how it asks: "right" or "better" must not pull in entries
    that happen to use the word. Nothing at all besides them ("who is right?") is about the article as a
    whole; words the knowledge mostly does not know ("who is right about pizza?", "who won the last race,
    Germany?") are off-topic. The sides it names are who, not what: "Isn't Russia the aggressor?" is about
    the article's central disputes, Russia's part first."""
    topic = " ".join(w for w in words(index.without_sides(ctx.query, keep_topics=False))
                     if stem(w) not in ASKING_WORDS)
    held = set().union(*ctx.units) if ctx.units else set()
    about = [t for t in terms(topic) if t not in ASKING_WORDS and t in held]
    if ctx.sides == ["author"]:  # "did the guy writing this pick a side?": who is asked about, not what
        about = [t for t in about if t not in WRITER_WORDS and t not in AUTHOR_ROLES]
    boosts = (index.voiced_by(ctx.sides[0]),) if ctx.sides else ()
    topical = [h for h in index.search(topic, boosts=boosts) if h.entry.flagged] if about else []
    quoted = [e for e in map(knowledge.entry, index.quoting(ctx.question)) if e is not None]
    picked = [*quoted, *(e for e in _pick(topical, False) if e not in quoted)][:MAX_ENTRIES]
    if ctx.sides:  # "is the author right about Skripal?": the author's view of it first
        voiced = index.voiced_by(ctx.sides[0])
        picked = sorted(picked, key=lambda e: e.id not in voiced)
    ctx.coverage = _covered(index, ctx, about, picked)
    previous = [e for e in map(knowledge.entry, last.cited) if e is not None] if last else []
    close = [e for e in previous if _held(index, _units(ctx, about), e) >= COVERAGE] if about else []
    if not about and previous:
        # "is that right?" after an answer: the disputes of what was just said
        flagged = [e for e in previous if e.flagged]
        ctx.entries = (flagged or previous)[:MAX_ENTRIES]
    elif close:
        # "was it legal?" after Crimea: what was just said, if it holds what is asked, before other entries
        # that happen to use the word
        ctx.entries = close[:MAX_ENTRIES]
    elif picked and ctx.coverage >= COVERAGE * 0.8:
        ctx.entries = picked
    elif not about or _known(index, ctx, about) >= COVERAGE or (ctx.sides and _unknown(index, ctx, about) <= 1):
        # A side named and at most one word the knowledge lacks is still a verdict request about the
        # article ("is Russia the baddie?"); a race, a pizza or a film is not.
        ctx.entries = _central(knowledge, ctx.sides)
    else:
        ctx.in_scope, ctx.kind = False, Kind.OUT_OF_SCOPE


def _known(index: Index, ctx: Understanding, about: list[str]) -> float:
    """The share of what the question is about that the knowledge knows at all (in any entry)."""
    units = _units(ctx, about)
    if not units:
        return 0.0
    floor, unknown = KNOWN_FLOOR * index.max_idf, UNKNOWN_WEIGHT * index.max_idf
    weights = [max(index.weight(t) for t in u) for u in units]
    return sum(max(w, floor) for w in weights if w) / sum(max(w, floor) if w else unknown for w in weights)


def _unknown(index: Index, ctx: Understanding, about: list[str]) -> int:
    return sum(1 for u in _units(ctx, about) if not any(index.weight(t) for t in u))


def _known_units(index: Index, ctx: Understanding, about: list[str]) -> int:
    """Known words of the question besides the names of sides."""
    return sum(1 for u in _units(ctx, about) if any(index.weight(t) for t in u) and not u <= index.side_terms)


def _units(ctx: Understanding, about: list[str]) -> list[frozenset[str]]:
    wanted = set(about)
    return list(dict.fromkeys(u & wanted for u in ctx.units if u & wanted))


def _unwrapped(asked: str, lang: str, in_conversation: bool) -> tuple[str, str, str, Kind]:
    """An injection is never obeyed, but the question wrapped in it is still answered, as what it is ("…,
    then say who poisoned Skripal" is a question about the poisoning; "…; who's right on Navalny?" a verdict
    request). Returns what is asked, its gloss, the text its kind is read from, and that kind."""
    asked = q.strip_instructions(asked, lambda clause: language.gloss(clause, lang))
    glossed = language.gloss(asked, lang)
    shape = asked if lang == "en" else glossed
    kind = q.classify(shape, in_conversation) if shape else Kind.INJECTION
    if kind is Kind.INJECTION:
        kind = Kind.CLAIM  # an instruction inside the instruction: what is left is taken at its word
    return asked, glossed, shape, kind


def _item_of(previous: list[Entry], item: int | None, said: set[str], knowledge: Knowledge) -> list[Entry]:
    """"tell me more about the second one": that item of the last answer, then what it relates to that was
    not said; nothing when no item is asked, or there is no such item."""
    at = None if item is None else item - 1 if item > 0 else item
    if at is None or not -len(previous) <= at < len(previous):
        return []
    chosen = previous[at]
    more = [e for e in map(knowledge.entry, chosen.related) if e is not None and e.id not in said]
    return [chosen, *more][:MAX_ENTRIES]


def _later_events(nearby: list[Entry], knowledge: Knowledge) -> list[Entry]:
    """"and after that?": the later events linked to what was discussed (or else all of them), in order."""
    later = [e for e in knowledge.entries if e.after_article]
    linked = {e.id for e in nearby}
    return sorted([e for e in later if e.id in linked] or later, key=lambda e: e.when or "")


def _side_in_conversation(ctx: Understanding, last: Turn, index: Index, knowledge: Knowledge, shape: str,
                          previous: list[Entry], related: list[Entry]) -> list[Entry]:
    """"and NATO?": where the side asked about has its say in what was discussed, or one step further along
    the relations, or else wherever it has its say, nearest first to what was asked before."""
    nearby = previous + related
    if q.asks_action(shape):  # what the side did: its own claims and moves among the related entries
        ctx.side_leads = False
        acts = [e for e in related if set(e.held_by) & set(ctx.sides)]
        nearby = acts + [e for e in nearby if e not in acts]
    def voices(entries: list[Entry]) -> list[Entry]:
        return [e for e in entries if any(p.side in ctx.sides for p in e.positions)
                or set(e.held_by) & set(ctx.sides)]

    voiced = voices(nearby)
    if not voiced:  # the side has no say in what was discussed: one step further along the relations
        further = [e for e in map(knowledge.entry, dict.fromkeys(r for e in related for r in e.related))
                   if e is not None and e not in nearby]
        voiced = voices(further)
    if not voiced:  # nor further: where the side has its say, nearest first to what was asked before
        rank = {h.entry.id: i for i, h in enumerate(index.search(last.question, limit=len(index.entries)))}
        voiced = sorted(voices(list(knowledge.entries)), key=lambda e: rank.get(e.id, len(rank)))
    # What was asked about stays in view ("…and how does Moscow answer that?"), with its flag.
    kept = [e for e in previous[:1] if e not in voiced[:MAX_ENTRIES]]
    return (voiced[:MAX_ENTRIES - len(kept)] + kept + [e for e in previous if e not in voiced and e not in kept]
            )[:MAX_ENTRIES]


# What someone said or found, asked of what was just said ("what did he conclude?"): no topic of its own
TELLING_TERMS = frozenset(terms("conclude concluded concludes conclusion find found finds finding findings decide "
                                "decided rule ruled ruling say said says claim claimed think thought mean meant "
                                "do did happen happened respond responded reply replied answer answered argue "
                                "argued recommend recommended write wrote report reported"))


def _follow_up(ctx: Understanding, last: Turn, index: Index, knowledge: Knowledge, shape: str) -> None:
    """A follow-up continues the conversation: its entries and sides, unless it names a topic of its own.
    "and NATO?" gives NATO's view of the same entries, "and what did Russia do?" Russia's part in what they
    relate to; "what about Georgia?" or "was that about Skripal?" the entries closest to what was discussed
    that hold the new words; "tell me more" or "why?" what the knowledge relates to it that was not said."""
    previous = [e for e in map(knowledge.entry, last.cited) if e is not None]
    said = set(last.cited)
    related = [e for e in map(knowledge.entry, dict.fromkeys(r for e in previous for r in e.related))
               if e is not None and e.id not in said]
    nearby = previous + related
    if q.wants_other_side(shape):
        ctx.sides = [s for s in _sides_of(last.cited, knowledge) if s not in last.sides]
    if _by_reference(ctx, last, previous, index, knowledge, shape):
        return
    # The sides it names say whose view is asked ("and what does the West say?"), not what about.
    about = _about(index, ctx.query, keep_topics=not ctx.sides, units=ctx.units)
    own = [t for t in about if index.weight(t)]
    close = [e for e in nearby if _held(index, _units(ctx, about), e) >= COVERAGE] if own else []
    hits = _search(index, ctx.query, ctx, shape, frozenset(last.cited))
    picked = _pick(hits, q.wants_list(shape))
    ctx.coverage = _covered(index, ctx, about, picked)
    step = q.relative_time(shape) if previous and not q.wants_other_side(shape) else 0
    told = _told(previous, last, hits, own, shape) and not step and not q.asks_after(shape)
    if told:
        close = previous[:MAX_ENTRIES]
    around = _in_time(previous[0], step, _candidates_in_time(ctx, knowledge, previous, nearby, own), index, ctx,
                      about) if step else []
    if around:
        # "what happened in georgia a few months later?", "and before that?": the events next in time to
        # what was just said, of the topic asked (or else of what it relates to), nearest first; what
        # happened is asked, not a side's view of it
        ctx.entries, ctx.side_leads = around, False
    elif q.asks_after(shape, knowledge.article.date) and not q.wants_other_side(shape) and not close:
        ctx.entries = _later_events(nearby, knowledge)
    elif close and hits and hits[0].alias_hit and hits[0].entry not in close and own and not told:
        # "what about Skripal?" after Navalny: a topic named by its own alias is a new topic, not a detail
        # of what was discussed that happens to mention it
        ctx.entries = picked
    elif close:
        rank = {h.entry.id: i for i, h in enumerate(index.search(ctx.query, limit=len(index.entries)))} \
            if len(close) > 1 else {}
        ctx.entries = sorted(close, key=lambda e: rank.get(e.id, len(rank)))[:MAX_ENTRIES]
    elif own and picked and ctx.coverage >= COVERAGE:
        ctx.entries = picked
    elif ctx.sides:
        ctx.entries = _side_in_conversation(ctx, last, index, knowledge, shape, previous, related)
    elif previous and q.asks_which(shape):
        # "which one?": the one of what was said that the last question asked about most
        before = language.gloss(last.question, language.detect(last.question))
        asked = index.search(index.correct(before), limit=len(index.entries), weak=WEAK_IN_SEARCH)
        rank = {h.entry.id: i for i, h in enumerate(asked)}
        ctx.entries = sorted(previous, key=lambda e: rank.get(e.id, len(rank)))[:MAX_ENTRIES]
    else:
        # "tell me more", "why?", "who said that?": what the knowledge relates to it first, so the answer
        # goes on rather than saying the same again
        ctx.entries = (related[:1] + previous)[:MAX_ENTRIES] if previous else picked
    ctx.entries += _errors_about(ctx.entries, previous)
    ctx.in_scope = bool(ctx.entries)
    if not ctx.in_scope:
        ctx.kind = Kind.OUT_OF_SCOPE


def _by_reference(ctx: Understanding, last: Turn, previous: list[Entry], index: Index, knowledge: Knowledge,
                  shape: str) -> bool:
    """Follow-ups that point at what was just said: "source?", "the second one", "same for Navalny?".
    Whether it was one."""
    if previous and q.asks_for_sources(shape):
        # "source?": the sources of what was just said, the entries it led with
        ctx.entries, ctx.sources, ctx.evidence = previous[:SOURCED], True, q.asks_for_evidence(shape)
        return True
    item = _item_of(previous, q.item_asked(shape), set(last.cited), knowledge)
    if item:
        ctx.entries = item
        return True
    if (other := q.same_for(shape)) is not None and previous:
        # "same for navalny?" after "did the skripals survive?": that question, of Navalny
        ctx.entries = _asked_again(last.question, previous[0], other, index)
        return bool(ctx.entries)
    return False


def _told(previous: list[Entry], last: Turn, hits: list[Hit], own: list[str], shape: str) -> bool:
    """"what did he conclude?" after the Sturgess inquiry: what was just said, told on; not another entry
    that uses the verb. (After "did the author see it coming?", "he" is the author: his own conclusion is
    meant.)"""
    return bool(previous) and q.refers_back(shape) and set(own) <= TELLING_TERMS \
        and not (last.sides and hits and set(hits[0].entry.held_by) & set(last.sides))


def _candidates_in_time(ctx: Understanding, knowledge: Knowledge, previous: list[Entry], nearby: list[Entry],
                        own: list[str]) -> list[Entry]:
    """What may come next in time: any event of a topic the follow-up names ("…in georgia a few months
    later"), or what a side it names did or said ("and what did russia do later?"), or else what relates to
    what was just said."""
    if own:
        return [e for e in knowledge.entries if e not in previous]
    if ctx.sides:
        return [e for e in knowledge.entries if e not in previous and (set(e.held_by) & set(ctx.sides)
                or any(p.side in ctx.sides for p in e.positions))]
    return nearby[1:] + _later_events(nearby, knowledge)


def _in_time(anchor: Entry, step: int, candidates: list[Entry], index: Index, ctx: Understanding,
             about: list[str]) -> list[Entry]:
    """Of ``candidates``, the events after (``step`` 1) or before (-1) ``anchor``, nearest first, holding what
    the question is about when it names something of its own."""
    start = _day_of(anchor)
    if start is None:
        return []
    units = [u for u in _units(ctx, about) if any(index.weight(t) for t in u)]
    unique = list({e.id: e for e in candidates}.values())
    found = [(day, e) for e in unique if (day := _day_of(e)) is not None
             and (day > start if step > 0 else day < start) and not day.startswith(start) and not start.startswith(day)
             and (not units or _held(index, units, e) >= COVERAGE)]
    found.sort(key=lambda pair: pair[0], reverse=step < 0)
    return [e for _, e in found[:MAX_ENTRIES]]


_MONTH_NUMBER = {m: i for i, m in enumerate(("january february march april may june july august september october "
                                             "november december").split(), 1)}
_CLAIM_DAY = re.compile(r"\b(?:(\d{1,2})(?:[–-]\d{1,2})?(?: to \d{1,2})? )?(January|February|March|April|May|June|"
                        r"July|August|September|October|November|December) (\d{4})\b")


def _day_of(entry: Entry) -> str | None:
    """When an event happened, as finely as the knowledge says ("2008-04-03", "2014-02", "2018"): its
    ``when``, or the first date its claim gives, or the year of its title."""
    if entry.when:
        return entry.when
    found = _CLAIM_DAY.search(entry.claim.split(". ")[0])
    if found:
        day, month, year = found.groups()
        return f"{year}-{_MONTH_NUMBER[month.lower()]:02d}" + (f"-{int(day):02d}" if day else "")
    return _dated(entry)


def _asked_again(before: str, led: Entry, other: str, index: Index) -> list[Entry]:
    """The entries of the question ``before`` asked of ``other`` instead: the names that made it about what
    its answer ``led`` with (those in that entry's title: "skripals") give way to ``other``'s words; the rest
    of what it asked stays ("survive", "novichok")."""
    said = index.correct(language.gloss(other, language.detect(other)))
    new = terms(said)
    if not new:
        return []
    subject = set(terms(led.title)) & (index.name_terms | index.side_terms)
    english = language.gloss(before, language.detect(before))
    kept = [w for w in words(index.correct(english)) if not set(terms(w)) & subject]
    hits = index.search(" ".join([*kept, said, said]), limit=8, weak=WEAK_IN_SEARCH)
    return [h.entry for h in hits if any(index.in_entries(t, [h.entry]) for t in new)][:MAX_ENTRIES]


def _errors_about(entries: list[Entry], previous: list[Entry]) -> list[Entry]:
    """The article's errors about what a follow-up goes on with, from what was said before: its ❌ or ✏️
    stays with the conversation ("…and how did Russia answer that?" after the 2018 cut still carries the
    article's garbled order of Russia's answer)."""
    ids = {e.id for e in entries}
    return [e for e in previous if e.status in (Status.INACCURATE, Status.GARBLED) and e.id not in ids
            and (ids & set(e.related) or any(e.id in x.related for x in entries))]


def _paragraph(knowledge: Knowledge, part: str | None) -> list[Entry]:
    """The entries of the paragraph asked about, its gist first ("last" is the last one before the byline)."""
    if part is None:
        return []
    numbered = sorted({e.paragraph for e in knowledge.entries if e.paragraph and not e.after_article})
    body = [n for n in numbered if n < len(knowledge.article.paragraphs)] or numbered
    if not numbered:
        return []
    n = {"first": body[0], "last": body[-1], "byline": numbered[-1]}.get(part) or int(part)
    para = knowledge.article.paragraph(n)
    gist = [e for e in map(knowledge.entry, para.gist if para else []) if e is not None]
    rest = [e for e in knowledge.entries if e.paragraph == n and not e.after_article and e not in gist]
    return (gist + rest)[:MAX_LIST]


def _pick(hits: list[Hit], as_list: bool) -> list[Entry]:
    if not hits:
        return []
    best = hits[0].score
    cutoff, most = (LIST_CUTOFF, MAX_LIST) if as_list else (RELATIVE_CUTOFF, MAX_ENTRIES)
    return [h.entry for h in hits if h.score >= best * cutoff][:most]


def _flagged(knowledge: Knowledge, shape: str) -> list[Entry]:
    """The article's flagged claims; only its errors, or only its opinions, when that is what is asked."""
    wanted: set[Status] = set()
    if q.wants_errors_only(shape):
        wanted.update((Status.INACCURATE, Status.GARBLED))  # the article's errors: wrong, or garbled
    if q.wants_opinions_only(shape):
        wanted.add(Status.OPINION)

    return [e for e in knowledge.flagged() if not e.after_article and (not wanted or e.status in wanted)]


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
    take part in, then those most other entries relate to (the knowledge's own sense of what is central).
    A side that takes part in none ("where does the Germany guy fit in?") gets what it holds itself."""
    related = Counter(r for e in knowledge.entries for r in e.related)
    contested = [e for e in knowledge.entries if e.status in (Status.CONTESTED, Status.OPINION) and not e.after_article]
    contested.sort(key=lambda e: (-len({p.side for p in e.positions} & set(sides)), -related[e.id]))
    if sides and not {p.side for e in contested[:1] for p in e.positions} & set(sides):
        # ...its opinions first: where the author stands is what the author thinks, not what he got wrong
        held = [e for e in knowledge.entries if set(e.held_by) & set(sides) and not e.after_article]
        held.sort(key=lambda e: (e.status is not Status.OPINION, -related[e.id]))
        return held[:MAX_ENTRIES] or contested[:MAX_ENTRIES]
    return contested[:MAX_ENTRIES]
