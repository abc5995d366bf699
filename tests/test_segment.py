from hypothesis import given, settings
from hypothesis import strategies as st

from model.segment import MAX_SENTENCE_CHARS, neighbour_context, split_sentences

from .conftest import REPO


def texts_of(text):
    return [span.text for span in split_sentences(text)]


def assert_offsets(text):
    spans = split_sentences(text)
    for span in spans:
        assert text[span.start : span.end] == span.text
        assert span.text == span.text.strip() and span.text
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    return spans


def test_seed_articles_keep_offsets():
    for path in sorted((REPO / "seeds").glob("*.txt")):
        assert len(assert_offsets(path.read_text(encoding="utf-8"))) > 15


def test_headline_line_is_its_own_sentence():
    text = "Mayor Holt: No new taxes this year\nThe mayor spoke on Monday. She took no questions."
    assert texts_of(text) == ["Mayor Holt: No new taxes this year", "The mayor spoke on Monday.", "She took no questions."]


def test_pretokenised_text_does_not_split_inside_initials():
    text = "The U. S. envoy arrived in Lima on Monday . [ \" We came to listen , \" the envoy said . The talks end Friday ."
    sentences = texts_of(text)
    assert sentences[0] == "The U. S. envoy arrived in Lima on Monday ."
    assert sentences[1].startswith('" We came to listen')
    assert sentences[-1] == "The talks end Friday ."


def test_hard_wrapped_paragraph_is_joined():
    lines = [
        "The regional water board voted on Tuesday to raise rates for",
        "households by four percent, the first increase in six years, after",
        "a review of pipes that were laid in the nineteen-fifties.",
        "",
        "The board will meet again in May to set the schedule for repairs.",
    ]
    sentences = texts_of("\n".join(lines))
    assert len(sentences) == 2
    assert sentences[0].startswith("The regional") and sentences[0].endswith("nineteen-fifties.")


def test_very_long_sentence_is_chunked():
    text = "word " * 5000
    spans = assert_offsets(text)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in spans)
    assert sum(len(s.text.split()) for s in spans) == 5000


def test_neighbour_context():
    sentences = ["One.", "Two.", "Three."]
    assert neighbour_context(sentences, 1, 1) == "One. | Three."
    assert neighbour_context(sentences, 0, 1) == " | Two."
    assert neighbour_context(sentences, 1, 0) is None


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_offsets_hold_for_arbitrary_unicode(text):
    assert_offsets(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["The vote .", "U. S.", "\"Yes,\" she said.", "\n", "\n\n", " ", "’s", "[ \"", "Dr. Lee", "?!", "…"]), max_size=40))
def test_offsets_hold_for_news_like_fragments(parts):
    assert_offsets("".join(parts))


def test_sentence_ending_inside_quotes_before_a_new_quote():
    text = 'The judge called the plan "deeply flawed." "We will appeal," the lawyer said.'
    assert texts_of(text) == ['The judge called the plan "deeply flawed."', '"We will appeal," the lawyer said.']


