"""The support test: is a sentence in Parley's voice held by the entries it cites?

A sentence is read as clauses. A clause that attributes ("The Russian government says…", "According to
the UK…", "The author argues…") is that side's: every word in it must be the side's own — its curated
positions, the sentences of the cited entries that name it, the whole entry when the side holds it. A
clause that does not attribute is Parley's own voice: its words must come from the cited entries' neutral
text (title, claim, correction, date), the question, the sides' names, or a small closed vocabulary of
connective and framing words. Words are compared as English Snowball stems, so "poisoned" is held by
"poisoning" and "denies" by "deny"; numbers and dates only by themselves.

Support is necessary, not sufficient: words can be rearranged into a ruling ("Russia is right" from an
entry that quotes "Russia has no right…"). So Parley's voice, and any neutral side's (the record, the
historians: they state, they do not rule), is also read for verdicts; and words of judgement in Parley's
voice ("guilty", "lying", "convincing") must be the cited entries' neutral words, never only the question's.
Another language fails by construction: its words are not the entries' words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

from bot.core.markup import normalise
from bot.knowledge.schema import STATUS_LABELS, Entry, Knowledge, Status

_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def _stems(words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words.split())


_NUMBER_COMMA = re.compile(r"(?<=\d)[,\u202f\u00a0](?=\d{3}\b)")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+")
_CONTRACTION = re.compile(r"n['’]t\b", re.IGNORECASE)
_CLITIC = re.compile(r"['’](?:s|re|ve|ll|d|m)?\b", re.IGNORECASE)


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    text = normalise(text).casefold()
    text = _CONTRACTION.sub(" not", text.replace("can't", "can not").replace("won't", "will not"))
    text = _CLITIC.sub("", _NUMBER_COMMA.sub("", text))
    return _dated(_TOKEN.findall(text))


_MONTH_WORDS = frozenset(["january", "february", "march", "april", "may", "june", "july", "august", "september",
                          "october", "november", "december"])


def _dated(words: list[str]) -> tuple[str, ...]:
    """A day of the month is not a count: "18" in "18 October" becomes "§18", so that a date in the entries
    does not hold "18 members" (nor a count a date)."""
    out = list(words)
    for i, w in enumerate(words):
        if w.isdigit() and len(w) <= 2 and ((i + 1 < len(words) and words[i + 1] in _MONTH_WORDS)
                                            or (i and words[i - 1] in _MONTH_WORDS)):
            out[i] = "§" + w
    return tuple(out)


def tokens(text: str) -> list[str]:
    """Lower-case words and numbers of ``text`` after normalising: "Russia's" -> "russia", "doesn't" ->
    "does", "not"; "100,000" -> "100000"."""
    return list(_tokens(text))


# The closed vocabulary Parley's voice may use beyond the entries: function words, connectives, and the
# words with which Parley frames an answer (its status labels, its verdict and instruction sentences).
FRAMING = _stems("""
    a an the and or but nor so yet for of to in on at by with about from as into onto over under after before
    between during since until than then also too both each either neither every all any some such only same
    other others another more most less least very just even still here there this that these those it its
    itself they them their theirs he him his she her hers we us our you your yourself i me my mine who whom
    whose which what when where why how whether if because while whereas although though however instead
    rather meanwhile is are was were be been being am do does did done doing have has had having will would
    can could should shall may might must not no yes one ones own e g eg ie i.e
    according say says said saying argue argues argued argument claim claims claimed state states stated
    write writes wrote written call calls called describe describes described hold holds held maintain
    maintains put puts view views position positions side sides party parties words terms
    knowledge record records recorded entry entries article author question questions paragraph
    flag flags flagged contested disputed inaccurate opinion documented fact related later context
    give gives take takes verdict verdicts weigh instructions discuss cover covers outside below above
    first listed list lists shown like unlike among amongst within across through toward towards via per
