"""Find the entries a question is about: a small BM25F index with field boosts and typo tolerance.

Aliases weigh most (they are the words moderators chose for how people ask); then titles, claims,
positions, corrections and the quoted paragraph. Query words the index does not know are matched to known
words one edit away ("Mass" -> "maas", "Navalni" -> "navalny") or sharing a five-letter stem
("expansion" ~ "expanding"), at a discount; a word no edit away that sounds like a known one ("relashuns")
is put right by its Metaphone key. Everything is plain Python and built once per knowledge.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

import jellyfish
from rapidfuzz import process
from rapidfuzz.distance import OSA
from wordfreq import zipf_frequency

from bot.core.language import fold, stem_in
from bot.core.language import words as words  # re-exported: the index's notion of a word
from bot.knowledge.schema import Entry, Knowledge

STOPWORDS = frozenset(
    """a an the and or but of to in on at by for with about from as into over after before between is are was
    were be been being do does did done have has had having it its this that these those there their they them
    he she his her him we you your yours i me my mine our ours what which who whom whose why how when where
    will would can could should shall may might must not no nor so than then too very just also any some such
    only own same more most other s t say says said tell told think thinks know please article author writer
    happen happened happens really much many get got make made one two still here
    isn aren wasn weren don doesn didn won can couldn shouldn wouldn ain like whats hows wheres whos thats
    pls plz ok okay yeah yes lol tho though u ur im ive id re ll ve d m
    because cause cuz bc coz since until while again ever even now today currently anyway anyways basically
    give gives gave given see sees saw seen look looks use used uses using work works worked want wants need
    needs go goes going went gone come comes came try tried seem seems seemed let lets put show shows ask
    asked asking mean means meant keep kept become becomes became find call called doing does
    whether if else yet already actually literally exactly probably maybe perhaps kinda sorta something
    anything everything nothing someone anyone everyone thing things stuff way ways lot lots bit
    wat wht abt happend happenned hapened realy wich becuase coz gonna wanna gotta dunno
    let's im i'm it's that's what's who's wouldnt couldnt shouldnt didnt doesnt dont isnt wasnt arent werent
    wont cant hasnt havent specifically mention mentions mentioned matter matters
    next out up down off back around away itself himself herself themselves themself ourselves yourself myself
    each other rn atm btw imo tbh fr ngl idk year years time times day days supposed long whenever wherever
    whatever however wants want wanted weird trying tries piece op ed oped column toward towards regarding
    concerning gotten getting rather quite pretty fairly somewhat slightly totally completely entirely
    suddenly n anywhere somewhere everywhere""".split()
)
# Words so common in questions that they must not make an off-topic question look on-topic.
WEAK = frozenset("side sides view views position positions argue argues claim claims peopl person folk guy".split())
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _stop_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in STOPWORDS if len(w) > 3)


def stem(word: str) -> str:
    """The Snowball stem: Russian for Cyrillic words (the knowledge's Russian aliases), English otherwise."""
    return stem_in("ru" if _CYRILLIC.match(word) else "en", word)


def terms(text: str) -> list[str]:
    # A single digit says little on its own and matches every date; "30 to 20" and "100 to 11" are the
    # knowledge's own figures, and years ("2016") stay. (A rating scale, "out of 10", is taken out of the
    # question before it is searched.) A word whose stem is a stopword's is a stopword too ("keeps").
    found = (stem(w) for w in map(_cardinal, words(text)) if w not in STOPWORDS and not (w.isdigit() and len(w) < 2))
    return [t for t in found if t not in _STOP_STEMS]


_STOP_STEMS = _stop_stems()


_MONTHS = {m[:3]: m for m in ("january february march april may june july august september october november "
                             "december").split()}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}|\b{_MONTH}\s+{_DAY}\b")


def _days_in(text: str) -> list[str]:
    """The days of the year ``text`` names, each as "6 october", whichever way it is written."""
    out = []
    for m in _DAY_MONTH.finditer(fold(text)):
        day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if month[:3] in _MONTHS and 1 <= int(day) <= 31:
            out.append(f"{int(day)} {_MONTHS[month[:3]]}")
    return out


