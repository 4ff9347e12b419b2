"""Scope: what makes a question that shares a word or a name with the knowledge still about something else,
and how a list question gathers what it asks for. Each test names a mechanism and asks through the public
seams (``understand``, the index's corrector) with questions of its own — none of them from the question sets."""

from __future__ import annotations

import re

from bot.core.answer import Kind
from bot.core.retrieval import index_for
from bot.core.understand import understand
from tests.conftest import MAX_CHARS


def _ask(text: str, knowledge):
    return understand(text, None, knowledge, MAX_CHARS)


def _ids(found) -> list[str]:
    return [e.id for e in found.entries]


def test_a_common_word_is_never_corrected_into_a_name(knowledge) -> None:
    index = index_for(knowledge)
    # "worth" is one edit from "North" (of North Atlantic), "strains" from "Strain"s: both are real words
    assert index.correct("is it worth a trip").split() == ["is", "it", "worth", "a", "trip"]
    assert "stoltenberg" in index.correct("what did stoltenbreg say").split()  # a misspelt name still is


def test_errands_are_out_of_scope_whatever_names_they_share(knowledge) -> None:
    # each shares a name or a word with an entry (Skripal, "lowest point", Omsk, the mission, the Charité,
    # the author, the Security Council, the Russian defence), and each is about something else
    for text in (
        "is a yulia skripal biography worth it",  # a product
        "my boss and i are at our lowest point, any advice",  # one's own life
        "direct flights from omsk to berlin?",  # a trip
        "how do you find a job at the russian mission to nato",  # a job
        "is the charité hospital good for hip surgery",  # health
        "what else has erlangga written lately",  # the author's other work
        "how many permanent seats does the un security council have",  # an institution's facts
        "how does the un security council vote work in general",  # how an institution works
        "which chess opening beats the russian defence",  # a game
    ):
        found = _ask(text, knowledge)
        assert not found.in_scope and found.kind is Kind.OUT_OF_SCOPE, text


def test_a_match_between_two_sides_is_sport_not_a_verdict(knowledge) -> None:
    found = _ask("who won the ice hockey match between russia and the uk", knowledge)
    assert found.kind is Kind.OUT_OF_SCOPE and not found.in_scope
    # ...while who won between them, with no match in it, still asks for a verdict
    assert _ask("who won in the end, russia or the uk?", knowledge).kind is Kind.VERDICT


def test_an_alias_in_a_question_about_something_else_does_not_bring_it_in(knowledge) -> None:
    # "lowest point" is an alias of the Stoltenberg entry; the Roman empire's is another story
    assert not _ask("what was the lowest point of the roman empire", knowledge).in_scope
    assert _ask("who said relations were at their lowest point?", knowledge).in_scope
    # ...but one word of its own the knowledge lacks is more often chat than another topic
    assert "nato-enlargement" in _ids(_ask("for debate club, on nato expansion please", knowledge))


def test_a_name_the_knowledge_lacks_makes_the_question_about_someone_else(knowledge) -> None:
    # "Nemtsov" is no common word and no entry's: the question is about him, not about what 2010 brought
    assert not _ask("what happened to nemtsov in 2010", knowledge).in_scope
    assert _ask("what happened to skripal in 2010", knowledge).in_scope


def test_a_year_far_outside_the_knowledge_is_another_era(knowledge) -> None:
    assert not _ask("was there a referendum in crimea in 1954", knowledge).in_scope
    assert "crimea-annexation" in _ids(_ask("was there a referendum in crimea in 2014", knowledge))


def test_a_timeline_is_every_dated_event_in_order(knowledge) -> None:
    oldest = _ask("key events in chronological order", knowledge)
    newest = _ask("timeline please, newest first", knowledge)
    for found in (oldest, newest):
        assert found.in_scope and len(found.entries) >= 5
        assert all(any(ch.isdigit() for ch in (e.when or e.title)) for e in found.entries)
    years = [re.findall(r"\b(?:19|20)\d\d\b", e.when or e.title)[0] for e in oldest.entries]
    assert years == sorted(years) and oldest.entries[0].id == "assurances-1990"
    assert newest.entries[0].after_article and newest.entries[-1] not in oldest.entries[:1]