""") | _stems(" ".join([*(s.value for s in Status), *STATUS_LABELS.values()]))  # the status vocabulary
# Reporting verbs that make the clause after them a side's: their own words are framing. Verbs that say
# more than "said so" (denies, accuses, admits) attribute too, but must be the side's own words.
_CUE_FRAMING = _stems("say says said argue argues argued claim claims claimed state states stated write "
                      "writes wrote call calls called describe describes described hold holds maintain "
                      "maintains contend contends insist insists assert asserts view views consider considers "
                      "regard regards put puts see sees believe believes think thinks")
_CUE_CONTENT = _stems("deny denies denied accuse accuses accused blame blames blamed reject rejects rejected "
                      "condemn condemns condemned admit admits admitted warn warns warned demand demands "
                      "dismiss dismisses charge charges charged conclude concludes concluded find finds found "
                      "respond responds responded counter counters fear fears accept accepts acknowledge "
                      "attribute attributes allege alleges alleged complain complains dispute disputes agree "
                      "agrees confirm confirms recognise recognises recognize recognizes prove proves show shows")
_CUES = _CUE_FRAMING | _CUE_CONTENT
_CUE_GAP = 4  # words allowed between a side's name and its verb: "Russia's Foreign Ministry says", "NATO has long held"
# Between a side's name and its verb, names and titles may stand ("Kremlin spokesman Dmitry Peskov said"),
# and these; any other function word means the verb has another subject ("Russia was responsible, and
# prosecutors charged…" is the UK's sentence, not Russia's).
_CUE_FILLER = frozenset([
    "has", "have", "had", "does", "did", "not", "also", "its", "and", "allies", "itself", "still", "then", "later",
    "long", "repeatedly", "officially", "publicly", "firmly", "strongly", "government", "foreign", "ministry",
    "spokesman", "president", "prime", "minister", "secretary", "general",
])
_FUNCTION = frozenset(w for w in FRAMING if w not in _CUE_FILLER)
# Words of judgement: in Parley's voice they must be the cited entries' neutral words.
JUDGEMENT = _stems("""
    right wrong rightly wrongly correct incorrect true untrue false truth lie lied lies lying liar liars
    guilty innocent justified unjustified justify legitimate illegitimate convincing unconvincing credible
    persuasive plausible implausible compelling stronger weaker better worse best worst blame fault faults
    aggressor responsible responsibility doubt doubts undeniable undeniably clearly obviously evidently
    certainly surely plainly indisputable indisputably proven prove proves proof debunked nonsense propaganda
    fair unfair reasonable absurd ridiculous baseless groundless sham fake bogus hoax deserve deserved win
    wins winner loses loser murder murdered criminal crime terrorist evil villain hero broke broken betray
    betrayed cheat cheated deceive deceived
""")
VERDICT = re.compile(
    r"\bI (?:think|believe|feel|support|agree|side|would say|personally|am (?:pro|for|on))\b"
    r"|\b(?:in my (?:opinion|view)|my (?:personal |own )?(?:view|opinion|verdict|position))\b"
    r"|\b(?:we|parley) (?:support|side with|believe|think|agree)\b"
    r"|\b(?:is|was|are|were|be) (?:clearly |obviously |certainly |definitely |simply |plainly )?(?:right|wrong|"
    r"justified|unjustified|correct|the aggressor|to blame|guilty|innocent|in the right|in the wrong|lying|"
    r"liars?|responsible|a sham|a lie|a hoax|illegal|legal|lawful|unlawful|to be blamed|at fault|culpable)\b"
    r"|\b(?:made|makes|make) (?:perfect )?sense\b"
    r"|\b(?:the truth is|undeniabl[ey]|without (?:a )?doubt|clearly|obviously|evidently|beyond (?:any )?doubt)\b"
    r"|\b(?:has|have|had) the (?:better|stronger|best) (?:argument|case)\b"
    r"|\b(?:little|no) doubt\b|\bholds? up\b|\bon balance\b|\bmore (?:convincing|credible|plausible|persuasive)\b"
    r"|\bspeaks? for (?:themselves|itself)\b|\bfalls? apart\b|\btaken seriously\b|\bfull stop\b"
    r"|\b(?:any|every|most|all) (?:fair |serious |honest |sensible )?(?:historians?|experts?|observers?|readers?|"
    r"analysts?|scholars?|one)\b|\bwill tell you\b|\beveryone (?:knows|agrees)\b|\bwidely (?:accepted|known)\b"
    r"|^(?:and|but) (?:it|this|they|that) (?:did|does|is|was|are|were|has|had)(?: not| so| indeed| true)?$"
    r"|\bbears? the real\b|\bwins? the (?:argument|debate)\b|\bis proven\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Material:
    """What one entry holds, as stems: its neutral text, and each side's own words."""

    neutral: frozenset[str]
    by_side: dict[str, frozenset[str]]
    every: frozenset[str]  # all of the above
    deeds: dict[str, frozenset[str]]  # side -> the words of every sentence of the entry that names it
    phrases: tuple[str, ...]  # every text of the entry as " word word ", for checking quotations


