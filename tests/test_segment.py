"""Segmentation: sentences, statements inside compound sentences, kinds, speakers and offsets."""

from __future__ import annotations


import pytest

from claimdiff.ingest import IngestOptions, read_source
from claimdiff.model import Block, Document
from claimdiff.segment import segment
from claimdiff.language.sentences import sentence_spans
from conftest import SEEDS, has_finite_verb


def _document(text: str, role: str = "body") -> Document:
    return Document(id="t", location="t.txt", kind="text", title=None, text=text,
                    blocks=[Block(0, len(text), role)])


def _texts(text: str) -> list[str]:
    return [c.text for c in segment(_document(text))]


SENTENCES = [
    ("Start with Sept. 7, when the No. 3 man in China’s Politburo visited. The U.S. and NATO objected.",
     ["Start with Sept. 7, when the No. 3 man in China’s Politburo visited.", "The U.S. and NATO objected."]),
    ("“We won,” she said. “It was close!” he added.", ["“We won,” she said.", "“It was close!” he added."]),
    ("A series of meetings—and what was said at them— has revealed much. It matters.",
     ["A series of meetings—and what was said at them— has revealed much.", "It matters."]),
    ("Mr. Smith met Dr. Jones in Washington, D.C. on Monday. They talked.",
     ["Mr. Smith met Dr. Jones in Washington, D.C. on Monday.", "They talked."]),
    # A bare attribution and a lower-case continuation stay with the sentence before them.
    ("It didn’t work for them in the 1950s. Hart said.", ["It didn’t work for them in the 1950s. Hart said."]),
    ("India is a member along with Japan and Australia. brought together by threats.",
     ["India is a member along with Japan and Australia. brought together by threats."]),
    # A state abbreviated before a title is no sentence end; after a city or a party it may be.
    ("Republicans are calling for Ariz. Gov. Jan Brewer to veto the bill. She left.",
     ["Republicans are calling for Ariz. Gov. Jan Brewer to veto the bill.", "She left."]),
    ("The game will be held in Tempe, Ariz. It sold out.", ["The game will be held in Tempe, Ariz.", "It sold out."]),
    ("He works for Rep. Stephen Fincher, R-Tenn. The professor said so.",
     ["He works for Rep. Stephen Fincher, R-Tenn.", "The professor said so."]),
    # Each sentence of a quotation is a claim of its own (pySBD keeps a quotation whole).
    ("The letter goes on: “Scheduling should be focused on these priorities. We cannot agree to anything else.”",
     ["The letter goes on: “Scheduling should be focused on these priorities.",
      "We cannot agree to anything else.”"]),
    ("“It didn’t work for them in the 1950s. and they see it as a lesson,” Hart said.",
     ["“It didn’t work for them in the 1950s. and they see it as a lesson,” Hart said."]),
    # A single word left after a question mark inside a quotation closes that quotation's sentence.
    ("She wrote that they would “beat the State Department so why do we want to feed that either? Concerned ... ”",
     ["She wrote that they would “beat the State Department so why do we want to feed that either? Concerned ... ”"]),
    # A quotation's attribution cut off by the full stop inside the quotation marks stays with it.
    ("“We may find ourselves sued in foreign courts.” Obama wrote in a letter delivered Tuesday. He vetoed it.",
     ["“We may find ourselves sued in foreign courts.” Obama wrote in a letter delivered Tuesday.", "He vetoed it."]),
    # With any verb of speech ("recalled", "conceded"), not only "said".
    ("\"Hold it!\" Holder recalled. His cousin started mouthing off.",
     ["\"Hold it!\" Holder recalled.", "His cousin started mouthing off."]),
    ("“It was a mistake.” Mr. Smith conceded on Tuesday. He left.",
     ["“It was a mistake.” Mr. Smith conceded on Tuesday.", "He left."]),
    ("“How about the mayor starts it off?” Mr. Trump was quoted as saying, playing peacemaker. He left.",
     ["“How about the mayor starts it off?” Mr. Trump was quoted as saying, playing peacemaker.", "He left."]),
    ("The vote was “close.” Smith said the count would resume.",
     ["The vote was “close.”", "Smith said the count would resume."]),
    # A quotation opened with a straight mark and closed with a curly one: the closing mark ends the quotation.
    ("\"I’m not going to pay for that wall!” Fox told Jorge Ramos in an interview. “He should pay for it.”",
     ["\"I’m not going to pay for that wall!” Fox told Jorge Ramos in an interview.", "“He should pay for it.”"]),
    # A dateline says where the story was filed, even where pySBD ends a sentence inside it ("Me." is Maine).
    ("WASHINGTON -- The Senate voted on Tuesday. The bill passed.", ["The Senate voted on Tuesday.", "The bill passed."]),
    ("AUGUSTA, Me. — Paul R. LePage declared on Wednesday that he would not step down. He said so.",
     ["Paul R. LePage declared on Wednesday that he would not step down.", "He said so."]),
    ("DANVILLE, Ky. –- Joe Biden did everything the president did not. He debated.",
     ["Joe Biden did everything the president did not.", "He debated."]),
]


@pytest.mark.parametrize("text, expected", SENTENCES)
def test_sentences(text, expected):
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


COMPOUNDS = [
    ("Before flying to Samarkand, Xi visited Kazakhstan where he met President Kassym-Jomart Tokayev in a "
     "symbolically important first stop, where he appeared to send a subtle message about the Ukraine war, vowing "
     "to strongly support Kazakhstan’s efforts to protect its independence, sovereignty and territorial integrity, "
     "“no matter how the international situation changes.”",
     ["Before flying to Samarkand, Xi visited Kazakhstan",
      "where he met President Kassym-Jomart Tokayev in a symbolically important first stop,",
      "where he appeared to send a subtle message about the Ukraine war,",
      "vowing to strongly support Kazakhstan’s efforts to protect its independence, sovereignty and territorial "
      "integrity, “no matter how the international situation changes.”"]),
    ("Its exports of refined oil products have fallen 25 percent since February; more than 1,000 businesses "
     "have halted their operations in Russia; and imports have been cut in half.",
     ["Its exports of refined oil products have fallen 25 percent since February;",
      "more than 1,000 businesses have halted their operations in Russia;",
      "and imports have been cut in half."]),
    ("A Russian readout of the meeting said that Li expressed support for the war, but the Chinese version was "
     "more tempered in saying that Li said China “understands and fully supports” Russia’s security interests.",
     ["A Russian readout of the meeting said that Li expressed support for the war,",
      "but the Chinese version was more tempered in saying that Li said China “understands and fully supports” "
      "Russia’s security interests."]),
    ("“This makes this trip quite important,” said Niva Yau, senior researcher at the OSCE Academy, a foreign "
     "policy think tank in Kyrgyzstan.",
     ["“This makes this trip quite important,”",
      "said Niva Yau, senior researcher at the OSCE Academy, a foreign policy think tank in Kyrgyzstan."]),
    # Two acts of one subject, each with what it acted on, are two statements.
    ("Hillary and Bill Clinton earned roughly $141 million and paid nearly $44 million in federal income taxes.",
     ["Hillary and Bill Clinton earned roughly $141 million",
      "and paid nearly $44 million in federal income taxes."]),
    # Not split: a participle ("calling ... and claiming"), a verb addressing the reader, a verb with no object.
    ("AARP CEO Barry Rand later issued a statement calling the article \"misleading\" and claiming that the group "
     "had not changed its position.", None),
    ("Donald J. Trump has dropped plans to moderate a presidential debate, but don’t expect him to fade quietly "
     "from the political scene.", None),
    ("The senator read the bill carefully and voted against it.", None),
    # Not split: a speaker tagged with a party and state has no role to check, the quotation stays whole.
    ("\"This bill is about respecting the voices and rights of American victims,\" Sen. John Cornyn, R-Texas, said.",
     None),
    # Not split: a relative clause in the middle, a subordinate opening, a list introduced by "including".
    ("Indian Prime Minister Narendra Modi, who to this point has been relatively friendly, denounced Russia’s "
     "action in unusually direct language.", None),
    ("Given the meeting was behind closed doors, and journalists did not have the opportunity to ask questions, "
     "it is difficult to conclude what the outcome of the summit was.", None),
    ("Imports have been cut in half, including those of semiconductors and other essential components.", None),
    # Not split: a question the article asks states nothing, so its clauses are no statements; a quoted one is
    # someone's words and cut as any quotation.
    ("So who is Dave Brat, and how did he pull off such a stunning win?", None),
]


