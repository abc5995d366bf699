"""Speaker rules (model/speakers.py) on sentences written for these tests."""

import pytest

from model.speakers import (article_speakers, article_surnames, find_speaker, is_named, normalise_speaker,
                            quote_continuations, resolve_article_speakers, sentence_subject)


@pytest.mark.parametrize("sentence, speaker", [
    # direct quotation, then "X said"
    ('"We will rebuild the bridge by spring," Mayor Dana Holt said.', "Mayor Dana Holt"),
    ("“Nobody expected the river to rise that fast,” the fire chief said on Tuesday.", "the fire chief"),
    ('"It is a hard winter," Holt told reporters.', "Holt"),
    # inverted "said X", with an appositive that is not part of the speaker
    ('"The numbers do not add up," said Priya Nair, a budget analyst at the institute.', "Priya Nair"),
    ("“We were ready,” said the Rev. Paul Ambrose, of St. Mark's Church.", "the Rev. Paul Ambrose"),
    # "according to X"
    ("According to the county health department, flu cases doubled in January.", "the county health department"),
    ("The talks broke down late on Sunday, according to two officials familiar with the matter.", "two officials"),
    ("The plant will close in June, according to Harbor Steel's annual report.", "Harbor Steel's annual report"),
    # headlines and transcripts with a colon
    ("Ortega: Port strike will end this week", "Ortega"),
    ('"MORALES: We have not decided anything yet.', "MORALES"),
    ("Mayor Holt Says Bridge Will Reopen in Spring", "Mayor Holt"),
    ("Port Authority chief Lena Ortiz: 'No strike this week'", "Port Authority chief Lena Ortiz"),
    # unnamed sources, spokespeople and documents
    ("Officials said the road would reopen on Friday.", "Officials"),
    ("A spokeswoman for the utility said crews were working through the night.", "A spokeswoman for the utility"),
    ("The governor's spokesman said the veto was final.", "The governor's spokesman"),
    ("A new survey by the state college shows that most voters favour the plan.", "A new survey"),
    ("The audit found that $3 million could not be traced.", "The audit"),
    # titles, appositives, relative clauses and places after a name
    ("City council president Maria Lopez told reporters the vote would be delayed.", "City council president Maria Lopez"),
    ("Tom Reyes, a farmer who lost his barn in the flood, said the aid came too late.", "Tom Reyes"),
    ("The prosecutor, who took office in May, has insisted the case is strong.", "The prosecutor"),
    ("Dr. Alan Short of Riverside Hospital said the ward was full.", "Dr. Alan Short"),
    ("From Chicago on Monday, Gov. Ellen Park of Ohio, a Democrat, told a radio host that she would sign.", "Gov. Ellen Park"),
    # "in a statement", passive attribution, verbs after an auxiliary or adverb
    ('"We regret the error," the newspaper said in a statement.', "the newspaper"),
    ("The minister was quoted as saying that the talks had stalled.", "The minister"),
    ("Park has repeatedly argued that the tax is unfair.", "Park"),
    ("On Thursday, she told the committee that the budget was short.", "she"),
    ("Much of the pressure came from the unions, the city's biggest employers, which warned of strikes.", "the unions"),
    ("Engineers at the plant, speaking on condition of anonymity, said the valve had failed twice.", "Engineers at the plant"),
])
def test_speaker_as_written(sentence, speaker):
    assert find_speaker(sentence) == speaker


@pytest.mark.parametrize("sentence", [
    "The bridge opened in 1932 and carries 40,000 cars a day.",  # no attribution cue
    '"We are not going anywhere."',  # a quotation that continues the previous speaker
    "“Nobody told us anything, and he said nothing either.",  # cue words inside the quotation
    "As I said at the time, the plan cannot work.",  # the writer (or the quoted speaker) in the first person
    "It said the results would be published next week.",
    "The plan has three parts: taxes, roads and schools.",  # a colon after ordinary words
    "",
])
def test_no_speaker(sentence):
    assert find_speaker(sentence) is None


def test_a_cue_inside_the_quotation_is_not_the_speaker():
    assert find_speaker('"He said he would come, and then he left," Ana Ruiz said.') == "Ana Ruiz"


def test_named_and_unnamed():
    for name in ["Holt", "Mayor Dana Holt", "the Pentagon", "the Holt campaign", "Secretary of State Ann Ruiz",
                 "The Riverside Gazette", "the Reuters/Ipsos poll", "Department of Transport",
                 "Department of Transport Secretary Lena Ortiz"]:
        assert is_named(name), name
    for name in ["officials", "Officials", "a senior official", "A spokeswoman for the utility", "the report",
                 "A new survey", "Other lawmakers", "Officials at the Department of Energy", "he", ""]:
        assert not is_named(name), name


def test_kelly_and_john_kelly_count_once():
    assert normalise_speaker("Kelly", ["John Kelly", "Kelly", "Ruiz"]) == "John Kelly"
    assert normalise_speaker("Ruiz", ["John Kelly"]) == "Ruiz"
    assert resolve_article_speakers(["John Kelly", "Kelly", "he"]) == ["John Kelly"] * 3


def test_pronouns_take_the_last_named_speaker():
    resolved = resolve_article_speakers(["Senator Ruth Adler", "she", "officials", None, "they", "Ruiz", "he"])
    assert resolved == ["Senator Ruth Adler", "Senator Ruth Adler", "officials", None, "officials", "Ruiz", "Ruiz"]