@dataclass
class Sides:
    """How the knowledge's sides are named in text, to find attributions."""

    phrases: dict[str, list[tuple[tuple[str, ...], str]]]  # first word -> (words, side id), longest first
    names: frozenset[str]  # stems of every side's names and Latin-script aliases, and the article's byline
    neutral: frozenset[str]
    members: dict[str, frozenset[str]]  # an alliance -> the sides that are part of it
    materials: dict[int, tuple[Entry, Material]] = field(default_factory=dict)


_SIDES: dict[int, tuple[Knowledge, Sides]] = {}


def sides_of(knowledge: Knowledge) -> Sides:
    """Built once per knowledge snapshot (kept for the last few: a reload swaps them)."""
    cached = _SIDES.get(id(knowledge))
    if cached is not None and cached[0] is knowledge:
        return cached[1]
    phrases, names = _side_names(knowledge)
    members: dict[str, set[str]] = {}
    for side in knowledge.sides:
        if side.part_of:
            members.setdefault(side.part_of, set()).add(side.id)
    built = Sides(phrases, frozenset(names), frozenset(s.id for s in knowledge.sides if s.neutral),
                  {k: frozenset(v) for k, v in members.items()})
    _SIDES[id(knowledge)] = (knowledge, built)
    while len(_SIDES) > 4:
        _SIDES.pop(next(iter(_SIDES)))
    return built


def _side_names(knowledge: Knowledge) -> tuple[dict[str, list[tuple[tuple[str, ...], str]]], set[str]]:
    """The phrases that name each side (by first word, longest first), and the stems of every name."""
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    names: set[str] = set()

    def add(text: str, side: str) -> None:
        words = tuple(w for w in tokens(text) if w != "the") or tuple(tokens(text))
        if words:
            phrases.setdefault(words[0], []).append((words, side))
        if all(c.isascii() or not c.isalpha() for c in text):
            names.update(stem(w) for w in tokens(text))

    for side in knowledge.sides:
        for text in (side.name, side.short, *side.aliases):
            add(text, side.id)
    if "author" in knowledge.sides_by_id:  # "The article says…" is the author's word
        for text in ("the article", "the author", "the writer"):
            add(text, "author")
    a = knowledge.article
    names.update(stem(w) for w in tokens(f"{a.title} {a.author} {a.dateline} {a.date}"))
    for options in phrases.values():
        options.sort(key=lambda o: -len(o[0]))
    return phrases, names


def mentions(words: list[str], sides: Sides) -> list[tuple[int, int, str]]:
    """(start, end, side) of every side named in ``words``, longest name first, not overlapping."""
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        step = 1
        for phrase, side in sides.phrases.get(words[i], ()):
            if tuple(words[i:i + len(phrase)]) == phrase:
                step = len(phrase)
                # "After the article, …" dates what follows; it does not quote the author.
                if phrase != ("article",) or words[max(0, i - 2):i][:1] not in (["after"], ["before"], ["since"]):
                    found.append((i, i + len(phrase), side))
                break
        i += step
    return found


_SENTENCE = re.compile(r"(?<=[.!?;])\s+|(?<=[.!?;][”\"’)])\s+")
# A tail that speaks about what was just attributed is Parley's own voice again: "Russia says the UK
# fabricated evidence, and it did", "…, which is absurd", "…, and rightly so".
_OWN_TAIL = re.compile(r",\s+(?=(?:and|but)\s+(?:it|this|they|that)\s+(?:did|does|is|was|are|were|has|had)\b"
                       r"|which\s+(?:is|was|are|were)\b|(?:and\s+)?(?:rightly|correctly|truly|indeed|wrongly)\b)",
                       re.IGNORECASE)


def _split_sentences(text: str) -> list[str]:
    return [p for s in _SENTENCE.split(text) for p in _OWN_TAIL.split(s) if p.strip()]


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def _date_words(iso: str | None) -> str:
    """"2018-09-05" as a sentence dates it: "5 September 2018"."""
    parts = (iso or "").split("-")
    if len(parts) < 2 or not all(p.isdigit() for p in parts) or not 1 <= int(parts[1]) <= 12:
        return parts[0]
    day = f"{int(parts[2])} " if len(parts) == 3 else ""
    return f"{day}{_MONTHS[int(parts[1]) - 1]} {parts[0]}"