@pytest.mark.parametrize("text, expected", COMPOUNDS)
def test_compound_sentences(text, expected):
    assert _texts(text) == (expected or [text])


@pytest.mark.parametrize("text, expected", [
    # Beside articles in other languages an English article is cut where a translation is: at its sentences,
    # those inside a quotation included, not at its clauses or its attribution.
    ("United were 14 points off Leicester just 12 matches ago but a run of form saw them finish fourth.",
     ["United were 14 points off Leicester just 12 matches ago but a run of form saw them finish fourth."]),
    ("“They give plasma in the hope it works. They have no idea if it helps,” added Landray, an expert in trials.",
     ["“They give plasma in the hope it works.", "They have no idea if it helps,” added Landray, an expert in trials."]),
])
def test_whole_sentences_keep_their_clauses_and_attribution(text, expected):
    claims = segment(_document(text), whole_sentences=True)
    assert [c.text for c in claims] == expected
    assert len(_texts(text)) > len(expected)  # split further when every article is in English


def test_a_shared_subject_is_restated_with_the_second_act():
    claims = segment(_document("Hillary and Bill Clinton earned roughly $141 million and paid nearly $44 million in "
                               "federal income taxes. They also donated $15 million to charity, and paid an "
                               "additional $13.6 million in state taxes."))
    assert claims[1].context == "Hillary and Bill Clinton paid nearly $44 million in federal income taxes."
    assert claims[3].context == "They paid an additional $13.6 million in state taxes."


def test_fragments_are_restated_for_matching():
    claims = segment(_document(COMPOUNDS[0][0]))
    contexts = [c.context for c in claims]
    assert contexts[1].startswith("Xi met President Kassym-Jomart Tokayev")
    assert contexts[2].startswith("Xi appeared to send")
    assert contexts[3].startswith("Xi vowing to strongly support")


@pytest.mark.parametrize("sentence, context", [
    ("“It is a waste,” Rep. Jerrold Nadler, the former chairman of the Judiciary subcommittee, told The Washington "
     "Post.", "Rep. Jerrold Nadler, the former chairman of the Judiciary subcommittee."),
    ("“We immediately said yes,” Nick Merrill, the Clinton spokesman, said on Sunday.",
     "Nick Merrill, the Clinton spokesman."),
    ("“China doesn’t need Russia,” said Niva Yau, senior researcher at the OSCE Academy.",
     "Niva Yau, senior researcher at the OSCE Academy."),
])
def test_an_attribution_is_restated_as_what_it_says_of_the_speaker(sentence, context):
    """Whom it was said to and when are no fact about the speaker: left in, "told The Washington Post" would
    match the claim to the newspaper."""
    assert segment(_document(sentence))[-1].context == context


@pytest.mark.parametrize("text, aside, said_of", [
    ("During Xi’s state visit to Kazakhstan on Wednesday – his first overseas trip in almost 1,000 days – the "
     "Chinese leader tried to allay those concerns.", "his first overseas trip in almost 1,000 days",
     "Xi’s state visit to Kazakhstan on Wednesday"),
    ("It drew attention to a draft of the talking points -- the only document provided by the White House that was "
     "not part of an e-mail chain -- in which Mr. Morell crossed out five lines.",
     "the only document provided by the White House that was not part of an e-mail chain",
     "a draft of the talking points"),
    ("The senator (a Republican who has served since 1995) voted against the bill.",
     "a Republican who has served since 1995", "The senator"),
])
def test_a_noun_phrase_set_apart_by_dashes_or_parentheses_is_an_aside(text, aside, said_of):
    claims = segment(_document(text))
    assert [c.text for c in claims] == [text, aside]
    assert claims[1].kind == "aside" and claims[1].context == f"{said_of}: {aside}"
    assert text[claims[1].start : claims[1].end] == aside


@pytest.mark.parametrize("text", [
    "Whatever we call it -- Afghanistan or Iraq -- we owe our military men and women unconditional support.",
    "Sanders said he would stop Trump — and would work with Clinton — in the months ahead of the election.",
    "“The visit – his first overseas trip in almost 1,000 days – matters,” the ambassador said at the embassy.",
    "Hart, a fellow at the Center for Strategic and International Studies, said trade was growing.",
    "The rate is 3-5 percent - up from 2 percent last year - according to the central bank of the country.",
])
def test_no_aside_in_short_remarks_clauses_quotations_or_between_commas(text):
    assert [c.kind for c in segment(_document(text)) if c.kind == "aside"] == []


SPEAKERS = [
    ("“It’s of course a demonstration of mutual support,” said Yun Sun, director of the China program.", "Yun Sun"),
    ("Niva Yau is a researcher. “China is at odds with the region,” she said.", "Niva Yau"),
    ("Brian Hart said so. According to Hart, one area worth keeping an eye on is arms sales.", "Brian Hart"),
    ("Li Zhanshu visited Moscow. The Russian State Duma reported that Li said that “China understands and "
     "supports Russia.”", "Li Zhanshu"),
    ("“The trip fits with Mr. Xi’s vision, and it may make it harder for Xi to claim he is not enabling Russia,” "
     "said Joseph Torigian, an assistant professor.", "Joseph Torigian"),
    ("Russian President Vladimir Putin told Chinese leader Xi Jinping that Moscow “understands” Beijing’s "
     "concerns.", "Vladimir Putin"),
]


@pytest.mark.parametrize("text, speaker", SPEAKERS)
def test_speakers(text, speaker):
    claims = segment(_document(text))
    quoted = [c for c in claims if "“" in c.text or "According" in c.text]
    assert quoted and quoted[-1].speaker == speaker