def test_he_skips_a_pair_and_they_takes_it():
    resolved = resolve_article_speakers(["Adler", "Mr. Ruiz and Ms. Chen", "they", "he"])
    assert resolved == ["Adler", "Mr. Ruiz and Ms. Chen", "Mr. Ruiz and Ms. Chen", "Adler"]


def test_a_pronoun_before_any_named_speaker_takes_the_next_one():
    # the person was introduced in a sentence that quotes no one
    assert resolve_article_speakers(["he", "Mayor Dana Holt", "Holt"]) == ["Mayor Dana Holt"] * 3
    assert resolve_article_speakers(["she", None]) == [None, None]


def test_a_quote_without_a_speaker_takes_the_one_of_the_quote_right_before_it():
    labels = ["attributed_quote", "attributed_quote", "neutral_reporting", "attributed_quote", "attributed_quote",
              "attributed_quote"]
    continues = quote_continuations(labels)
    assert continues == [False, True, False, True, True]
    speakers = [None, "Mayor Dana Holt", None, "she", None]
    # the first quote has nothing before it, the third follows a neutral sentence
    assert resolve_article_speakers(speakers, continues) == [None, "Mayor Dana Holt", None, "Mayor Dana Holt",
                                                             "Mayor Dana Holt"]
    assert resolve_article_speakers(speakers) == [None, "Mayor Dana Holt", None, "Mayor Dana Holt", None]


def test_a_newspaper_is_no_he_but_may_be_they():
    assert resolve_article_speakers(["The Riverside Gazette", "he"]) == ["The Riverside Gazette", None]
    assert resolve_article_speakers(["The Riverside Gazette", "Mayor Dana Holt", "they"]) == [
        "The Riverside Gazette", "Mayor Dana Holt", "The Riverside Gazette"]
    assert resolve_article_speakers(["Mayor Dana Holt", "they"]) == ["Mayor Dana Holt", None]
    assert resolve_article_speakers(["Mayor Dana Holt", "the Pentagon", "he"]) == ["Mayor Dana Holt", "the Pentagon",
                                                                                  "Mayor Dana Holt"]


@pytest.mark.parametrize("sentence, names, subject", [
    ("Before the vote, Mayor Dana Holt walked out of the chamber.", frozenset(), "Mayor Dana Holt"),
    ("RIVERSIDE -- Councillor Ana Ruiz on Monday defended the budget.", frozenset(), "Councillor Ana Ruiz"),
    ("Holt left the meeting early.", frozenset({"Holt"}), "Holt"),
    ("Rain fell across the county on Monday.", frozenset({"Holt"}), None),  # a common word opening a sentence
    ("The Riverside Gazette published the memo.", frozenset(), None),
    ("He left the meeting early.", frozenset(), None),
    ("Residents packed the hall, and Ana Ruiz said the plan was dead.", frozenset(), "Ana Ruiz"),  # the cue's subject
    ("Riverside rejected the plan.", frozenset({"Holt"}), None),  # a place is no surname
    ("Nobody saw it coming! — Gil Marsh (@gilmarsh) May 2, 2024", frozenset(), None),  # a tweet's signature
    ("Get Riverside Daily 's newsletter here .", frozenset(), None),  # a possessor, not a subject
    ("Councillor Ana Ruiz's budget passed.", frozenset(), None),
])
def test_the_person_a_sentence_is_about(sentence, names, subject):
    assert sentence_subject(sentence, names) == subject


def test_surnames_end_runs_of_capitalised_words():
    assert article_surnames(["Rain fell on Riverside.", "Later, Mayor Dana Holt left.", "Ana Ruiz's aides stayed."]) == {
        "Holt", "Ruiz"}


def test_a_pronoun_takes_the_person_a_sentence_without_quotes_introduced():
    labels = ["attributed_quote", "editorial_framing", "attributed_quote", "attributed_quote", "neutral_reporting",
              "attributed_quote"]
    texts = ['"We will rebuild the bridge," Mayor Dana Holt said.',
             "Councillor Ana Ruiz, never one to let a promise pass, walked out of the chamber.",
             '"This is a fantasy," she said.',
             '"Nobody has costed it."',
             "The bridge has been closed since March.",
             '"It will be open by spring," she added.']
    speakers = ["Mayor Dana Holt", None, "she", None, None, "she"]
    # the second "she" follows a sentence that names no person, so Ruiz is still the last one
    assert article_speakers(labels, texts, speakers) == ["Mayor Dana Holt", "Councillor Ana Ruiz",
                                                        "Councillor Ana Ruiz", "Councillor Ana Ruiz"]
    # quote sentences alone give both to the mayor
    assert resolve_article_speakers(["Mayor Dana Holt", "she", None, "she"], quote_continuations(labels)) == \
        ["Mayor Dana Holt"] * 4


def test_a_quote_whose_speaker_is_not_found_still_introduces_its_subject():
    labels = ["attributed_quote", "neutral_reporting", "attributed_quote", "attributed_quote"]
    texts = ['"We will rebuild the bridge," Mayor Dana Holt said.', "The council meets on Monday.",
             "But Councillor Ana Ruiz draws a distinction between the two plans.",
             "Few voters read either of them, she suggested."]
    assert article_speakers(labels, texts, ["Mayor Dana Holt", None, None, "she"]) == [
        "Mayor Dana Holt", None, "Councillor Ana Ruiz"]


def test_find_speaker_is_total_on_odd_input():
    for text in ['"', "“", ":", "said", ", said", "-- --", "( said", "according to", "'' ``", "Kelly:", "\u2014"]:
        assert find_speaker(text) is None or isinstance(find_speaker(text), str)