def test_a_timeline_of_the_article_keeps_to_the_article(knowledge) -> None:
    found = _ask("the article's events as a timeline", knowledge)
    assert found.in_scope and found.entries
    assert all(e.paragraph is not None and not e.after_article for e in found.entries)


def test_a_list_gathers_every_entry_holding_what_it_asks(knowledge) -> None:
    # the Salisbury entry tells of the UK's 23 expulsions in one sentence: a list of expulsions has it
    found = _ask("every expulsion, who threw out how many", knowledge)
    assert {"nato-expels-eight", "skripal-poisoning"} <= set(_ids(found))
    # ...and not those that hold only its lesser word ("round" of "rounds of enlargement": of elections too)
    assert "election-interference" not in _ids(_ask("list every round of nato enlargement", knowledge))


def test_a_quotation_is_the_form_of_an_answer_not_its_topic(knowledge) -> None:
    found = _ask("all the stoltenberg quotes", knowledge)
    assert found.in_scope and "lowest-point" in _ids(found)


def test_the_article_s_own_questions_in_an_errand_s_words_stay_in_scope(knowledge) -> None:
    # the flight, the hospital, the mission and how diplomacy will work out are the article's story
    for text in ("what happened on navalny's flight from tomsk", "was the charité where navalny was treated?",
                 "how does the author think diplomacy will work out", "what advice does the author give nato"):
        assert _ask(text, knowledge).in_scope, text


def test_a_misspelling_that_is_no_word_is_corrected_to_the_knowledge_s_word(knowledge) -> None:
    index = index_for(knowledge)
    assert index.correct("when did russia anex crimea").split()[3] == "annex"  # not a name, still misspelt
    assert index.correct("is the weather nice").split()[2] == "weather"  # a real word the knowledge lacks
    assert "crimea-annexation" in _ids(_ask("when did russia anex crimea", knowledge))


def test_an_election_s_results_are_out_of_scope_its_interference_in(knowledge) -> None:
    assert not _ask("how many electoral votes did trump get in 2016", knowledge).in_scope
    assert _ask("did russia interfere in the 2016 election", knowledge).in_scope


def test_a_name_with_words_the_knowledge_never_uses_is_about_those_words(knowledge) -> None:
    # Yves Rocher is in the Navalny entries as a court case; a perfume in a Jakarta mall is not
    assert not _ask("yves rocher perfume at grand indonesia mall?", knowledge).in_scope
    assert "navalny-jailing" in _ids(_ask("what was the yves rocher case about?", knowledge))
    assert _ask("the woman from amesbury, who was she?", knowledge).in_scope  # one such word is chat


def test_the_reasoning_behind_a_view_is_how_it_is_asked_for_not_a_topic(knowledge) -> None:
    for text in ("what's the logic on skripal", "navalny from the kremlin's pov", "the rationale on navalny"):
        assert _ask(text, knowledge).in_scope, text


def test_a_clause_of_a_treaty_the_knowledge_never_cites_is_another_topic(knowledge) -> None:
    # the knowledge cites Article 10 of NATO's treaty (its open door), never Article 4
    assert not _ask("did nato ever use article 4", knowledge).in_scope
    assert _ask("what does nato's article 10 say", knowledge).in_scope


def test_a_short_surname_misspelt_after_its_first_name_is_corrected(knowledge) -> None:
    index = index_for(knowledge)
    assert index.correct("what did annalena barbock do").split()[-2] == "baerbock"
    assert index.correct("oana lungesku said what").split()[1] == "lungescu"
    # ...but not after a word that is no first name: "the best" is not "The West"
    assert index.correct("the best vpn").split()[1] == "best"


def test_a_letter_swapped_in_a_common_word_makes_another_word_not_a_misspelling(knowledge) -> None:
    # "expensive" is one letter from "expansion" (stems "expens", "expans"): a real word, not a typo of it
    assert not _ask("is it expensive", knowledge).in_scope
    assert _ask("did nato expnsion threaten russia", knowledge).in_scope  # a misspelling still is one