def test_he_is_the_last_person_named_as_subject_not_an_unnamed_source():
    """"he" after "Akin made the remarks" (Akin known as Todd Akin, though not recognised as a name here) is
    Todd Akin, not "the source" quoted just before."""
    text = ("Todd Akin spoke on Sunday. Cornyn, according to the source, told him to quit.\n\n"
            "Akin made the remarks in an interview with Fox affiliate KTVI. He claimed a woman's body can fend off "
            "pregnancy, as he argued against abortion.")
    claims = segment(_document(text))
    assert claims[-1].text.startswith("He claimed") and claims[-1].speaker == "Todd Akin"


@pytest.mark.parametrize("text, kind", [
    ("Top Senate leaders including Senate Republican Leader Mitch McConnell have condemned Akin's comments.",
     "statement"),
    ("Top: Senate Republican Leader Mitch McConnell speaks to reporters in Washington on Tuesday.", "caption"),
    ("From left, Xi Jinping, Vladimir Putin and Narendra Modi at the summit.", "caption"),
])
def test_a_sentence_opening_with_a_position_word_is_a_caption_only_when_it_points(text, kind):
    assert [c.kind for c in segment(_document(text))] == [kind]


@pytest.mark.parametrize("text, kind", [
    ("Russian President Vladimir Putin meets with Xi Jinping at the Kremlin in Moscow in June 2019.", "caption"),
    ("Protesters gather outside the Capitol in Washington on Tuesday.", "caption"),
    ("A Fox News poll released Wednesday shows Obama leading Romney, 49 percent to 44 percent, in Florida.",
     "statement"),
    ("The decision follows a two-year FBI investigation into Grimm's business in New York.", "statement"),
    ("Trump noted so helpfully in a tweet Wednesday morning.", "statement"),
    ("Chinese leader Xi Jinping with Kazakh President Kassym-Jomart Tokayev in Astana on Wednesday.", "caption"),
    ("Thursday night’s meeting marks the second time in a week the president and the speaker have met in Washington.",
     "statement"),
])
def test_a_paragraph_in_the_present_is_a_caption_only_when_its_subject_is_what_a_photo_shows(text, kind):
    assert [c.kind for c in segment(_document(text))] == [kind]


def test_without_a_quotation_the_speaker_is_the_main_clauses():
    text = ("Though Weiner said the incident did not constitute a federal crime, the former official said several "
            "federal crimes would have been committed.")
    assert [c.speaker for c in segment(_document(text))] == ["former official"]


def test_a_speech_verb_after_a_subordinating_word_is_not_the_main_clauses():
    # The parser may make "said" of "a few hours after Obama said" the sentence's root; "after" subordinates it.
    text = ("Republican presidential candidate Mitt Romney on Wednesday reiterated that he opposes same-sex marriage, "
            "a few hours after President Barack Obama said for the first time he supports it.")
    assert [c.speaker for c in segment(_document(text))] == ["Mitt Romney"]


@pytest.mark.parametrize("text, speaker", [
    ("Mr. Trump was facing a potentially awkward task: moderating a debate that only two candidates said they "
     "would attend.", None),
    ("Clinton said she had no knowledge of the warning which former security agents have told Fox News amounted "
     "to a cry for help.", "Clinton"),
])
def test_a_verb_of_saying_that_describes_a_noun_does_not_give_the_sentence_its_speaker(text, speaker):
    assert [c.speaker for c in segment(_document(text))] == [speaker]


@pytest.mark.parametrize("open_mark, close_mark", [('"', '"'), ("“", "”")])
def test_a_speech_verb_inside_a_quotation_continued_from_a_sentence_before_is_not_the_attribution(open_mark,
                                                                                                 close_mark):
    text = (f"Donald Trump issued a call for the president to resign.\n\n{open_mark}He should step down. If Hillary "
            f"Clinton still cannot say the two words she should get out of this race,{close_mark} Trump said in a "
            "statement.")
    claims = segment(_document(text))
    assert [c.speaker for c in claims if c.kind == "quote"] == ["Donald Trump", "Donald Trump"]


def test_quote_running_over_sentences_keeps_its_speaker():
    text = ("“Concrete support is unlikely,” said Yun Sun, director of the China program. “Military support is "
            "not in the cards. China doesn’t need to support Russia in the war; it only does not oppose it.”")
    claims = segment(_document(text))
    assert [c.kind for c in claims[-3:]] == ["quote", "quote", "quote"]
    assert {c.speaker for c in claims if c.kind == "quote"} == {"Yun Sun"}


def test_kinds_of_seed_claims():
    document = read_source(str(next(SEEDS.glob("004_*.txt"))), IngestOptions(), has_finite_verb)
    kinds = {c.text: c.kind for c in segment(document)}
    assert kinds["Putin and Xi meeting: Russia's failure in Ukraine could derail their plans for a new world order"] \
        == "heading"
    assert kinds["Growing anxiety"] == "heading"
    assert kinds["Russian President Vladimir Putin meets with his Chinese counterpart Xi Jinping at the Kremlin in "
                 "Moscow in June 2019."] == "caption"
    assert kinds["Chinese leader Xi Jinping with Kazakh President Kassym-Jomart Tokayev during his arrival in "
                 "Kazakhstan on Wednesday."] == "caption"
    assert kinds["“I think that China will continue to strengthen relations with Russia only to the extent that it "
                 "is really in their common interest.”"] == "quote"


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_offsets_slice_back_to_claims(path):
    document = read_source(str(path), IngestOptions(), has_finite_verb)
    claims = segment(document)
    assert claims
    previous_end = 0
    for claim in claims:
        assert document.text[claim.start : claim.end] == claim.text
        assert "\n" not in claim.text and claim.text == claim.text.strip()
        if claim.kind == "aside":  # inside a claim of its sentence, listed after it
            assert any(c.start <= claim.start and claim.end <= c.end for c in claims if c.kind != "aside")
            assert claim.end <= previous_end
            continue
        assert claim.start >= previous_end  # claims do not overlap and come in reading order
        previous_end = claim.end
    assert len({c.id for c in claims}) == len(claims)