def test_long_blocks_are_cut_at_a_sentence_end():
    from model.segment import MAX_BLOCK_CHARS, _cut_block

    text = "Hello world. " * (2 * MAX_BLOCK_CHARS // 13)
    cuts = list(_cut_block(text, 0, len(text)))
    assert len(cuts) > 1 and all(text[end - 1] == "." for _, end in cuts[:-1])



# pysbd never splits inside a quotation or between two "--", and finds both by pairing marks;
# the three cases below each glued several sentences into one before the view corrected them.
def test_a_quotation_closed_by_a_different_mark_still_ends():
    text = ('"We will rebuild the pier,” the mayor said. The council met on Monday. '
            'It voted to fund the plan. Critics called it "a stunt."')
    assert texts_of(text) == ['"We will rebuild the pier,” the mayor said.', "The council met on Monday.",
                              "It voted to fund the plan.", 'Critics called it "a stunt."']


def test_double_hyphen_dashes_are_not_a_parenthesis():
    text = "LIMA -- The council voted on Tuesday. Its chair -- a former judge -- abstained. The vote ends --"
    assert texts_of(text) == ["LIMA -- The council voted on Tuesday.", "Its chair -- a former judge -- abstained.",
                              "The vote ends --"]


def test_abbreviation_cuts_that_never_end_a_news_sentence_are_joined():
    # pysbd cuts each of these after the abbreviation; the halves read as a bare name and a
    # speakerless clause.
    text = (
        'Sen. Dora Pike, R-Nev., told reporters the vote would slip. '
        'Rep. Omar Lindqvist, D-Mass., who chairs the panel, disagreed; Ore. officials stayed quiet. '
        'PORTLAND, Ore. -- Crews reopened the bridge. '
        'The pre-Oct. 3 rules still apply. '
        'Farmers are lobbying Ore. Gov. Lena Marsh for aid. '
        'The fair opens in Salem, Ore. Gov. Lena Marsh will attend.'
    )
    assert texts_of(text) == [
        "Sen. Dora Pike, R-Nev., told reporters the vote would slip.",
        "Rep. Omar Lindqvist, D-Mass., who chairs the panel, disagreed; Ore. officials stayed quiet.",
        "PORTLAND, Ore. -- Crews reopened the bridge.",
        "The pre-Oct. 3 rules still apply.",
        "Farmers are lobbying Ore. Gov. Lena Marsh for aid.",
        # after a city the state may end the sentence
        "The fair opens in Salem, Ore.",
        "Gov. Lena Marsh will attend.",
    ]


def test_pretokenised_curly_quotes_keep_the_reporting_clause_with_its_quote():
    text = "The vote failed . “ We wo n’t stop , ” Adler said . “ Not now . ” Her aides left ."
    assert texts_of(text) == ["The vote failed .", "“ We wo n’t stop , ” Adler said .", "“ Not now . ”",
                              "Her aides left ."]


def test_a_dash_after_a_sentence_that_is_not_a_dateline_still_starts_a_sentence():
    text = "Nobody saw it coming! — Gil Marsh (@gilmarsh) May 2, 2024"
    assert texts_of(text) == ["Nobody saw it coming!", "— Gil Marsh (@gilmarsh) May 2, 2024"]


def test_pretokenised_contractions_are_not_single_quotes():
    # A plural possessive ("voters '") made pysbd read " 'll ... voters '" as one single quotation.
    text = "The mayor said he 'll sign it . The clerk does n't agree . They 're sure the voters ' mood is sour ."
    assert texts_of(text) == ["The mayor said he 'll sign it .", "The clerk does n't agree .",
                              "They 're sure the voters ' mood is sour ."]


def read(text, sentences):
    """reading_sentences over `text` cut into `sentences` (found in order)."""
    from model.segment import reading_sentences

    spans, cursor = [], 0
    for sentence in sentences:
        start = text.index(sentence, cursor)
        spans.append((start, start + len(sentence)))
        cursor = start + len(sentence)
    return reading_sentences(text, spans)


def test_sentence_inside_a_quotation_gets_its_opening_mark_back():
    text = '"We will rebuild the pier. It will take two years," the mayor said. The pier closed in May.'
    sentences = ['"We will rebuild the pier.', 'It will take two years," the mayor said.', "The pier closed in May."]
    assert read(text, sentences) == ['"We will rebuild the pier.', '"It will take two years," the mayor said.', "The pier closed in May."]


def test_curly_quotation_spanning_three_sentences():
    text = "She was blunt. “The plan failed. Nobody owned it. We will,” she said. Voting ends Friday."
    sentences = ["She was blunt.", "“The plan failed.", "Nobody owned it.", "We will,” she said.", "Voting ends Friday."]
    assert read(text, sentences) == ["She was blunt.", "“The plan failed.", "“Nobody owned it.", "“We will,” she said.", "Voting ends Friday."]


def test_transcript_turns_open_a_quotation_per_paragraph():
    # Multi-paragraph quotations open each paragraph and close only at the end; sentence
    # splitting cuts such unclosed paragraphs into sentences with no mark of their own.
    text = ('Partial transcript follows.\n\n"HOST: Welcome back. Let us start with the vote.\n\n'
            '"GUEST: Thank you. The vote was close. We expected that.')
    assert read(text, texts_of(text))[1:] == ['"HOST: Welcome back.', '"Let us start with the vote.',
                                              '"GUEST: Thank you.', '"The vote was close.', '"We expected that.']


def test_an_unclosed_quotation_ends_at_the_line_break():
    text = 'He said "we are done. The end is here.\nThe council met on Monday. It adjourned at noon.'
    sentences = ['He said "we are done.', "The end is here.", "The council met on Monday.", "It adjourned at noon."]
    assert read(text, sentences) == ['He said "we are done.', '"The end is here.', "The council met on Monday.", "It adjourned at noon."]


def test_quotes_closed_within_a_sentence_and_apostrophes_change_nothing():
    text = "The mayor's \"pier plan\" passed. It isn't \"final,\" aides said. Work starts in June. Rock 'n' roll played."
    assert read(text, texts_of(text)) == texts_of(text)


def test_pretokenised_quotes_are_tracked_by_count():
    text = 'The vote is set . " We will win . We have the numbers , " Ruiz said . The count starts at noon .'
    sentences = ["The vote is set .", '" We will win .', 'We have the numbers , " Ruiz said .', "The count starts at noon ."]
    assert read(text, sentences) == ["The vote is set .", '" We will win .', '"We have the numbers , " Ruiz said .',
                                     "The count starts at noon ."]


def test_a_quotation_inside_a_quotation_does_not_end_the_outer_one():
    text = '"HOST: She called it “a rescue.” That was Monday. Today is different.'
    sentences = ['"HOST: She called it “a rescue.”', "That was Monday.", "Today is different."]
    assert read(text, sentences) == ['"HOST: She called it “a rescue.”', '"That was Monday.', '"Today is different.']


def test_mixed_straight_and_curly_marks_close_each_other():
    text = '"We listened. We agreed,” Ames said. The hall emptied.'
    sentences = ['"We listened.', "We agreed,” Ames said.", "The hall emptied."]
    assert read(text, sentences) == ['"We listened.', '"We agreed,” Ames said.', "The hall emptied."]
