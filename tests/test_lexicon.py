"""The lexicon of the other languages: how a member of the reading group asks (``language.ASKED``), through
the public seams (the gloss, detection, ``understand``), with questions of its own — none from the question
sets."""

from __future__ import annotations

import pytest

from bot.core import language
from bot.core.understand import understand


def _ask(text: str, knowledge):
    return understand(text, None, knowledge, 500)


@pytest.mark.parametrize(("text", "lang", "chat"), [
    ("eh, navalny dulu pernah dipenjara kan? terus gimana deh", "id", ("dulu", "kan", "deh")),
    ("ну короче, навального типа посадили или как?", "ru", ("ну", "короче", "типа")),
    ("naja, hat russland halt die krim annektiert oder so?", "de", ("naja", "halt")),
    ("bref, genre l'otan a viré des diplomates russes ou quoi ?", "fr", ("bref", "genre")),
    ("oye pues, ¿la otan echó a diplomáticos rusos o qué onda?", "es", ("oye", "pues", "onda")),
])
def test_chat_words_carry_no_topic(knowledge, text: str, lang: str, chat: tuple[str, ...]) -> None:
    # a particle the lexicon lacks would count as a topic word of its own and push the question out of scope
    assert language.detect(text) == lang
    glossed = language.gloss(text, lang).split()
    assert not set(chat) & set(glossed), glossed
    assert _ask(text, knowledge).in_scope, text


@pytest.mark.parametrize(("text", "entry"), [
    ("skripal dituker sama siapa sih?", "skripal-pardoned-swapped"),  # Jakarta form of "ditukar"
    ("wer hat nach maas das außenministerium übernommen?", "maas-strain"),
    ("qui a succédé à maas comme ministre ?", "maas-strain"),
    ("¿quién sustituyó a maas en el ministerio?", "maas-strain"),
    ("когда навальный вернулся в россию, его сразу арестовали?", "navalny-jailing"),
])
def test_the_verbs_of_the_articles_events_meet_its_entries(knowledge, text: str, entry: str) -> None:
    found = _ask(text, knowledge)
    assert found.in_scope and entry in [e.id for e in found.entries], text


def test_a_separable_german_verb_loses_its_particle_not_the_question(knowledge) -> None:
    # "wirft ... vor" (accuses): the parted "vor" is "before", a word that names no topic
    assert language.gloss("was wirft die nato russland vor", "de").split()[-1] == "before"
    assert "accused" in language.gloss("was hat man russland vorgeworfen", "de").split()


def test_a_role_is_glossed_into_the_words_the_knowledge_uses() -> None:
    assert "secretary general" in language.gloss("apa kata sekretaris jenderal nato", "id")
    assert "foreign minister" in language.gloss("qui a remplacé maas aux affaires étrangères", "fr")
    assert "double agent" in language.gloss("skripal itu agen ganda?", "id")
    assert "double agent" in language.gloss("был ли скрипаль двойным агентом", "ru")


def test_a_name_is_never_glossed_by_a_word_that_shares_its_stem() -> None:
    # French "ma" (my) and "maas", German "jener" (that) and "Jens", Spanish "francamente" and "France"
    assert "maas" in language.gloss("maas a dit quoi", "fr").casefold().split()
    assert "jens" in language.gloss("was sagt jens stoltenberg", "de").casefold().split()
    assert "france" in language.gloss("la france y la otan", "es").casefold().split()


@pytest.mark.parametrize("text", [
    "was skripal a double agent",
    "who is nato's secretary general",
    "did nato suspend the russian mission",
])
def test_a_phrase_of_another_language_lends_english_no_evidence(text: str) -> None:
    # an English word in another language's key ("agent double", "secretario general") would count as
    # evidence of that language in every English question that uses it
    assert language.detect(text) == "en"


@pytest.mark.parametrize("text", [
    "mi jefe me grita todo el tiempo, qué hago?",
    "mon patron me crie dessus tout le temps, je fais quoi ?",
    "мой начальник постоянно кричит на меня, что делать?",
    "perjanjian sewa rumah gue mau habis, perpanjang gak ya?",
    "wann war der erste mensch auf dem mond?",
    "wann ist ostern dieses jahr?",  # "Ostern" shares its stem with "Osten" (eastward)
    "¿va a llover mañana en madrid?",
])
def test_everyday_questions_stay_out_of_scope(knowledge, text: str) -> None:
    assert not _ask(text, knowledge).in_scope, text


@pytest.mark.parametrize(("text", "lang"), [
    ("dia masih hidup?", "id"), ("он жив?", "ru"), ("lebt er noch?", "de"), ("il est toujours vivant ?", "fr"),
    ("¿sigue vivo?", "es"),
])
def test_whether_someone_is_alive_asks_whether_they_survived_or_died(text: str, lang: str) -> None:
    # as in English ("is he still alive?"): one who survived the poisoning may have died since
    glossed = language.gloss(text, lang).split()
    assert "survived" in glossed and "died" in glossed, glossed


def test_how_it_ends_is_the_conclusion_how_anything_else_ended_is_not() -> None:
    assert "conclusion" in language.gloss("so how does it all end", "en").split()
    assert "conclusion" not in language.gloss("when did the game end", "en").split()
    assert "conclusion" not in language.gloss("the ending of the film", "en").split()


def test_an_indonesian_word_made_english_in_jakarta_is_glossed(knowledge) -> None:
    # "jujurly": "jujur" (honest) with the English -ly
    assert "honestly" in language.gloss("jujurly what does the author say about skripal", "en").split()


@pytest.mark.parametrize(("text", "entry"), [
    # chat idioms
    ("did moscow basically ghost nato after the expulsions", "russia-suspends-mission"),
    ("so who is blaming who for relations falling apart", "lowest-point"),
    ("why did sweden give up being neutral", "finland-sweden-join"),
    ("what does the author reckon happens next", "diplomacy-but-obdurate"),
    # ...and more of each language's words
    ("от чего умер навальный, по официальной версии?", "navalny-death-2024"),
    ("wie hat die Vollversammlung zur Krim abgestimmt?", "crimea-annexation"),
    ("was steht im Bericht über Georgien drin", "georgia-war-2008"),
    ("¿Rusia se metió en las elecciones gringas?", "election-interference"),
])
def test_chat_idioms_and_each_languages_words_meet_the_entries_that_say_it_plainly(knowledge, text: str,
                                                                                   entry: str) -> None:
    found = _ask(text, knowledge)
    assert found.in_scope and entry in [e.id for e in found.entries[:2]], [e.id for e in found.entries]


def test_a_jakarta_verb_in_in_is_the_standard_one(knowledge) -> None:
    # "ringkasin" is "ringkas(kan)": summarise; "jelasin" is "jelaskan": explain
    assert _ask("ringkasin dong artikelnya", knowledge).kind.value == "summary"
    assert "explain" in language.gloss("jelasin soal navalny", "id").split()


def test_a_compound_with_an_english_word_is_no_evidence_of_another_language() -> None:
    # "un" of "UN-Vollversammlung" is English too: an English question with "UN" stays English
    assert language.detect("what was un resolution es-11/1") == "en"