def test_sentence_spans_are_pysbds_own():
    import pysbd

    from claimdiff.language.sentences import _spans

    reference = pysbd.Segmenter(language="en", clean=False, char_span=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += ["He said no. He said no.  He said no.", "“Stop.” “Stop,” he said. Stop.\n\nA. B. C."]
    for text in texts:
        assert list(_spans(text)) == [(s.start, s.end) for s in reference.segment(text)]


@pytest.mark.parametrize("text, sentences", [
    ("“What have you guys been doing, John?” Obama continued, calling out Speaker John Boehner (R-Ohio). He left.",
     ["“What have you guys been doing, John?” Obama continued, calling out Speaker John Boehner (R-Ohio).",
      "He left."]),
    ("“Does he stand with the families?” Walsh asked. He left.", ["“Does he stand with the families?” Walsh asked.",
                                                                  "He left."]),
])
def test_the_attribution_of_a_quoted_question_stays_with_it(text, sentences):
    assert [text[a:b] for a, b in sentence_spans(text)] == sentences


def test_a_sentence_repeated_word_for_word_is_one_claim():
    lede = "Last year China overtook Russia to become Kazakhstan's biggest trading partner."
    claims = segment(_document(f"{lede}\n\nXi arrived on Wednesday. {lede} He said so.\n\nHe said so."))
    texts = [c.text for c in claims]
    assert texts.count(lede) == 1 and texts[0] == lede
    assert [c.id for c in claims] == [f"t:{n}" for n in range(1, len(claims) + 1)]
    assert texts.count("He said so.") == 2  # too short to tell a repeat from another sentence


def test_the_seeds_repeated_lede_and_author_note_are_not_claims():
    texts = {}
    for name in ("000_9a46518befece4f6.txt", "002_932a714b30df5b71.txt"):
        document = read_source(str(SEEDS / name), IngestOptions(), has_finite_verb)
        texts[name[:3]] = [c.text for c in segment(document)]
    assert not any("Corbett" in t or "areas of focus" in t for t in texts["000"])
    assert sum(t.startswith("Last year China overtook Russia") for t in texts["002"]) == 1


@pytest.mark.parametrize("sentence, speaker", [
    ("The 24-page indictment says Grimm hid more than $1 million in wages.", None),
    ("Both sides said the talks had been useful.", None),
    ("Two said they would vote against the plan.", None),
    ("A spokeswoman said the plant would stay closed.", "spokeswoman"),
    ("“We will win this,” said Yun Sun, a director at the Stimson Center.", "Yun Sun"),
    ("The Justice Department said it would appeal the ruling.", "The Justice Department"),
    # The parse may make the organisation the subject; the person the phrase names is the speaker.
    ("The National Organization for Women President Terry O'Neill said the cover was sexist.", "Terry O'Neill"),
    # A role named in apposition: the person speaks.
    ("In a statement, the N.C.A.A. president, Mark Emmert, said the law could affect the events.", "Mark Emmert"),
    ("“I completely disagree,” the Republican leader, Michael Thibodeau, said in a statement.", "Michael Thibodeau"),
    ("On Saturday, the mayor of Hoboken, Dawn Zimmer, said Mr. Christie’s lieutenant governor had threatened in May "
     "to withhold federal recovery aid for Hurricane Sandy.", "Dawn Zimmer"),
    ("A lawyer for Mr. Grimm, William McGinley of Patton Boggs, confirmed in a statement that prosecutors intended to "
     "file criminal charges against his client and said that Mr. Grimm “asserts his innocence.”", "William McGinley"),
    # What is said may be parsed as an adverbial clause of the verb of saying.
    ("Vicente Fox said, as a taxpayer, he’s not willing to fund Trump’s big idea.", "Vicente Fox"),
    # A title is no part of the name, whatever the recogniser took the words for.
    ("\"He stole $700 billion from Medicare,\" said RNC Chair Reince Priebus.", "Reince Priebus"),
    ("\"It was fine,\" Spokesperson Marie Harf said.", "Marie Harf"),
    ("Historian Alan Brinkley told Fox News the reading may be \"a bit of theater.\"", "Alan Brinkley"),
    ("King Abdullah said the talks would go on.", "King Abdullah"),
    ("“We already have things on the calendar,” said the Democratic staffer.", "Democratic staffer"),
    # A verb joined by "but" shares the subject of the verb before it.
    ("Sen. Jim DeMint would not go that far but said Steele must apologize to the troops.", "Jim DeMint"),
    # A participle has a subject of its own after a preposition.
    ("The measure has sparked a backlash, with Jim Smith warning that the law allows discrimination.", "Jim Smith"),
    ("General Motors said it would recall the cars.", "General Motors"),
    # A negated verb of saying reports no words.
    ("A Frank representative did not respond to interview requests from The Huffington Post.", None),
    ("Earnest would not say whether the White House believes Clinton broke the law.", None),
    ("Mr. Santorum did not say public schools were a bad idea.", None),
    # A counting word speaks for the people it counts.
    ("A handful of influential RNC insiders tell Fox News they expect Steele to announce he is not running for "
     "re-election.", "influential RNC insiders"),
    ("The charges were expected to include mail fraud, two of the people said.", "people"),
    # A title with its office before the name is the named person's.
    ("Still, then-Deputy Assistant Secretary for Diplomatic Security Charlene Lamb testified in October that the "
     "size of the attack was the issue.", "Charlene Lamb"),
    ("Under Secretary for Political Affairs Wendy Sherman said the talks would resume.", "Wendy Sherman"),
    # A name the recogniser runs on into an adverb ends at its last noun.
    ("Breitbart's BigGovernment.com first reported that it was tweeted to a Seattle woman, later identified as "
     "Gennette Cordova.", "Breitbart's BigGovernment.com"),
])
def test_speakers_are_people_or_organisations(sentence, speaker):
    claims = segment(_document(sentence))
    assert claims[0].speaker in ({speaker} if speaker != "The Justice Department" else {speaker, "Justice Department"})


def test_he_is_no_one_when_two_people_were_just_named():
    claims = segment(_document("Donald Trump has denied the report. “It is a hoax,” said Adam Smith, a lawyer for the "
                               "company. He repeatedly has said the charges are false."))
    assert claims[-1].speaker is None
    alone = segment(_document("Donald Trump has denied the report. He repeatedly has said the charges are false."))
    assert alone[-1].speaker == "Donald Trump"


def test_quotes_after_a_sentence_that_attributes_a_quotation_are_the_same_speakers():
    """'"A!” Fox told Ramos. “B. C.”': B and C are Fox's, also when the attributed sentence is one claim."""
    claims = segment(_document("Vicente Fox spoke on Thursday.\n\n\"I’m not going to pay for that wall!” Fox told "
                               "Jorge Ramos in an interview. “He should pay for it. He’s got the money.”"))
    assert [c.speaker for c in claims[1:]] == ["Vicente Fox"] * 3


def test_he_is_no_one_after_a_name_the_recogniser_takes_for_an_organisation():
    """The small English model reads "Felipe Calderon" as an organisation; "he" right after him is not the person
    named as a subject two sentences before."""
    claims = segment(_document("\"They're followers of a false prophet,\" Fox said.\n\nFelipe Calderon, who was "
                               "president of Mexico from 2006 to 2012, has also dismissed Trump's idea.\n\n\"We are "
                               "not going to pay any single cent for such a stupid wall,\" he said earlier this month."))
    assert claims[-1].speaker != "Fox"


@pytest.mark.parametrize("sentence, speaker", [
    ("Bloomberg also charged that Trump had left behind a record of bankruptcies.", "Bloomberg"),
    ("Mitt Romney reiterated that he opposes same-sex marriage.", "Mitt Romney"),
    ("Jim Messina quipped that he is a happy warrior for the middle class.", "Jim Messina"),
    ("Trump tweeted Tuesday that he had accepted an invitation.", "Trump"),
    ("“That was a mistake,” Glenn Beck recalled.", "Glenn Beck"),
    ("“It is still morning in America,” Glenn Beck posited, “but it is a nasty day.”", "Glenn Beck"),
    ("“We will not back down,” Glenn Beck continued.", "Glenn Beck"),
    # "continue" and "recall" say only with the clause they report: the quotation is the later speaker's.
    ("Harry Reid continued to push for the bill, and “we will win,” John Smith said.", "John Smith"),
    # A clause the sentence only concedes is not its attribution.
    ("Ryan’s budget assumes the same Medicare savings, even though Mitt Romney has said those cuts would be "
     "devastating.", None),
    # A verb of saying that completes an act done is its subject's; one only tried, or declined, reports nothing.
    ("Mr. Bauer went on to say that such horse-trading has been commonplace.", "Bauer"),
    ("Biden was quick to respond, “That is a bunch of malarkey.”", "Biden"),
    # The parser takes "retort" after "to" for a noun; after "quick to" it is the act.
    ("Biden was quick to retort: “That is a bunch of malarkey.”", "Biden"),
    ("Biden was quick to offer a retort to the critics.", None),
    ("Ryan tried to argue that the plan was fine.", None),
    ("Ryan declined to say whether the plan was fine.", None),
    ("As reporters continued to ask him whether he sent the image, the exchange became heated.", None),
    # A verb with a common sense besides saying is no attribution ("maintains his opposition").
    ("Mitt Romney maintains his opposition to it, the same position he has had since he began “running for office.”",
     None),
])
def test_reporting_verbs_attribute_what_they_report(sentence, speaker):
    assert segment(_document(sentence))[0].speaker == speaker


def test_she_is_not_a_man_an_honorific_named():
    """"she" right after "Mr. Christie" is someone else (an unnamed speaker), and "she" after "Ms. Townsend" with
    "Mr. Trump" between them is Ms. Townsend."""
    claims = segment(_document("Mr. Christie spoke at the rally. Later on, she was booed when she disclosed that she "
                               "was a Democrat."))
    assert claims[-1].speaker is None
    claims = segment(_document("Kelly Townsend met reporters. Ms. Townsend said she had her own agenda for the meeting "
                               "with Mr. Trump. “I want to invite him to Arizona,” she said."))
    assert claims[-1].speaker == "Kelly Townsend"


def test_a_family_name_two_people_bear_is_neither_unless_an_honorific_tells_them_apart():
    text = ("Hillary Rodham Clinton released her tax returns. Bill Clinton gave 41 speeches.\n\n"
            "“We’ve come a long way,” Clinton said in a statement.")
    assert segment(_document(text))[-1].speaker == "Clinton"
    # Given names joined before one family name are two people of that name, not the second alone.
    text = ("Hillary and Bill Clinton earned roughly $141 million. The couple paid $44 million in taxes.\n\n"
            "“We’ve come a long way,” Clinton said in a statement.")
    assert segment(_document(text))[-1].speaker == "Clinton"
    # A titled name before another's full name is a family name of its own.
    text = ("Donald Trump ripped President Obama and Hillary Clinton on Sunday.\n\n"
            "Obama, speaking from the White House, said the attack was an act of terror.")
    assert segment(_document(text))[-1].speaker == "Obama"
    text = ("Bill Clinton gave 41 speeches. Mr. Clinton earned $13 million. Hillary Rodham Clinton released her "
            "returns.\n\n“We’ve come a long way,” Mrs. Clinton said in a statement.")
    assert segment(_document(text))[-1].speaker == "Hillary Rodham Clinton"
    # One person written with and without a middle initial is still one person.
    text = ("Donald Trump Rebukes Ginsburg\n\nDonald J. Trump on Tuesday assailed Justice Ruth Bader Ginsburg.\n\n"
            "“I think it’s highly inappropriate,” Mr. Trump said.")
    assert segment(_document(text))[-1].speaker in {"Donald Trump", "Donald J. Trump"}
    # Of two bearers, the one named in full just before ("Seth Hutchinson said ... Mr. Hutchinson said").
    text = ("Gov. Asa Hutchinson spoke on Wednesday. His son spoke too.\n\nFather and son talk regularly, Seth "
            "Hutchinson said.\n\n“It’s always a lively conversation,” Mr. Hutchinson said.")
    assert segment(_document(text))[-1].speaker == "Seth Hutchinson"
    # "he" is not the family name a "Mrs." was last given to, whoever else bears it.
    text = ("Bill Clinton gave 41 speeches. Hillary Rodham Clinton released her returns. Mr. Clinton earned $20 "
            "million.\n\n“We’ve come a long way,” Mrs. Clinton said. Her aides hope for a contrast. Later, he said "
            "he had paid more.")
    assert segment(_document(text))[-1].speaker is None


def test_she_is_not_the_man_just_named_when_the_woman_before_him_is_the_only_one_she_can_be():
    text = ("Lois Lerner was specifically asked about the investigation.\n\nRep. Joseph Crowley asked her if she "
            "could comment on the status of the investigation.\n\nShe said: \"Well, there is a questionnaire.\"")
    assert segment(_document(text))[-1].speaker == "Lois Lerner"


def test_a_pronoun_subject_keeps_its_person_the_one_a_later_pronoun_names():
    text = ("Earlier Sunday, Hillary Clinton released a statement.\n\n“We must redouble our efforts,” she said.\n\n"
            "She also called it an “act of hate” since the attacker targeted an LGBT nightclub.\n\n"
            "And she said the country needs to “keep guns out of the hands of terrorists.”")
    assert segment(_document(text))[-1].speaker == "Hillary Clinton"
    # Only a main clause's: "if he had people" inside another's clause keeps no one.
    text = ("\"Today\" show host Meredith Vieira asked Trump, \"You've been privy to all of this?\" His response: "
            "\"Well, I have people that actually have been studying it.\"\n\nThe remarks from the potential "
            "presidential candidate prompted Vieira to ask Trump if he had people on the ground in Hawaii. He "
            "signaled he did, saying, \"And they cannot believe what they're finding.\"")
    assert segment(_document(text))[-1].speaker is None


def test_a_family_name_the_tagger_reads_as_a_common_noun_is_still_the_person_a_pronoun_names():
    text = ("Gov. Paul LePage left a voicemail for Rep. Drew Gattine.\n\nGattine denied that he ever called the "
            "governor a racist.\n\nLePage has long been clear about his distaste for the media. He has said "
            "newspapers are his greatest fear.")
    assert segment(_document(text))[-1].speaker == "Paul LePage"


@pytest.mark.parametrize("text", [
    "President Obama spoke on Friday.\n\nObama ran against those policies, but the reports reveal that he has "
    "continued many of them, leading to concerns over the reach of the state.",
    "Paul Ryan spoke on Thursday.\n\nRyan smiled, and continued to work through a data-filled argument, "
    "mentioning the stimulus.",
])
def test_continue_with_an_object_or_infinitive_of_its_own_says_nothing(text):
    assert all(claim.speaker is None for claim in segment(_document(text)))


def test_a_person_named_beside_the_subject_is_the_subject_a_later_pronoun_names():
    text = ("The bill was pushed by the Center for Arizona Policy.\n\nThe center's president, Cathi Herrod, has been "
            "deriding what she called \"fear-mongering\" from the opponents.\n\n\"Our opponents have a new tactic, "
            "and it's working,\" she said.")
    assert segment(_document(text))[-1].speaker == "Cathi Herrod"


def test_a_quotation_whose_attribution_comes_after_its_first_sentence_is_that_speakers_throughout():
    text = ("“We all know that the justices have political views. I’m not sure we’re well served by them airing "
            "them out,” Sen. Chris Murphy told Politico.\n\n“She may have got out over her skis a little bit. It’s "
            "very unusual,” Senate Minority Whip Dick Durbin told the outlet.")
    assert [c.speaker for c in segment(_document(text))] == ["Chris Murphy"] * 2 + ["Dick Durbin"] * 2
    # The sentences of a quotation that names no one keep the speaker of the quotation before it.
    text = ('"This dialogue is important," Eric Holder said. "Change is possible. The same kid is now the attorney '
            'general. This country is capable of change. But change does not happen by itself."')
    assert [c.speaker for c in segment(_document(text))] == ["Eric Holder"] * 5


def test_a_quotation_left_open_goes_on_in_a_paragraph_that_closes_it_without_opening_it():
    blocks = ["Sen. Ted Cruz on Friday lashed out at Donald Trump.", "Trump responded in a statement on Friday afternoon:",
              "“I had absolutely nothing to do with it. I do not surround myself with political hacks.",
              "Ted Cruz's problem with the National Enquirer is his and his alone.”",
              "The Enquirer has broken a number of major scandals over the years."]
    text = "\n\n".join(blocks)
    starts = [text.index(block) for block in blocks]
    document = Document(id="t", location="t.txt", kind="text", title=None, text=text,
                        blocks=[Block(start, start + len(block), "body") for start, block in zip(starts, blocks)])
    claims = segment(document)
    assert [(c.kind, c.speaker) for c in claims[2:]] == [("quote", "Donald Trump")] * 3 + [("statement", None)]


def test_every_sentence_of_a_quotation_is_its_speakers_when_a_later_one_is_quoted_straight_after():
    text = ("White House spokesman Eric Schultz said he hoped the release would end the matter.\n\n“Despite the "
            "fact that the e-mails were made available months ago, they have been read out selectively. To make "
            "clear what is in them, the White House released them,\" Schultz said. \"You can now see what the "
            "Congress has seen.”")
    quotes = segment(_document(text))[1:]
    assert len(quotes) == 3 and all(c.speaker == "Eric Schultz" for c in quotes)


def test_a_family_name_tagged_as_a_common_noun_is_still_the_person_named_before():
    text = "Colorado Attorney General John Suthers defended the law.\n\n“It is without merit,” Suthers said."
    assert segment(_document(text))[-1].speaker == "John Suthers"


@pytest.mark.parametrize("text, speaker", [
    ("Hillary Clinton released her returns.\n\nA month ago, when Jeb Bush released his own tax returns, he said: "
     "“I have paid a higher tax rate.”", "Jeb Bush"),
    ("Asa Hutchinson faced pressure from Walmart. CEO Doug McMillon called on the governor to veto the bill, which "
     "he said \"threatens to undermine the spirit of inclusion.\"", "Doug McMillon"),
    # The pronoun names in full the one whose family name the sentence gives.
    ("Dick Cheney supports it. The issue has divided the party. Mary Cheney spoke on Monday.\n\nThe younger Cheney echoed his language when she "
     "added, “Freedom means freedom for everyone.”", "Mary Cheney"),
])
def test_he_or_she_is_first_the_subject_named_earlier_in_the_same_sentence(text, speaker):
    assert segment(_document(text))[-1].speaker == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Kristen Breitweiser, a 9/11 widow, criticized Carter's assessment, saying that the defense secretary had "
     "testified last week.", "Kristen Breitweiser"),
    ("Maine Gov. Paul LePage spoke Tuesday.\n\nLePage hinted that he may resign, telling a local radio station, "
     "“I’m looking at all options. I think some things are beyond my ability.”", "Paul LePage"),
    # What the participle hangs on has no speaker: a report is none.
    ("The report was released Friday, saying the economy grew.", None),
    # After "as", the one presented as saying it: the subject of a passive, the object of an active verb.
    ("Sen. Charles Schumer, a New York Democrat, was quoted in The Hill as saying: “I think our Republican "
     "colleagues realize that to be blocking immigration reform is not good for them.”", "Charles Schumer"),
    ("Hong Kong-based Phoenix TV quoted Zhang Wei as saying the launch will be between Oct. 10 and 17.",
     "Zhang Wei"),
    # The complement of a passive: "is shown saying", "was heard saying".
    ("Benjamin Netanyahu appears in the ad.\n\n“Iran gets closer and closer to nuclear arms,” Mr. Netanyahu is "
     "shown saying.", "Benjamin Netanyahu"),
])
def test_a_participle_of_saying_speaks_for_the_subject_of_its_clause(text, speaker):
    assert segment(_document(text))[-1].speaker == speaker