# A phrase in quotation marks: double quotes, curly ones, or single ones that open after a space ("what's"
# holds an apostrophe, not a quotation)
_NAME_PAIR = re.compile(r"\b([A-Z][a-z]{2,})\s+([A-Z][a-z]{2,})\b")  # "Heiko Maas", "Jens Stoltenberg"
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{3,160})[\"“”«»]|(?:^|(?<=\s))['‘]([^'‘’]{3,160})['’](?=\s|[?.!,:;)]|$)")
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")


def _cardinal(word: str) -> str:
    """"18th" is the 18 of "18 October"; "08" (as in "georgia in 08") is 2008."""
    found = _ORDINAL.fullmatch(word)
    if found:
        return found.group(1)
    return "20" + word if len(word) == 2 and word.startswith("0") and word.isdigit() else word


def phrase(text: str) -> str:
    """A normalised phrase for substring matching: ' heiko maas ' (padded so words match whole)."""
    return " " + " ".join(words(text)) + " "


def stem_phrase(text: str) -> str:
    """A phrase of stems, padded: ' skripal poison ' for "the Skripals' poisoning" (stopwords kept, so
    the words of an alias stay in their order)."""
    return " " + " ".join(stem(w) for w in words(text)) + " "


# field -> boost
BOOSTS = {"aliases": 3.0, "title": 2.0, "claim": 1.5, "positions": 1.0, "correction": 1.0,
          "quote": 0.8, "paragraph": 0.4, "when": 1.0}
K1, B = 1.2, 0.75
ALIAS_PHRASE_BONUS = 4.0
LOOSE_ALIAS = 0.35  # share of the bonus for an alias whose words are all asked, not as written
FUZZY_MIN = 5
NAME_MIN = 5  # shorter names have too many neighbours to correct safely
WORD_MIN = 4  # ...a misspelt word shorter than this, too
SPLIT_COMMON = 4.0  # a half of a run-together word is a word if this common ("its", "why"), or the knowledge's
SOUND_MIN = 5  # ...and one written by ear: a short word's sound (three letters of it) is shared by too many
_CAPITALISED = re.compile(r"\b[A-Z][^\W\d_]{4,}")
_WORD = re.compile(r"[^\W\d_]+")
_MID_CAPITAL = re.compile(r"(?:(?<=[^\W\d_] )|(?<=[,;] ))[A-Z][^\W\d_]*")  # a capital not opening a sentence
COMMON = 3.0  # a word this frequent in English (Zipf scale: 3 is once per million words) is a real word
TOPIC_SHARE = 0.2  # a word in more than this share of the entries names no topic in particular


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float
    alias_hit: bool = False
    alias_words: int = 0  # content words of the longest alias of the entry named in full in the question