def test_more_errands_are_out_of_scope_whatever_names_they_share(knowledge) -> None:
    # each of these was answered from the entries that hold its name before its kind of errand was known
    for text in ("best perfume in moscow?", "who won the 2012 us election", "charité berlin visiting hours",
                 "is amnesty looking for interns", "does the charité take foreign students",
                 "is novichok used for farming", "hitman 3 ending explained", "georgia tech score last night",
                 "who was nato's first spokesperson"):
        assert not _ask(text, knowledge).in_scope, text
    for text in ("the best argument in favour of nato", "did russia interfere in the 2016 election"):
        assert _ask(text, knowledge).kind is not Kind.OUT_OF_SCOPE, text


def test_a_stance_on_a_topic_the_knowledge_never_names_is_about_that_topic(knowledge) -> None:
    # Gabbard is in the knowledge (on the 2016 assessment); immigration is not
    assert not _ask("what's tulsi gabbard's view on immigration", knowledge).in_scope
    assert _ask("what's lavrov's stance on the expulsions", knowledge).in_scope
    # ...and so is membership of a group it never names: Finland in the eurozone is not Finland in NATO
    assert not _ask("is finland part of the eurozone", knowledge).in_scope
    assert _ask("did finland join nato", knowledge).in_scope



def test_the_people_of_the_story_are_listed_when_asked_for(knowledge) -> None:
    # who is quoted: one entry per person who has a say, until every one of them is in
    quoted = _ask("name all the officials who get quoted", knowledge)
    speakers = {p.speaker.split(",")[0] for e in quoted.entries for p in e.positions if p.speaker}
    assert quoted.in_scope and {"Jens Stoltenberg", "Sergei Lavrov", "Heiko Maas"} <= speakers, speakers
    # who the article names: the entry of each person it names
    named = {e.id for e in _ask("which people does the article name", knowledge).entries}
    assert {"maas-name-misspelled", "skripal-poisoning"} <= named and named & {"navalny-jailing", "navalny-poisoning",
                                                                                "west-grievances"}, named


def test_which_parts_are_factually_wrong_lists_the_errors_not_a_verdict(knowledge) -> None:
    found = _ask("what bits are factually wrong", knowledge)
    assert found.kind is Kind.CLAIMS and "skripal-survived" in _ids(found)


def test_every_year_asked_for_is_a_timeline(knowledge) -> None:
    found = _ask("which years come up", knowledge)
    assert found.in_scope and len(found.entries) >= 5, _ids(found)


def test_words_run_together_and_slipped_keys_are_put_apart_and_right(knowledge) -> None:
    index = index_for(knowledge)
    assert index.correct("whatdid nato sayabout skripal") == "what did nato say about skripal"
    assert index.correct("ehy did tge uk blame russia") == "why did the uk blame russia"
    assert index.correct("is it worth a trip") == "is it worth a trip"  # real words are left as they are
    assert index.correct("navalnyy") == "navalny"  # a misspelt name is no two words


def test_a_persons_other_life_and_words_in_general_are_out_of_scope(knowledge) -> None:
    for text in ("what did lavrov do back when he was at the UN", "how did heiko maas get into politics",
                 "in general, what's the difference between a treaty and a pact",
                 "who won the georgia runoffs"):
        assert not _ask(text, knowledge).in_scope, text


def test_how_accurate_the_article_is_lists_its_errors(knowledge) -> None:
    found = _ask("rate the article's accuracy, no dodging", knowledge)
    assert found.kind is Kind.CLAIMS and found.entries
    assert all(e.status.value in ("inaccurate", "garbled") for e in found.entries), _ids(found)
    assert _ask("is the article accurate about skripal", knowledge).kind is Kind.CLAIM  # a topic: its claim


def test_the_article_in_a_few_sentences_is_a_summary(knowledge) -> None:
    for text in ("give me the article in two sentences", "go through it paragraph by paragraph"):
        assert _ask(text, knowledge).kind is Kind.SUMMARY, text


def test_what_a_word_means_in_a_language_is_a_language_errand(knowledge) -> None:
    # the word is the knowledge's ("novichok"); its meaning in Russian, for a band's name, is not the story
    assert not _ask("¿qué significa 'novichok' en ruso? es para mi banda", knowledge).in_scope
    assert _ask("what does the author mean by russian future interest", knowledge).in_scope