def test_a_verb_of_saying_inside_a_quoted_letter_is_not_its_attribution():
    """A letter quoted over several sentences quotes someone else inside it, with marks of its own: "has said"
    there is the letter's words, not the attribution of the letter."""
    text = ("Bill Kristol wrote a letter to Steele.\n\n“Needless to say, the war was not “a war of Obama’s choosing.” "
            "Republicans have supported the effort. Indeed, as the DNC Communications Director has said, your "
            "statement “puts you at odds with the Republican Party.”")
    claims = segment(_document(text))
    assert [c.kind for c in claims[1:]] == ["quote"] * 3
    assert all(c.speaker != "DNC Communications Director" for c in claims)


def test_a_quotation_opened_with_a_curly_mark_may_close_with_a_straight_one():
    text = ("Obama and Clinton referred to the shooting as an “act of terror\" and an \"act of hate.\" Obama explained "
            "that he refuses to describe the groups as fueled by “radical Islam” because the term grants them "
            "legitimacy.")
    claims = segment(_document(text))
    assert claims[-1].kind == "statement" and claims[-1].speaker == "Obama"
    text = ("Romney spoke in Oklahoma.\n\n“I believe he had changed his view, but you’re a better judge of that "
            "than I,\" Romney said. \"If that’s the case then you’ll be able to make that determination.\"")
    quotes = segment(_document(text))[1:]
    assert len(quotes) == 2 and all(c.speaker == "Romney" for c in quotes)