def _material(entry: Entry, sides: Sides) -> Material:
    cached = sides.materials.get(id(entry))
    if cached is not None and cached[0] is entry:
        return cached[1]
    neutral_text = " ".join(filter(None, [entry.title, entry.claim, entry.correction.says if entry.correction
                                          else None, entry.when, str(entry.paragraph or "")]))
    neutral = frozenset(stem(w) for w in tokens(neutral_text))
    by_side: dict[str, set[str]] = {}
    for pos in entry.positions:  # who said it and when are the side's words too ("Theresa May said on…")
        said = f"{pos.says} {pos.speaker or ''} {_date_words(pos.date)}"
        by_side.setdefault(pos.side, set()).update(stem(w) for w in tokens(said))
    for sentence in _split_sentences(entry.claim) + (_split_sentences(entry.correction.says) if entry.correction
                                                     else []):
        words = tokens(sentence)
        for _, _, side in mentions(words, sides):
            by_side.setdefault(side, set()).update(stem(w) for w in words)
    for side in entry.held_by:
        by_side.setdefault(side, set()).update(neutral)
    if entry.quote:  # the article's words are the author's
        by_side.setdefault("author", set()).update(stem(w) for w in tokens(entry.quote))
    for alliance, members in sides.members.items():  # an ally's view may stand as the alliance's
        for member in members & set(by_side):
            by_side.setdefault(alliance, set()).update(by_side[member])
    texts = [entry.title, entry.claim, entry.quote or "", entry.correction.says if entry.correction else "",
             *(p.says for p in entry.positions), *(p.speaker for p in entry.positions if p.speaker)]
    deeds: dict[str, set[str]] = {}
    for sentence in (s for t in texts if t for s in _split_sentences(t)):
        words = tokens(sentence)
        for _, _, side in mentions(words, sides):
            deeds.setdefault(side, set()).update(stem(w) for w in words)
    own = {k: frozenset(v) for k, v in by_side.items()}
    built = Material(neutral, own, neutral.union(*own.values()), {k: frozenset(v) for k, v in deeds.items()},
                     tuple(" " + " ".join(tokens(t)) + " " for t in texts if t))
    sides.materials[id(entry)] = (entry, built)
    if len(sides.materials) > 20_000:
        sides.materials.pop(next(iter(sides.materials)))
    return built


_AUXILIARY = frozenset(["has", "have", "had", "was", "were", "is", "are", "did", "does", "also", "then", "later",
                        "itself"])


def _deeds(words: tuple[str, ...], sides: Sides) -> list[tuple[str, str]]:
    """(side, the word right after its name): what a clause in Parley's voice says a side did ("Russia
    poisoned…"), to be held against the sentences of the entries that name that side."""
    found = []
    for _, end, side in mentions(list(words), sides):
        rest = [w for w in words[end:end + 3] if w not in _AUXILIARY]
        if rest and stem(rest[0]) not in FRAMING and stem(rest[0]) not in sides.names and not rest[0].isdigit():
            found.append((side, rest[0]))
    return found


def _verb_follows(words: list[str], end: int) -> bool:
    """A reporting verb right after a side's name, or after a few names, titles or fillers."""
    for w in words[end:end + _CUE_GAP + 1]:
        if stem(w) in _CUES:
            return True
        if w in _FUNCTION or stem(w) in _FUNCTION:
            return False
    return False


@dataclass(frozen=True)
class Clause:
    text: str  # the words of the clause, joined
    words: tuple[str, ...]
    sides: frozenset[str]  # who it is attributed to; empty: Parley's own voice


def clauses(text: str, sides: Sides) -> list[Clause]:
    """``text`` cut into clauses at sentence ends and at every attribution ("…, while NATO says …")."""
    out: list[Clause] = []
    for sentence in _split_sentences(normalise(text)):
        words = tokens(sentence)
        cuts: list[tuple[int, frozenset[str]]] = []  # (where a scope starts, whose it is)
        found = mentions(words, sides)
        i = 0
        while i < len(found):
            start, end, side = found[i]
            group = {side}
            # "Ukraine, NATO and the UN General Assembly call it…": every side of the subject is the speaker.
            while i + 1 < len(found) and found[i + 1][0] - end <= 2 and \
                    all(w in ("and", "its", "allies", "the") for w in words[end:found[i + 1][0]]):
                i += 1
                _, end, side = found[i]
                group.add(side)
            before = words[max(0, start - 3):start]
            if "according" in before or (before[-1:] == ["in"] and words[end:end + 1] and
                                         words[end] in ("view", "words", "opinion")) or _verb_follows(words, end):
                cuts.append((start, frozenset(group)))
            i += 1
        bounds = [(0, frozenset[str]()), *cuts]
        if cuts and cuts[0][0] == 0:
            bounds = cuts
        for n, (begin, who) in enumerate(bounds):
            finish = bounds[n + 1][0] if n + 1 < len(bounds) else len(words)
            part = tuple(words[begin:finish])
            if part:
                out.append(Clause(" ".join(part), part, who))
    return out