class Index:
    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.entries = knowledge.entries
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.lengths: list[float] = []
        self.entry_terms: list[frozenset[str]] = []  # the terms of each entry, for what a question covers
        self.position = {e.id: i for i, e in enumerate(knowledge.entries)}
        self.alias_phrases: list[list[tuple[str, float, int]]] = []  # phrase, bonus, content words
        self.alias_stems: list[list[str]] = []  # each alias as its stems: "Skripals" names "Skripal"
        self.alias_terms: list[list[tuple[frozenset[str], float]]] = []  # an alias's terms (two or more), bonus
        for i, entry in enumerate(self.entries):
            tf: dict[str, float] = defaultdict(float)
            length = 0.0
            for name, text in self._fields(entry, knowledge):
                boost = BOOSTS[name]
                for term in terms(text):
                    tf[term] += boost
                    length += boost
            for term, weight in tf.items():
                self.postings[term].append((i, weight))
            self.lengths.append(length)
            self.entry_terms.append(frozenset(tf))
        n = max(1, len(self.entries))
        self.avg_length = sum(self.lengths) / n if self.lengths else 1.0
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}
        self.max_idf = math.log(1 + (n - 0.5) / 1.5) if n > 1 else 1.0
        self._index_aliases()
        self._deletes: dict[str, set[str]] = defaultdict(set)
        self._prefixes: dict[str, set[str]] = defaultdict(set)
        self._index_misspellings()
        self._index_sides(knowledge)
        self._index_days(knowledge)
        # what each entry quotes of the article and claims, and each paragraph, as phrases (for quoting)
        self._said = [(e.id, phrase(e.quote or ""), phrase(e.claim)) for e in self.entries]
        self._paragraphs = {p.n: phrase(p.text) for p in knowledge.article.paragraphs}
        self._voiced = [(e.id, phrase(" ".join(p.says for p in e.positions))) for e in self.entries]
        self.in_article = frozenset(e.id for e in self.entries if e.paragraph is not None and not e.after_article)
        self.after_article = frozenset(e.id for e in self.entries if e.after_article)
        self.surface = {w for e in self.entries for _, text in self._fields(e, knowledge) for w in words(text)}
        self.surface |= {w for alias, _ in self.side_phrases for w in alias.split()}
        # Names, for spelling correction: the words written with a capital in the knowledge and its sides
        # (people, places, organisations). Not ordinary words: "train" must not become "strain".
        names = {fold(w) for e in self.entries for _, text in self._fields(e, knowledge)
                 for w in _CAPITALISED.findall(text)}
        names.update(fold(w) for s in knowledge.sides for a in (s.short, s.name, *s.aliases)
                     for w in _CAPITALISED.findall(a))
        self._names = sorted(n for n in names if len(n) >= NAME_MIN and not _CYRILLIC.match(n))
        # A name's second word after its first ("heiko" -> "maas"): a short surname misspelt ("Heiko Mas")
        # is put right by the first name before it, where it alone is too short to correct safely.
        self._surnames: dict[str, set[str]] = defaultdict(set)
        for e in self.entries:
            for _, text in self._fields(e, knowledge):
                for first, second in _NAME_PAIR.findall(text):
                    if fold(first) not in STOPWORDS:  # "The West" is no first name and surname
                        self._surnames[fold(first)].add(fold(second))
        # ...and the knowledge's own words, for a misspelling that is no word at all ("anex" for "annex")
        self._words = sorted(w for w in self.surface if len(w) >= WORD_MIN and w.isalpha() and w not in STOPWORDS
                             and not _CYRILLIC.match(w))
        # ...and how those names and words sound, for a misspelling written by ear ("relashuns", "jorjia")
        self._sounds: dict[str, list[str]] = defaultdict(list)
        for w in [*self._names, *self._words]:
            if len(w) >= SOUND_MIN and w.isascii():
                self._sounds[jellyfish.metaphone(w)].append(w)
        self.name_terms = self._name_terms(knowledge)
        # The numbered clauses the knowledge cites ("Article 10" of NATO's treaty), as ("article", "10")
        self.clauses = frozenset(c for e in self.entries for _, text in self._fields(e, knowledge)
                                 for c in numbered_clauses(text))
        # The years the knowledge names: the span of time it tells of
        self.years = sorted(int(t) for t in self.postings if t.isdigit() and len(t) == 4)

    def _name_terms(self, knowledge: Knowledge) -> frozenset[str]:
        """The terms that name someone or something (a person, a place, a paper, a firm) or a year: words the
        knowledge writes with a capital in mid-sentence and never without ("Salisbury", "Rocher"; not "War"
        of "the Cold War", which is also "a war"), the sides' names, and years."""
        texts = [text for e in self.entries for _, text in self._fields(e, knowledge)]
        lower_words = {w for text in texts for w in _WORD.findall(text) if w.islower()}
        capital_words = {w for text in texts for w in _MID_CAPITAL.findall(text)}
        lower = {t for w in lower_words for t in terms(w)}
        capital = {t for w in capital_words for t in terms(w)}
        years = {t for t in self.postings if t.isdigit() and len(t) == 4}
        return frozenset(capital - lower) | frozenset(years) | self.side_terms

    def _index_aliases(self) -> None:
        for entry in self.entries:
            self.alias_phrases.append([(phrase(a), self._alias_bonus(a), len(set(terms(a))))
                                       for a in entry.aliases if words(a)])
            self.alias_stems.append([stem_phrase(a) for a in entry.aliases if words(a)])
            self.alias_terms.append([(frozenset(terms(a)), self._alias_bonus(a)) for a in entry.aliases
                                     if len(set(terms(a))) >= 2])

    def _index_misspellings(self) -> None:
        """Deletion neighbours and 5-letter prefixes of every term: how a misspelt word finds its term."""
        for term in self.postings:
            if len(term) >= FUZZY_MIN - 1:
                for d in _deletions(term):
                    self._deletes[d].add(term)
            if len(term) >= 5:
                self._prefixes[term[:5]].add(term)

    def _index_sides(self, knowledge: Knowledge) -> None:
        named = [(phrase(a), s.id) for s in knowledge.sides for a in (s.short, s.name, *s.aliases)]
        self.side_phrases = named + [(f" {d} ", side) for alias, side in named for d in _demonyms(alias)]
        # ...and a name's possessive without its apostrophe, as chat writes it ("the authors take", "russias
        # view"); not a demonym's plural: "eight Russians" are people, not the Russian government
        self.side_phrases += [(alias[:-1] + "s ", side) for alias, side in named
                              if alias.strip() and not alias.endswith("s ") and _CYRILLIC.search(alias) is None]
        self.side_terms = frozenset(t for alias, _ in self.side_phrases for t in terms(alias))
        # Where a side has its say: the entries giving it a position (its view); for a side with no position
        # anywhere, those it holds.
        voices: dict[str, set[str]] = defaultdict(set)
        for entry in self.entries:
            for pos in entry.positions:
                voices[pos.side].add(entry.id)
        holders: dict[str, set[str]] = defaultdict(set)
        for entry in self.entries:
            for side in entry.held_by:
                holders[side].add(entry.id)
        for side, ids in holders.items():
            voices.setdefault(side, ids)
        self._voices = {side: frozenset(ids) for side, ids in voices.items()}
        self._holders = {side: frozenset(ids) for side, ids in holders.items()}

    def _index_days(self, knowledge: Knowledge) -> None:
        self._dates: dict[str, set[str]] = defaultdict(set)  # "6 october" -> the entries that tell of that day
        self._opens: dict[str, set[str]] = defaultdict(set)  # ...and those whose claim opens with it
        for entry in self.entries:
            for _, text in self._fields(entry, knowledge):
                for day in _days_in(text):
                    self._dates[day].add(entry.id)
            for day in _days_in(entry.claim.split(". ")[0]):
                self._opens[day].add(entry.id)

    def _alias_bonus(self, alias: str) -> float:
        """What naming an alias in full is worth: as much as its words are specific. "Heiko Mass" names one
        entry; "Skripal" alone is shared by every Skripal entry, and must not outweigh what else is asked
        ("What does the writer think about Skripal?")."""
        specificity = sum(self.idf.get(t, 0.0) for t in set(terms(alias))) / (1.5 * self.max_idf)
        return ALIAS_PHRASE_BONUS * self.max_idf * min(1.0, specificity)

    @staticmethod
    def _fields(entry: Entry, knowledge: Knowledge) -> list[tuple[str, str]]:
        fields = [("aliases", " ".join(entry.aliases)), ("title", entry.title), ("claim", entry.claim)]
        fields += [("positions", p.says) for p in entry.positions]
        if entry.correction:
            fields.append(("correction", entry.correction.says))
        if entry.quote:
            fields.append(("quote", entry.quote))
        if entry.paragraph and (para := knowledge.article.paragraph(entry.paragraph)):
            fields.append(("paragraph", para.text))
        if entry.when:
            fields.append(("when", entry.when))
        return fields

    def correct(self, text: str) -> str:
        """``text`` with misspelt words put right ("Stoltenbreg" -> "stoltenberg", "Navalnyy" -> "navalny",
        "anex" -> "annex"): a word the knowledge has never seen that is no common word, one edit from a name
        (two for names of eight letters or more, a transposition counting as one), or else one edit from a
        word the knowledge uses. A common word stays as it is: an ordinary word the knowledge lacks
        ("weather", "visa") stays unknown, which is what keeps a question about it out of scope, and one a
        letter from a name is not that name ("worth" is not "North", "trains" not "Strains")."""
        out: list[str] = []
        for word in words(text):
            if out and out[-1] in self._surnames and word not in self.surface and len(word) >= 3:
                near = process.extractOne(word, sorted(self._surnames[out[-1]]), scorer=OSA.distance, score_cutoff=1)
                if near is not None:
                    out.append(near[0])
                    continue
            if len(word) >= WORD_MIN and word not in self.surface and word not in STOPWORDS \
                    and stem(word) not in self.postings and not _CYRILLIC.match(word) \
                    and not word.isdigit() and not is_common(word):
                word = self._nearest(word)
            elif len(word) == WORD_MIN - 1 and word.isalpha() and word not in self.surface \
                    and word not in STOPWORDS and not is_common(word):
                word = self._slipped(word) or word
            out.append(word)
        return " ".join(out)

    def _nearest(self, word: str) -> str:
        if len(word) >= NAME_MIN:
            found = process.extractOne(word, self._names, scorer=OSA.distance, score_cutoff=2 if len(word) >= 8 else 1)
            if found is not None:
                return str(found[0])
        found = process.extractOne(word, self._words, scorer=OSA.distance, score_cutoff=1)
        if found is not None:
            return str(found[0])
        return self._slipped(word) or self._sounds_like(word) or self._split(word) or word

    @staticmethod
    def _slipped(word: str) -> str | None:
        """A short word of asking with a key next to the right one hit ("wjo" for "who", "tjis" for "this")."""
        for i, letter in enumerate(word):
            for near in _NEIGHBOURS.get(letter, ""):
                candidate = word[:i] + near + word[i + 1:]
                if candidate in STOPWORDS:
                    return candidate
        return None

    def _split(self, word: str) -> str | None:
        """Two words run together, a space missed on a phone ("russiasuspend", "tonato", "whydid"): split where
        both halves are words, at least one of them the knowledge's own."""
        for i in range(2, len(word) - 1):
            left, right = word[:i], word[i:]
            if all(self._a_word(w) for w in (left, right)) and (left in self.surface or right in self.surface):
                return f"{left} {right}"
        return None

    def _a_word(self, word: str) -> bool:
        return word in self.surface or word in STOPWORDS or zipf_frequency(word, "en") >= SPLIT_COMMON

    def _sounds_like(self, word: str) -> str | None:
        """The knowledge's name or word that sounds like ``word`` (the same Metaphone key) and keeps at least
        half of its letters in place: "relashuns" is "relations", "Jorjia" is "Georgia". A short key says too
        little ("KRM" is crime, cream and Crimea), so it must be four sounds or the word six letters."""
        if len(word) < SOUND_MIN or not word.isascii():
            return None
        key = jellyfish.metaphone(word)
        if len(key) < 4 and len(word) < 6:
            return None
        near = process.extractOne(word, self._sounds.get(key, []), scorer=OSA.distance,
                                  score_cutoff=len(word) // 2)
        return str(near[0]) if near is not None else None

    def expand(self, term: str) -> list[tuple[str, float]]:
        """The index terms a query term stands for, with a discount for near matches."""
        if term in self.postings:
            return [(term, 1.0)]
        out: dict[str, float] = {}
        # One edit away only for words of five letters or more: shorter ones have too many neighbours
        # ("last" would meet "late", "list" and "east").
        if len(term) >= FUZZY_MIN:
            # A letter swapped in a real word makes another word, not a misspelling: "expensive" is not
            # "expansion" (an added or dropped letter is more often an inflection: "russian" of "russia")
            swapped_ok = not _of_common_word(term)
            for d in {term, *_deletions(term)}:
                for known in self._deletes.get(d, ()):
                    if abs(len(known) - len(term)) <= 1 and (swapped_ok or len(known) != len(term)):
                        out[known] = max(out.get(known, 0), 0.7)
            for known in self._deletes.get(term, ()):
                out[known] = max(out.get(known, 0), 0.7)
        if len(term) >= 5:
            for known in self._prefixes.get(term[:5], ()):
                out.setdefault(known, 0.5)
        return list(out.items())

    def search(self, text: str, limit: int = 8, boosts: tuple[frozenset[str], ...] = (),
               weak: frozenset[str] = frozenset()) -> list[Hit]:
        """The best entries for ``text``; an entry in each of ``boosts`` (the previous turn's, the asked-about
        side's, the article's own) scores half as much again for each. Terms in ``weak`` (words of asking:
        "the whole thing", "your take") count for as little as a side's "view" does."""
        scores: dict[int, float] = defaultdict(float)
        for term in set(terms(text)):
            for known, discount in self.expand(term):
                idf = self.idf[known] * discount * (0.3 if term in WEAK or term in weak else 1.0)
                for doc, tf in self.postings[known]:
                    norm = tf + K1 * (1 - B + B * self.lengths[doc] / self.avg_length)
                    scores[doc] += idf * tf * (K1 + 1) / norm
        query, stemmed = phrase(text), stem_phrase(text)
        asked = frozenset(terms(text))
        alias_docs: dict[int, int] = {}
        for doc in list(scores) if len(scores) < 400 else range(len(self.entries)):
            matched = [(b, n) for (a, b, n), st in zip(self.alias_phrases[doc], self.alias_stems[doc], strict=True)
                       if a in query or st in stemmed]
            if matched:
                bonus = max(b for b, _ in matched)
                scores[doc] += bonus
                alias_docs[doc] = max(n for _, n in matched)
            elif loose := [b for held, b in self.alias_terms[doc] if held <= asked]:
                # every word of an alias, in another order or inflection ("who poisoned Navalny" for
                # "Navalny poisoned"): a share of the bonus, and not an alias named in full (scope stays earned)
                scores[doc] += LOOSE_ALIAS * max(loose)
        for boost_ids in boosts:
            for doc in scores:
                if self.entries[doc].id in boost_ids:
                    scores[doc] *= 1.5
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [Hit(self.entries[d], s, d in alias_docs, alias_docs.get(d, 0)) for d, s in ranked]

    def weight(self, term: str) -> float:
        """How much a known query term says about what is asked: its best expansion's idf, discounted."""
        return max((self.idf[k] * d for k, d in self.expand(term)), default=0.0)

    def in_entries(self, term: str, entries: list[Entry]) -> bool:
        """Whether one of ``entries`` holds ``term`` (or a word it stands for)."""
        found = {k for k, _ in self.expand(term)}
        return any(found & self.entry_terms[self.position[e.id]] for e in entries if e.id in self.position)

    def without_sides(self, text: str, keep_topics: bool = True) -> str:
        """The text with the sides it names taken out: what it is about, once who it names is set aside.

        A side's name that is also a topic of a few entries stays ("Heiko Maas", "Lavrov", "Stoltenberg"
        each lead to what that person said); names that most entries share ("Russia", "the West") go.
        ``keep_topics=False`` takes every name out (in "who is right, Lavrov or Maas?" they are who, not what)."""
        query = phrase(text)
        for alias, _ in self.side_phrases:
            if alias.strip() and alias in query and not (keep_topics and self._is_topic(alias)):
                query = query.replace(alias, " ")
        return query.strip()

    def _is_topic(self, name: str) -> bool:
        found = terms(name)
        return bool(found) and all(0 < len(self.postings.get(t, ())) <= TOPIC_SHARE * len(self.entries)
                                   for t in found)

    def sides_in(self, text: str) -> list[str]:
        """Side ids named in the text, in order of first mention ('Moscow' -> russia)."""
        query = phrase(text)
        found: dict[str, int] = {}
        for alias, side in self.side_phrases:
            at = query.find(alias)
            if at >= 0 and alias.strip():
                found[side] = min(found.get(side, at), at)
        return sorted(found, key=found.__getitem__)

    def quoting(self, text: str) -> list[str]:
        """Ids of the entries whose quote of the article or whose claim (or, failing both, whose paragraph, or
        else a position's words) holds a phrase of two words or more that ``text`` puts in quotation marks:
        "what does 'diplomacy way will be done' mean?" asks about the article's own words."""
        found: dict[str, None] = {}
        for match in _QUOTED.finditer(text):
            said = phrase(match.group(1) or match.group(2))
            if len(said.split()) < 2:
                continue
            quoted = [i for i, quote, _ in self._said if said in quote]
            quoted += [i for i, _, claim in self._said if said in claim]  # an entry about those words
            # ...or, failing those, the entries of the paragraph that says it, or else where a side says it in
            # a position ("the 'russian threat'")
            quoted = quoted or [e.id for e in self.entries if e.paragraph and said in
                                self._paragraphs.get(e.paragraph, "")]
            found.update(dict.fromkeys(quoted or [i for i, says in self._voiced if said in says]))
        return list(found)

    def dated(self, text: str, opening: bool = False) -> frozenset[str]:
        """Ids of the entries that tell of a day ``text`` names ("what went down on 6 october 2021?",
        "oct 6th"): a member may ask about an event by its date alone. ``opening``: only those whose claim's
        first sentence has it — the event of that day, not one that mentions it on the way."""
        days = self._opens if opening else self._dates
        return frozenset(i for day in _days_in(text) for i in days.get(day, ()))

    def possessed_by(self, text: str, side: str) -> frozenset[str]:
        """The terms of ``side``'s names that ``text`` puts in the possessive ("moscow" of "Moscow's side of
        the story"): who holds what is asked about, not what it is about."""
        said = phrase(text)
        return frozenset(t for alias, s in self.side_phrases if s == side and alias.strip()
                         and f"{alias.rstrip()} s " in said for t in terms(alias))

    def held_by(self, side: str) -> frozenset[str]:
        """Ids of the entries whose claim ``side`` holds (not those where it only answers another's)."""
        return self._holders.get(side, frozenset())

    def voiced_by(self, side: str) -> frozenset[str]:
        """Ids of the entries where ``side`` holds the claim or has a position."""
        return self._voices.get(side, frozenset())

    def strength(self, hits: list[Hit]) -> float:
        """The top score in units of the rarest word's weight: comparable across knowledge sizes."""
        return hits[0].score / self.max_idf if hits else 0.0


_CLAUSE = re.compile(r"\b(article|art|section|clause|chapter|resolution)\.?\s+(\d{1,4})\b", re.IGNORECASE)


def numbered_clauses(text: str) -> list[tuple[str, str]]:
    """The numbered clauses of a treaty or a resolution ``text`` names: "Article 5" -> ("article", "5")."""
    return [("article" if m.group(1).lower() == "art" else m.group(1).lower(), m.group(2))
            for m in _CLAUSE.finditer(text)]


# The keys around each key of a QWERTY keyboard, for a slip of a finger
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = {
    key: "".join(row2[j] for r2, row2 in enumerate(_ROWS) if abs(r2 - r) <= 1
                 for j in range(max(0, i - 1), min(len(row2), i + 2)) if row2[j] != key)
    for r, row in enumerate(_ROWS) for i, key in enumerate(row)
}


def _of_common_word(term: str) -> bool:
    """Whether ``term`` is the stem of a common English word ("expens" of "expense", "expensive")."""
    return any(is_common(term + end) for end in ("", "e", "s", "y", "ed", "ing", "ive", "ion", "al"))


def is_common(word: str) -> bool:
    """Whether ``word`` is a common English word: a real word, not a misspelt name."""
    return zipf_frequency(word, "en") >= COMMON


def _demonyms(alias: str) -> list[str]:
    """How a one-word place name is said of its people or government: "the Russian side", "the Georgian
    view", "German officials" name Russia, Georgia and Germany."""
    word = alias.strip()
    if " " in word or len(word) < 5 or _CYRILLIC.match(word) or not word.isalpha():
        return []
    return [f"{word}n", f"{word[:-1]}ian", f"{word[:-1]}"] if word.endswith(("a", "e", "y")) else []


def _deletions(term: str) -> set[str]:
    return {term[:i] + term[i + 1 :] for i in range(len(term))}


_INDEXES: dict[int, tuple[Knowledge, Index]] = {}
_KEEP = 4  # snapshots whose index is kept: the live one, the one being swapped in, and a few in tests


def index_for(knowledge: Knowledge) -> Index:
    """The search index of a knowledge snapshot, built once per snapshot. The snapshot knows nothing of its
    index (the schema does not depend on search); a reload's new snapshot gets a new index. Keyed by
    identity, and holding the snapshot, so an id cannot be reused while its entry is kept."""
    found = _INDEXES.get(id(knowledge))
    if found is not None and found[0] is knowledge:
        return found[1]
    index = Index(knowledge)
    while len(_INDEXES) >= _KEEP:
        del _INDEXES[next(iter(_INDEXES))]
    _INDEXES[id(knowledge)] = (knowledge, index)
    return index