def test_a_quotation_reopened_with_a_straight_mark_is_a_sentence_of_the_same_speaker():
    # Opened curly, closed straight, reopened straight and closed curly: the attribution between is outside both.
    text = ("Colorado Attorney General John Suthers isn't backing down.\n\n“Because neighboring states have "
            "expressed concern, we are not entirely surprised by this action,\" Suthers said. \"However, the "
            "grievance stems from federal laws. We believe this suit is without merit.”")
    quotes = segment(_document(text))[1:]
    assert [c.text.split()[0] for c in quotes] == ["“Because", '"However,', "We"]
    assert all(c.kind == "quote" and c.speaker == "John Suthers" for c in quotes)



def test_a_straight_mark_that_closes_a_quotation_ends_its_sentence():
    # The splitter cuts after the full stop; the straight mark set apart from the next word closes the quotation.
    text = ("Frank praised Cowan in a statement. “I look forward to providing President Obama the support he "
            "deserves in carrying out the mandate he received in November.\" A Frank representative did not "
            "respond to interview requests from The Huffington Post.")
    claims = segment(_document(text))
    assert claims[-2].text.endswith('November."') and claims[-2].kind == "quote"
    assert claims[-1].text.startswith("A Frank") and claims[-1].kind == "statement"


def test_a_negation_inside_the_quotation_does_not_negate_the_saying():
    text = "Reporters asked Mr. Pence whether he would sign it. “Absolutely not,” Mr. Pence said, and left."
    assert segment(_document(text))[-1].speaker == "Pence"