@dataclass
class Grounds:
    """What a text may draw on: the entries it cites, and the question."""

    cited: list[Entry]
    question: str = ""
    article: tuple[str, ...] = ()  # texts of the article a quotation may also come from (title, paragraphs)
    counts: frozenset[str] = frozenset()  # numbers an answer may state about itself ("flags 12 claims")


def problems(text: str, grounds: Grounds, knowledge: Knowledge, *, where: str,
             speaker: str | None = None) -> list[str]:
    """Why ``text`` is not supported by ``grounds`` (empty if it is). ``speaker``: the text is that side's
    position, as a whole (a position the knowledge has no curated words for)."""
    sides = sides_of(knowledge)
    materials = [_material(e, sides) for e in grounds.cited]
    neutral = frozenset().union(*(m.neutral for m in materials))
    every = frozenset().union(*(m.every for m in materials))
    asked = frozenset(stem(w) for w in tokens(grounds.question))
    # Where an entry stands (its paragraph, its date) may be said in any clause: "(¶3)", "After the article (2022)".
    # and the topic by its title ("NATO says enlargement…").
    placed = frozenset(stem(w) for e in grounds.cited for w in tokens(f"{e.paragraph or ''} {e.when or ''} {e.title}"))
    article = tuple(" " + " ".join(tokens(t)) + " " for t in grounds.article)
    reasons: list[str] = []
    quoted: list[str] = []
    for q in quotations(text):
        if any(f" {q} " in p for m in materials for p in m.phrases) or any(f" {q} " in p for p in article):
            quoted.append(q)  # the entries' own words, verbatim: whoever they rule for, they are a quotation
        else:
            reasons.append(f"{where} quotes words the entries it cites do not hold: “{q[:60]}”")
    for clause in clauses(text, sides):
        who = frozenset({speaker}) if speaker and not clause.sides else clause.sides
        unquoted = f" {clause.text} "
        for q in quoted:
            unquoted = unquoted.replace(f" {q} ", " … ")
        if who:
            own = frozenset().union(*(m.by_side.get(s, frozenset()) for m in materials for s in who))
            if not own:
                names = ", ".join(sorted(who))
                reasons.append(f"{where} attributes words to {names}, which the entries it cites give no view")
                continue
            allowed: tuple[frozenset[str], ...] = (FRAMING, sides.names, own, placed)
            judged = own
        else:
            # Parley's voice may say what the cited entries hold, but words of judgement only as the
            # entries' neutral text does, or in their own quoted words.
            allowed, judged = (FRAMING, sides.names, every, asked, grounds.counts), neutral
        missing = [w for w in clause.words if not any(stem(w) in a for a in allowed)]
        judging = [w for w in unquoted.split() if stem(w) in JUDGEMENT and stem(w) not in judged]
        unheld = list(dict.fromkeys(missing + judging))
        if unheld:
            voice = f"in the words of {', '.join(sorted(who))}" if who else "in Parley's own voice"
            reasons.append(f"{where} says what the entries it cites do not hold ({voice}): "
                           f"{', '.join(unheld[:8])}")
        if not who:
            for side, deed in _deeds(clause.words, sides):
                if not any(stem(deed) in m.deeds.get(side, ()) for m in materials):
                    reasons.append(f"{where} says in Parley's own voice that {side} “{deed}”, which no sentence of "
                                   "the entries it cites says of that side")
        if (not who or who & sides.neutral) and VERDICT.search(unquoted.strip()):
            reasons.append(f"{where} gives a verdict" + (" in Parley's own voice" if not who else
                                                         f" in the name of a neutral side ({', '.join(sorted(who))})")
                           + f": {clause.text[:80]!r}")
    return list(dict.fromkeys(reasons))


_QUOTED = re.compile(r"“([^”]{1,400})”|\"([^\"]{1,400})\"|«([^»]{1,400})»")


def quotations(text: str) -> list[str]:
    """The quoted spans of ``text``, as their words: a quotation must be the entries' own words."""
    spans = [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(normalise(text))]
    return [q for q in (" ".join(tokens(s)) for s in spans) if q]


def verdicts(text: str, knowledge: Knowledge | None) -> list[str]:
    """Clauses of ``text`` that rule in Parley's own voice or a neutral side's (attributed views are not)."""
    sides = sides_of(knowledge) if knowledge is not None else Sides({}, frozenset(), frozenset(), {})
    # Quoted words are someone's words (``problems`` checks they are the entries' own, verbatim).
    unquoted = _QUOTED.sub(" … ", normalise(text))
    return [c.text for c in clauses(unquoted, sides) if (not c.sides or c.sides & sides.neutral)
            and VERDICT.search(c.text)]