def test_a_sentence_ending_in_a_colon_names_who_speaks_the_quotation_after_it():
    text = ("The ad will run in Florida. Politico reports:\n\n“A Republican involved with the project said it’s "
            "airing in Miami. The flight is going to cost $1 million.”")
    claims = segment(_document(text))
    assert [c.speaker for c in claims if c.kind == "quote"] == ["Politico", "Politico"]
    # A list or a statement after the colon is no quotation of theirs.
    claims = segment(_document("Politico reports three things:\n\nThe ad will run in Miami."))
    assert claims[-1].speaker is None


def test_a_role_is_the_one_person_the_article_named_with_that_title():
    claims = segment(_document("Arkansas Gov. Asa Hutchinson spoke on Wednesday. Later, the governor said he would ask "
                               "lawmakers to recall the bill."))
    assert claims[-1].speaker == "Asa Hutchinson"
    # Two presidents named: "the president" stays a role.
    claims = segment(_document("President Barack Obama met former President Bill Clinton. “I trust in God,” the "
                               "president said."))
    assert claims[-1].speaker == "president"


def test_of_two_bearers_of_a_title_the_role_is_the_one_the_article_is_about():
    text = ("Arkansas Gov. Asa Hutchinson urged lawmakers to change the bill. Hutchinson had said he would sign it. "
            "Indiana Gov. Mike Pence vowed to clarify his state's law. Hutchinson said the country is split. As "
            "evidence, the governor said his own son had signed a petition.")
    assert segment(_document(text))[-1].speaker == "Asa Hutchinson"
    # Told of as often: the reader cannot tell which governor.
    text = ("Arkansas Gov. Asa Hutchinson urged lawmakers to change the bill. Indiana Gov. Mike Pence vowed to "
            "clarify his state's law. As evidence, the governor said his own son had signed a petition.")
    assert segment(_document(text))[-1].speaker == "governor"


@pytest.mark.parametrize("role, speaker", [("the Republican governor", "Paul LePage"),
                                           ("the Maine governor", "Paul LePage"),
                                           ("a Republican governor", "Republican governor")])
def test_a_role_with_a_place_or_party_refers_back_as_the_role_does(role, speaker):
    text = f"Gov. Paul LePage spoke on Monday. Earlier, {role} had said he wished it was 1825."
    assert segment(_document(text))[-1].speaker == speaker


@pytest.mark.parametrize("text, speaker", [
    # A country's leader is its head of state or government the article called so, not another country's.
    ("Russian President Vladimir Putin told Chinese leader Xi Jinping that Moscow understands. The Russian leader "
     "added that Russia is committed to the principle.", "Vladimir Putin"),
    ("Russian President Vladimir Putin told Chinese leader Xi Jinping that Moscow understands. The Chinese leader "
     "added that China is ready to work with Russia.", "Xi Jinping"),
    # A title's bearer the article placed elsewhere is not the role placed here.
    ("Indiana Gov. Mike Pence vowed to clarify the law. The Arkansas governor said he would not sign it.",
     "Arkansas governor"),
])
def test_a_role_with_a_place_is_no_bearer_the_article_placed_elsewhere(text, speaker):
    assert segment(_document(text))[-1].speaker == speaker


@pytest.mark.parametrize("named, member, speaker, pronoun, pronoun_speaker", [
    ("House Minority Leader Nancy Pelosi (D-Calif.)", "the California Democrat", "Nancy Pelosi", "she",
     "Nancy Pelosi"),
    ("Sen. John McCain, R-Ariz.,", "the Arizona Republican", "John McCain", "he", "John McCain"),
    ("New Jersey Gov. Chris Christie, a Republican,", "the New Jersey Republican", "Chris Christie", "he",
     "Chris Christie"),
    ("Republican Sen. Ted Cruz of Texas", "the Republican", "Ted Cruz", "he", "Ted Cruz"),
    # Another state, or a party no one was given: the role as written, which no "he" or "she" names.
    ("Sen. John McCain, R-Ariz.,", "the Florida Republican", "Florida Republican", "he", None),
    ("Sen. Marco Rubio", "the Florida Republican", "Florida Republican", "he", None),
])
def test_a_party_member_is_the_politician_the_article_gave_that_party_and_state(named, member, speaker, pronoun,
                                                                                 pronoun_speaker):
    text = f'{named} spoke on Monday. Rep. Tim Ryan listened. "We will win," {member} said.'
    assert segment(_document(text))[-1].speaker == speaker
    subject = member[0].upper() + member[1:]
    text = f'{named} spoke on Monday.\n\nThe vote was close.\n\n{subject} praised it.\n\n"We won," {pronoun} said.'
    assert segment(_document(text))[-1].speaker == pronoun_speaker


@pytest.mark.parametrize("role, speaker", [("the governor", "Deval Patrick"),
                                           ("the lieutenant governor", "Tim Murray")])
def test_a_vice_or_lieutenant_holds_another_office_than_the_title_it_ranks(role, speaker):
    text = f'Gov. Deval Patrick appointed William Cowan. Lt. Gov. Tim Murray praised him. "I am glad," {role} said.'
    assert segment(_document(text))[-1].speaker == speaker
    text = ('President Barack Obama unveiled the plan. Vice President Joe Biden led the task force. "We will act," '
            'said the president.')
    assert segment(_document(text))[-1].speaker == "Barack Obama"


def test_a_piece_without_a_word_is_no_claim():
    """An ellipsis between quoted sentences is no sentence of its own; the quotation goes on around it."""
    text = ("Politics Daily reported:\n\n“Call it the tea party-ization of Congress. ... These are two standout changes "
            "on a long list.”")
    claims = segment(_document(text))
    assert [c.text for c in claims[1:]] == ["“Call it the tea party-ization of Congress.",
                                            "These are two standout changes on a long list.”"]
    assert all(c.kind == "quote" and c.speaker == "Politics Daily" for c in claims[1:])


@pytest.mark.parametrize("text, speaker", [
    # A subject inside quotation marks is the quoted words', not whom "he" refers to: he is King, not Reid.
    ("Brian Walsh criticized the senator. \"Senator Harry Reid now agrees with us.\" Rep. Peter King said Monday "
     "that the White House softened its comments. He said Obama was \"clearly\" taking a side.", "Peter King"),
    # '"...," McGinley said. "...," he said.': he is the lawyer who just spoke, though Grimm was named too.
    # A role is no full name: "AARP" as a subject afterwards is not the AARP spokeswoman.
    ("\"Our position has not changed,\" an AARP spokeswoman said. David Certner said on CNN that there was some "
     "miscommunication. But then Certner acknowledged that AARP believes the program needs to be changed. "
     "\"Everybody knows we need to look at a package of changes,\" he said.", "David Certner"),
    # Of two people just named, the main clause's subject of the sentence right before, outside a quotation.
    ("Rep. Jay Inslee said the document had been changed. Rep. Elijah Cummings, D-Md., questioned the reading of "
     "the \"amended\" Constitution. \"To not read the full document is to fail,\" he said in a statement.",
     "Elijah Cummings"),
    # ... not the subject of a clause it reports: the line is Bloomberg's, not Trump's.
    ("Michael Bloomberg spoke at the convention.\n\nThe line was an unscripted addition to a speech in which "
     "Bloomberg argued that Donald Trump was a \"dangerous demagogue.\"\n\n\"I'm a New Yorker,\" he said, \"and "
     "New Yorkers know a con when we see one.\"", "Michael Bloomberg"),
    # A quotation given to "he" right after a sentence that reports one person's words goes on with them.
    ("“Today's ruling provides certainty,” Treasury Secretary Jacob Lew said. Human Rights Campaign President Chad "
     "Griffin said that, because of the ruling, “couples will now be treated equally.” He added, “These families "
     "finally have access to crucial tax benefits.”", "Chad Griffin"),
    # ... also a family name the recogniser takes for an organisation.
    ("Deval Patrick said it was important to have black elected officials. Cowan said Patrick offered him the job "
     "on Tuesday, and he accepted. He said there would be \"no daylight\" between him and Kerry on policy.", "Cowan"),
    # ... also where the quotation runs over sentences before its "he said".
    ("Rep. Kevin McCarthy, R-Calif., suggested Sunday that the president left Republicans to negotiate with "
     "themselves. \"He's been to Pennsylvania. Tomorrow he is going to Detroit. It's "
     "now time to govern. The election is over,\" he said on NBC.", "Kevin McCarthy"),
    ("Rep. Michael Grimm is expected to be indicted, his lawyer said. Grimm's lawyer, William McGinley, said in a "
     "statement that the office \"has disclosed its intent.\" \"We are disappointed by the decision,\" he said.",
     "William McGinley"),
    # ... also where the quotation runs over sentences of its own before its "he said": they tell no one.
    ("Gov. Paul LePage left a message for Drew Gattine.\n\n\"I would like to talk to you. I want you to prove "
     "it. I want you to make it public. Thank you,\" he said in the message.", "Paul LePage"),
    # A role as subject is the "he" or "she" that follows, and a ranked role the holder of that office.
    ("Justice Ruth Bader Ginsburg spoke to The Associated Press on Friday.\n\nThe interview was her second this "
     "week.\n\nThe justice has criticised Donald Trump before.\n\n“He really has an ego,” she said.",
     "Ruth Bader Ginsburg"),
    ("Gov. Deval Patrick appointed William Cowan on Monday. Lt. Gov. Tim Murray introduced him.\n\nThe appointment "
     "was a surprise.\n\nThe lieutenant governor praised him at length.\n\n“He is cool,” he said.", "Tim Murray"),
])
def test_he_is_the_person_the_narrative_names_last_outside_quotations(text, speaker):
    assert segment(_document(text))[-1].speaker == speaker


def test_an_organisation_is_not_the_she_who_speaks_next():
    claims = segment(_document("Clinton criticized the Bush administration for its \"secrecy,\" according to The "
                               "Hill. \"We know about the secret wiretaps,\" she said. \"It is a stunning record.\""))
    assert claims[0].speaker == "The Hill"
    assert claims[1].speaker in {"Clinton", None} and claims[2].speaker in {"Clinton", None}


def test_a_family_name_after_a_titled_full_name_is_that_person():
    """The recogniser takes "Spokesperson Marie Harf" and then "Harf" for organisations; both are Marie Harf."""
    claims = segment(_document("\"We have her records,\" State Department Deputy Spokesperson Marie Harf told Fox "
                               "News. Harf added that the department turned over about 300 emails."))
    assert [c.speaker for c in claims] == ["Marie Harf", "Marie Harf"]


def test_a_participle_inside_a_clause_has_no_subject_of_its_own():
    """The parse reads "... the letter to Harry Reid warning him that ..." as Reid warning: it is the senders'."""
    claims = segment(_document("Throwing down the gauntlet, all 42 members of the GOP caucus are sending the letter to "
                               "Senate Majority Leader Harry Reid warning him that they will bring matters to a "
                               "standstill unless he swiftly brings those issues to the floor."))
    assert claims[0].speaker != "Harry Reid"


def test_a_family_name_with_a_title_is_the_one_named_with_it():
    """Three Cheneys: "Former Vice President Cheney" is the one first named "Vice President Dick Cheney"."""
    claims = segment(_document("Elizabeth Cheney opposes it. Her sister Mary Cheney disagrees. Vice President Dick "
                               "Cheney stayed quiet. Former Vice President Cheney has said the matter should be "
                               "decided by the states."))
    assert claims[-1].speaker == "Dick Cheney"


def test_a_generational_suffix_is_part_of_the_name_and_not_its_family_name():
    claims = segment(_document("\"This is very emotional for me,\" Rep. Jesse Jackson Jr., D-Ill., said on the floor. "
                               "Later, Jackson said the reading was a mistake."))
    assert [c.speaker for c in claims] == ["Jesse Jackson Jr.", "Jesse Jackson Jr."]


def test_a_nickname_in_quotation_marks_is_no_break_in_the_name():
    text = ('Gov. Deval Patrick appointed William "Mo" Cowan to the Senate seat. Patrick has said the pick should not '
            'run. Cowan embraced the appointment on Wednesday. Asked about his future, he said, "I am not running '
            'for office."')
    assert segment(_document(text))[-1].speaker == "William Cowan"
    # A headline's quoted words before a capitalised word are no nickname.
    text = 'Trump "Deeply Concerned" About Cruz\n\nDonald Trump spoke on Monday. He said he was concerned.'
    assert segment(_document(text))[-1].speaker == "Donald Trump"


def test_an_organisation_named_in_one_word_keeps_its_article():
    assert segment(_document("The Hill reported that he would vote no."))[0].speaker == "The Hill"
    # Named in full before, the short name is the full one.
    text = ("The New York Times first reported the story on Monday. According to the Times, she used a personal "
            "address.")
    assert segment(_document(text))[-1].speaker in {"The New York Times", "the New York Times"}


def test_a_family_name_taken_for_an_organisation_is_the_person_where_no_firm_bears_it():
    text = ("Even before Donald Trump landed in Mexico, he found himself in a Twitter war with former Mexican President "
            "Vicente Fox.\n\nFox, an outspoken critic of Trump, started the fight when he said on CNN that he disagreed "
            "with the invitation.\n\n“We reject his visit,” Fox told CNN.\n\nTrump, as is often his way, fired back "
            "on Twitter.\n\n“Former President Vicente Fox, who is railing against my visit to Mexico today, also "
            "invited me,” he said.")
    claims = segment(_document(text))
    assert claims[1].speaker == "Vicente Fox"
    assert claims[-1].speaker == "Donald Trump"
