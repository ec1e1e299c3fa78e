"""Who is quoted, and what kind of text a sentence is (statement, quote, caption)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimdiff.language.names import pronoun_of_given_name
from claimdiff.language.quotes import quoted_share
from claimdiff.language.speech import SPEECH_ONLY_WITH_CLAUSE, SPEECH_VERBS
from claimdiff.language.states import STATE_FULL_NAMES, STATE_NAMES
from claimdiff.segment.clauses import noun_phrase

_PERSONAL_PRONOUNS = {"he", "she", "him", "her"}
_PRONOUN_GENDER = {"he": "he", "him": "he", "she": "she", "her": "she"}
# Honorifics that say whether a person is a man or a woman ("Mr. Christie", "Ms. Clinton").
_HONORIFIC_GENDER = {"mr": "he", "mrs": "she", "ms": "she", "miss": "she"}
QUOTED_SOURCE_SHARE = 0.2  # a sentence this much quoted is a quotation with its source ("'A hoax,' said Smith")
COMMON_WORD_ZIPF = 4.0  # common: "party" 5.5, "committee" 5.0, "fox" 4.7; not: "cowan" 3.2, "calderon" 2.8
_NAME_WORD = r"[A-Z][\w’'-]+"
_NICKNAMED = re.compile(rf"\b(?P<given>{_NAME_WORD}(?: [A-Z]\.)?) [\"“]{_NAME_WORD}(?: {_NAME_WORD}){{0,2}}[\"”] "
                        rf"(?P<family>{_NAME_WORD})\b")
_STATIVE = {"be", "have", "seem", "remain", "appear", "become", "look", "mean"}
# "From left, ...", "Top: ...", "(Left) ...", "Pictured ...", "File photo: ...": words that point at a picture. As
# plain words ("Top Senate leaders have ...", "Left-wing groups ...") they open sentences, so a position word
# counts only with the mark after it.
_CAPTION_OPENERS = re.compile(r"^\(?(?:from left|left to right|above|top|bottom|left|right|inset)\)?\s*[:,)]|"
                              r"^(?:pictured|file photo)\b", re.IGNORECASE)


class SpeakerBook:
    """Names seen so far in one document, to expand "Sun" to "Yun Sun", "Li" to "Li Zhanshu" (family name
    first) and "she" to the last person named."""

    RECENT_SENTENCES = 2  # "he" or "she" refers to a person who was a subject this recently

    def __init__(self) -> None:
        self.full_names: list[str] = []
        self.named_at: dict[str, int] = {}  # full name -> the sentence it was last written in
        self.sentence = 0
        # (sentence number, person, gender an honorific gave there) for each person seen as a subject
        self.subjects: list[tuple[int, str, str | None]] = []
        self.genders: dict[str, str] = {}  # person -> "he" or "she", where an honorific said so
        self.titled: dict[str, set[str]] = {}  # a title's word ("governor") -> the people named with it
        # person -> the party, places and offices the article gave them ("Nancy Pelosi (D-Calif.)")
        self.descriptions: dict[str, Description] = {}
        self.organisations: set[str] = set()  # names the recogniser gave as organisations ("The Hill")
        self.quotations: set[int] = set()  # sentences that are largely quotation, where a speaker is a quoted source
        self.leading: set[tuple[int, str]] = set()  # (sentence, person) for its main clause's subject or speaker

    def note_people(self, doc, quoted: list[bool]) -> None:
        """Remember the people named in the sentence just read; "he"/"she" will refer to a recent subject. A
        subject the entity recogniser missed, or took for an organisation, counts when it is the family name of
        someone named in full before ("Akin made the remarks", after "Todd Akin"). A subject inside quotation
        marks (`quoted`, per token) is the quoted speaker's, not the article's: '"Senator Reid now agrees ...,"
        Walsh said. Rep. Peter King said ... He said ...' is King."""
        # "She also called it ... And she said ...": the pronoun subject of a main clause keeps its person the one
        # told of. Read before this sentence counts, as the sentence's own speakers were.
        referred = [person for token in doc
                    if token.dep_ == "nsubj" and token.lower_ in {"he", "she"} and not quoted[token.i]
                    and _of_main_clause(token) and (person := self.resolve(token.lower_))]
        self.sentence += 1
        for person in referred:
            self.subjects.append((self.sentence, person, None))
            self.leading.add((self.sentence, person))
        self.note_nicknamed(doc)
        if sum(quoted) >= QUOTED_SOURCE_SHARE * len(quoted):
            self.quotations.add(self.sentence)
        people = {entity.root.i: entity for entity in doc.ents
                  if entity.label_ == "PERSON" or (entity.label_ == "ORG" and _named_like_a_person(entity))}
        self.organisations.update(_organisation_name(e) for e in doc.ents
                                  if e.label_ == "ORG" and e.root.i not in people)
        for token in doc:
            subject = token.dep_ in {"nsubj", "nsubjpass"} and not quoted[token.i]
            if token.i in people:
                name = _clean_name(people[token.i].text)
                name = _after_title(name, self) or name  # "Spokesperson Marie Harf" is Marie Harf
                if not self._family_name_of_someone(name):
                    name = _with_shared_family_name(people[token.i], people) or name
                # A name set beside the subject renames it: "The center's president, Cathi Herrod, has been ..."
                named_subject = subject or (token.dep_ == "appos" and token.head.dep_ in {"nsubj", "nsubjpass"}
                                            and not quoted[token.head.i])
                self.note(name, subject=named_subject, gender=_honorific_gender(people[token.i]),
                          leading=named_subject and _of_main_clause(token if subject else token.head))
                for title in _titles_before(people[token.i]):
                    # As written: a family name alone may be another's of that family ("Sasha Obama").
                    self.titled.setdefault(title, set()).add(name)
                self.descriptions.setdefault(name, Description()).add(_described(token))
            elif subject and (token.pos_ == "NOUN" or token.lower_ in _PARTY_MEMBERS) \
                    and (holder := self.role_holder(token)):
                # "the congressman ... He insisted": a subject, though not named again
                self.subjects.append((self.sentence, holder, None))
                if _of_main_clause(token):
                    self.leading.add((self.sentence, holder))
            elif subject and self.named_before(token.text) and self._family_name_mislabelled(token) \
                    and (token.pos_ == "PROPN" or token.pos_ == "NOUN" and _uncommon(token.text)):
                # The tagger may take a family name for a common noun ("LePage has long been clear ..."): one
                # that is no English word is still the person's.
                self.note(token.text, leading=_of_main_clause(token))

    def note_nicknamed(self, doc) -> None:
        """Remember a person named with a nickname in quotation marks between given and family name ('William
        "Mo" Cowan'), which the entity recogniser breaks apart, as "William Cowan": "Cowan" will name him. Both
        names must be proper nouns, the given name no place's or body's ('Trump "Deeply Concerned" About' in a
        headline is none)."""
        for match in _NICKNAMED.finditer(doc.text):
            given = doc.char_span(*match.span("given"), alignment_mode="expand")
            family = doc.char_span(*match.span("family"), alignment_mode="expand")
            if given[0].pos_ == "PROPN" and given[0].ent_type_ in {"PERSON", ""} \
                    and all(t.pos_ == "PROPN" for t in family):
                self.note(f"{match['given']} {match['family']}", subject=False)

    def note(self, name: str, subject: bool = True, gender: str | None = None, leading: bool = False) -> None:
        """A speaker or a person named; only a name ("the source", "officials" are not) can be "he" or "she". A
        full name ends in a capitalised word: a role ("AARP spokeswoman", "Florida Republican") is none, and
        "AARP" alone is not her.
        `leading`: the subject of the sentence's main clause, or its speaker."""
        words = name.split()
        if len(words) >= 2 and words[-1][:1].isupper() and words[-1].lower() not in _PARTY_MEMBERS:
            if name not in self.full_names:
                self.full_names.append(name)
            self.named_at[name] = self.sentence
        person = self.resolve(name, gender) if name[:1].isupper() else None
        if person and gender and not self._shared(person):
            self.genders.setdefault(person, gender)
        if person and subject and self.may_be_a_person(person):
            self.subjects.append((self.sentence, person, gender))
            if leading:
                self.leading.add((self.sentence, person))

    def role_holder(self, role) -> str | None:
        """The person a role with "the" names ("the congressman", "the lieutenant governor", "the Texas
        governor"): of the bearers of that title, those the article gave no other place or party, the one it
        tells of (_most_told_of); else None. "The California Democrat" is a politician the article gave that
        party ("Nancy Pelosi (D-Calif.)"), "the Russian leader" the head of state or government it called
        Russian ("Russian President Vladimir Putin")."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in role.children):
            return None
        wanted = Description()
        wanted.add([t for c in role.lefts if c.dep_ != "det" for t in c.subtree])
        if role.lower_ in _PARTY_MEMBERS:
            if wanted.offices:
                return None  # "the House Republican" is no one person
            wanted.parties.add(_PARTY_MEMBERS[role.lower_])
            people = {person for person, known in self.descriptions.items() if wanted.parties <= known.parties}
        elif role.lower_ == "leader" and wanted.places:
            people = {person for person, known in self.descriptions.items()
                      if known.offices & _NATIONAL_LEADERS and wanted.places <= known.places}
        else:
            words = [c.lower_ for c in role.lefts if c.dep_ in {"compound", "amod"}] + [role.lower_]
            people = self.titled.get(_title_key(words), set())
        return self._most_told_of({person for person in people
                                   if wanted.fits(self.descriptions.get(person, Description()))})

    def _family_name_mislabelled(self, token) -> bool:
        """Whether a family name of someone named in full before, which the recogniser did not take for a
        person, is still theirs: unlabelled; taken for an organisation that is none (family_not_firm); or taken
        for anything else ("The 76-year-old Pelosi" as an event) while no common word, as places and things
        that share a family name are ("Washington", "Jackson")."""
        if token.ent_type_ == "ORG":
            return self.family_not_firm(token.text)
        return not token.ent_type_ or _uncommon(token.text)

    def family_not_firm(self, word: str) -> bool:
        """Whether a family name the recogniser took for an organisation ("Trump fired back", "Cowan embraced")
        is the person's: an uncommon word, or one that no organisation named in the article bears ("Fox" after
        "Fox News" may be either)."""
        firms = [[w for w in name.split() if w.lower() != "the"] for name in self.organisations]
        return _uncommon(word) or not any(word in words for words in firms if len(words) > 1)

    def organisation_in_full(self, word: str) -> str | None:
        """The one organisation named before whose name ends in `word` ("the Times", after "the New York
        Times"; "The Journal", after "The Wall Street Journal")."""
        names = sorted(name for name in self.organisations if name.split()[-1] == word and len(name.split()) > 2)
        return names[0] if len({name.lower() for name in names}) == 1 else None  # "The"/"the" is one name

    def may_be_a_person(self, name: str) -> bool:
        """Whether "he" or "she" may stand for `name`: not an organisation ("according to The Hill"), unless a
        family name the recogniser took for one (an uncommon word alone: "Cowan said ...")."""
        return name not in self.organisations or (len(name.split()) == 1 and _uncommon(name))

    def _may_be(self, person: str, gender: str, since: int) -> bool:
        """Whether `person` may be "he" or "she" (`gender`): no honorific said otherwise, where they were named
        as a subject since sentence `since` or, for a person named in full, anywhere before; and, where none
        did, their given name does not ("Rep. Joseph Crowley asked her ... She said:" is not Crowley)."""
        said = {g for k, p, g in self.subjects if p == person and k >= since and g}
        if not said and person in self.genders:
            said = {self.genders[person]}
        if not said and (given := pronoun_of_given_name(person)):
            said = {given}
        return not said or gender in said

    def _family_name_of_someone(self, name: str) -> bool:
        """Whether a one-word name is the family name of a person named in full before ("Obama"). Unlike
        `named_before`, a given name does not count: "Hillary" after "Hillary Clinton" still takes the family name
        of "Hillary and Bill Clinton"."""
        return any(_person(full)[1] == name for full in self.full_names)

    def named_before(self, name: str) -> bool:
        """Whether a one-word name is the family name (or, family name first, the first) of a person named in
        full before ("Akin" after "Todd Akin"), whether or not another bears it too."""
        return len(name.split()) == 1 and any(name in _person(full) for full in self.full_names)

    def _one_of(self, people: list[str]) -> str | None:
        """Which of the people named in full a family name stands for: the one person ("Donald J. Trump" and
        "Donald Trump" are one: the same given and family names), or of several, the one named in full in the
        last sentences and no other with them ("Seth Hutchinson said ... Mr. Hutchinson has not always been ...",
        after his father Asa Hutchinson); else None."""
        if len({_person(full) for full in people}) == 1:
            return people[0]
        since = self.sentence - self.RECENT_SENTENCES + 1
        recent = [full for full in people if self.named_at.get(full, 0) >= since]
        return recent[0] if len({_person(full) for full in recent}) == 1 else None

    def _last_told(self) -> int:
        """The last sentence the narrative told: sentences before it that are quotation only, with no one named
        as their subject or speaker, are the words of a quotation whose "he said" comes at its end ('"This is
        becoming more troubling. They first blamed the video. Now they blame us," he said.'), where "he" is
        whom the sentence before the quotation named."""
        told = self.sentence
        while told > 1 and told in self.quotations and not any(k == told for k, _, _ in self.subjects):
            told -= 1
        return told

    def _most_told_of(self, people: set[str]) -> str | None:
        """Of the people named with one title, the one "the governor" stands for: the only one, or the one the
        article made the subject of its sentences at least twice as often as any other (Gov. Asa Hutchinson in
        a story about his state's bill that mentions Indiana's Gov. Mike Pence once); else None."""
        if len(people) <= 1:
            return next(iter(people), None)
        told = sorted(((sum(p == person for _, p, _ in self.subjects), person) for person in people), reverse=True)
        (most, first), (second, _) = told[0], told[1]
        return first if most >= 2 and most >= 2 * second else None

    def _shared(self, name: str) -> bool:
        """A family name alone that two people named in full bear: what is said of it is said of neither."""
        return len(name.split()) == 1 and len({_person(full) for full in self.full_names
                                                if _person(full)[1] == name}) >= 2

    def resolve(self, name: str, gender: str | None = None) -> str | None:
        """The full name `name` stands for; for "he" or "she", the one person who was a subject in the last
        sentences, or of two, the one the sentence just before made the subject of its main clause, outside a
        quotation ("Rep. Peter King said ... He said ..."); else None: with two candidates ("Trump denied it. 'A
        hoax,' said his lawyer Adam Smith. He has said ...") the reader cannot tell either, a quoted source being
        no narrative's subject. `gender`: the one an honorific gives ("Mrs.")."""
        if name.lower() in _PERSONAL_PRONOUNS:
            # Not a person an honorific showed to be of the other gender ("Mr. Christie" is not "she").
            gender = _PRONOUN_GENDER[name.lower()]
            told = self._last_told()
            since = told if told < self.sentence else told - self.RECENT_SENTENCES + 1
            recent = {person for k, person, _ in self.subjects if k >= since and self._may_be(person, gender, since)}
            last = {person for k, person in self.leading if k == told and person in recent}
            if len(recent) > 1 and len(last) == 1 and told not in self.quotations:
                return last.pop()
            return recent.pop() if len(recent) == 1 else None
        if name[:1].islower():
            # A role ("the governor said") is the one person the article named with that title ("Gov. Asa
            # Hutchinson"), or of several, the one it is about (_most_told_of); else it stays a role.
            return self._most_told_of(self.titled.get(_title_key(name.split()), set())) or name
        if len(name.split()) == 1:
            for position in (1, 0):
                # One person of that name, or one of the gender an honorific gives ("Mrs. Clinton"); of two
                # ("Hillary Rodham Clinton" and "Bill Clinton") the name alone cannot tell which.
                people = [full for full in reversed(self.full_names) if _person(full)[position] == name
                          and (gender is None or self.genders.get(full, gender) == gender)]
                if people:
                    return self._one_of(people) or name
        return name


def _of_main_clause(subject) -> bool:
    """The subject is the main clause's ("Bloomberg criticized ..."), not a reported or relative one's ("argued
    that Trump was ..."): its verb is the sentence's root or joined to it."""
    verb = subject.head
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


_GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}  # "Jesse Jackson Jr.": the family name is the word before


def _person(full_name: str) -> tuple[str, str]:
    """Who a full name names: its given and family names ("Donald J. Trump" and "Donald Trump" are one; "Jesse
    Jackson Jr." is Jesse and Jackson)."""
    words = full_name.split()
    while len(words) > 2 and words[-1].lower().rstrip(".") in _GENERATIONS:
        words.pop()
    return words[0], words[-1]


def _titles_before(entity) -> list[str]:
    """The title words written before a person's name ("President Barack Obama", "Arkansas Gov. Asa
    Hutchinson", "Attorney General Richard Blumenthal", "Vice President Joe Biden" -> president; governor;
    general, attorney; vice president)."""
    titles: list[str] = []
    for token in reversed(entity.doc[: entity.start]):
        # Capitalised words, and the stop of an abbreviation the tokenizer split off ("Lt", ".", "Gov.").
        if token.dep_ != "compound" or not (token.text[:1].isupper() or token.text == "."):
            break
        if token.ent_type_ or token.text == ".":
            continue  # a place or a party ("Arkansas", "Republican")
        word = _title_word(token.text)
        if titles and word in _OTHER_OFFICE:
            titles[-1] = f"{word} {titles[-1]}"
        else:
            titles.append(word)
    return titles


# Ranks that make another office of the title after them: a vice president is not "the president", a lieutenant
# governor not "the governor". ("Former" and "acting" do not: the person held or holds that office.)
_OTHER_OFFICE = {"vice", "deputy", "assistant", "associate", "lieutenant"}


def _title_key(words: list[str]) -> str:
    """The office that words ending in a title name, as _titles_before spells it ("the vice president" -> vice
    president; "the governor" -> governor)."""
    title = _title_word(words[-1])
    rank = _title_word(words[-2]) if len(words) >= 2 else ""
    return f"{rank} {title}" if rank in _OTHER_OFFICE else title


# A party's member as news calls them ("the Ohio Democrat") and the words that give a politician's party beside
# their name ("Democratic Rep. Tim Ryan", "Chris Christie, a Republican", the letter of "R-Texas").
_PARTY_MEMBERS = {"democrat": "democrat", "republican": "republican"}
_PARTY_WORDS = {**_PARTY_MEMBERS, "democratic": "democrat", "gop": "republican", "independent": "independent"}


# The offices of a country's head of state or government: "the Russian leader" holds one of them.
_NATIONAL_LEADERS = {"president", "prime", "premier", "chancellor", "king", "queen", "emperor", "leader"}


@dataclass
class Description:
    """What the article says of a person beside their name: party ("democrat"), places as (entity label,
    folded name): ("GPE", "california"), ("NORP", "russian"), and the words of their offices ("president")."""

    parties: set[str] = field(default_factory=set)
    places: set[tuple[str, str]] = field(default_factory=set)
    offices: set[str] = field(default_factory=set)

    def add(self, tokens) -> None:
        from claimdiff.judge.lexicon import PARTY_LETTERS  # read when first needed: its lists load once

        for token in tokens:
            state = _state_of(token)
            if token.lower_ in _PARTY_WORDS:
                self.parties.add(_PARTY_WORDS[token.lower_])
            elif token.text in PARTY_LETTERS and token.i + 1 < len(token.doc) and token.nbor(1).text == "-":
                self.parties.add(PARTY_LETTERS[token.text])  # a party tag, "R-Texas"
            elif state:
                self.places.add(("GPE", state))
            elif token.ent_type_ in {"GPE", "NORP"}:
                self.places.add((token.ent_type_, _entity_at(token).text.lower()))
            elif token.pos_ in {"NOUN", "PROPN"} and not token.ent_type_:
                self.offices.add(_title_word(token.text))

    def fits(self, known: Description) -> bool:
        """Whether a person so described may be the one this role describes: no other party, and no other
        place of the same kind ("the Arkansas governor" is not "Indiana Gov. Mike Pence"; "Russian" and "Russia"
        are not compared)."""
        if self.parties and known.parties and not self.parties & known.parties:
            return False
        return all((label, name) in known.places or all(other != label for other, _ in known.places)
                   for label, name in self.places)


def _described(name_root) -> list:
    """The words that describe a person beside their name: before it ("California Democratic Rep."), in
    apposition ("Chris Christie, a Republican", "Nancy Pelosi (D-Calif.)") or after "of" ("Ted Cruz of
    Texas")."""
    words = [t for c in name_root.lefts if c.dep_ in {"compound", "amod"} for t in c.subtree]
    for child in name_root.rights:
        if child.dep_ == "appos":
            words.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "of":
            words.extend(t for c in child.children if c.dep_ == "pobj" for t in c.subtree)
    return words


def _state_of(token) -> str | None:
    """The US state a word names, folded ("Calif." and "California" -> california; "Jersey" in "New Jersey"),
    else None."""
    entity = _entity_at(token)
    text = (entity.text if entity is not None and entity.label_ == "GPE" else token.text).lower()
    return text if text in STATE_FULL_NAMES else STATE_NAMES.get(text.replace(".", ""))


def _title_word(word: str) -> str:
    """A title's word as written in full ("Gov." -> governor, "Sen." -> senator), by the judge's list of
    abbreviated titles, so that a title is spelled one way throughout."""
    from claimdiff.judge.lexicon import TITLE_ABBREVIATIONS  # read when first needed: its lists load once

    word = word.lower().rstrip(".")
    return TITLE_ABBREVIATIONS.get(word, word)


def _honorific_gender(entity) -> str | None:
    """"he" after "Mr.", "she" after "Mrs.", "Ms." or "Miss" (just before the name or as its first word)."""
    first = entity.doc[entity.start - 1] if entity.start > 0 else None
    for token in (first, entity[0]):
        gender = _HONORIFIC_GENDER.get(token.lower_.rstrip(".")) if token is not None else None
        if gender:
            return gender
    return None


def _named_like_a_person(entity) -> bool:
    """The recogniser takes some people for organisations ("Felipe Calderon"). Two or three capitalised proper
    nouns with no article before them and no common word at the end may be a person's name; organisations are
    mostly named with "the" ("the Justice Department"), in one word, or end in a common word. Counted as a
    person, such a name can be the "he" or "she" that follows, or make them unsure beside another person."""
    before = entity.doc[entity.start - 1] if entity.start > 0 else None
    return 2 <= len(entity) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in entity) \
        and (before is None or before.lower_ != "the") and _uncommon(entity[-1].text)


def _uncommon(word: str) -> bool:
    """An organisation's name mostly ends in a common word ("Dallas Tea Party", "Fox News"); a family name seldom
    is one ("Calderon", "Cowan"): English word frequency (wordfreq, Zipf scale)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") < COMMON_WORD_ZIPF


def find_speaker(span, quoted: list[bool], book: SpeakerBook) -> tuple[str | None, bool]:
    """Who a stretch of a sentence attributes its words to: "said Yun Sun" -> Yun Sun; "she said" -> the last
    person named; "according to Hart" -> Brian Hart when named in full before. Verbs inside quotation marks
    do not count, and with nested reporting ("the Duma reported that Li said that \u201c...\u201d") the verb
    nearest the quotation wins. `quoted` tells, per token of the parsed sentence, whether it is inside quotes.
    Returns the speaker and whether the sentence names them (False when resolved from a pronoun); (None, False)
    when the stretch gives its words to a "he" or "she" the reader cannot tell, (None, True) when to no one."""
    has_quote = any(quoted)
    candidates = []  # (token index, name, whether the verb is the sentence's main one, whether subordinated)
    for token in span:
        if quoted[token.i] or _describes_a_noun_in(token, span):
            continue
        if token.lemma_ in SPEECH_VERBS and (token.pos_ in {"VERB", "AUX"} or _infinitive_read_as_noun(token)) \
                and not _negated(token, quoted):
            subject = _subject_of_saying(token)
            # What is said: a clause ("said that ...", "said, as a taxpayer, he's not willing", parsed as an
            # adverbial clause) or a quotation. A verb that says only with its clause, used with an object or an
            # infinitive of its own, is in its other sense, whatever clause follows ("he has continued many of
            # them, leading to concerns"; "continued to work through an argument, mentioning ...").
            other_sense = token.lemma_ in SPEECH_ONLY_WITH_CLAUSE and any(c.dep_ in {"dobj", "xcomp"}
                                                                          for c in token.children)
            clauses = {"ccomp", "parataxis"} if other_sense else {"ccomp", "parataxis", "advcl"}
            reports = any(c.dep_ in clauses for c in token.children) \
                or has_quote and token.lemma_ not in SPEECH_ONLY_WITH_CLAUSE
            name = _name_of(subject, book) if subject is not None and subject.lower_ not in _NOT_SPEAKERS else None
            if name and reports:
                subordinated = _subordinated(token) or _subordinated(token.head) and subject not in token.children
                candidates.append((token.i, name, token.dep_ == "ROOT" and not subordinated, subordinated))
        elif token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            target = next((c for c in token.nbor().children if c.dep_ == "pobj"), None)
            name = _name_of(target, book) if target is not None else None
            if name:
                candidates.append((token.i, name, False, False))
    if not candidates:
        return None, True
    opening = next((t.i for t in span if quoted[t.i]), None)
    before = [c for c in candidates if opening is not None and c[0] < opening]
    # Without a quotation, the main clause's speaker ("Though Weiner said ..., the official said ..."), and never
    # one of a clause the sentence only concedes or dates ("Ryan's budget assumes the same savings, even though
    # Romney has said those cuts would be devastating" is not Romney's statement).
    main = [c for c in candidates if c[2] and c[1].lower() not in _PERSONAL_PRONOUNS] if opening is None else []
    if opening is None:
        candidates = [c for c in candidates if not c[3]]
    chosen = before[-1] if before else main[0] if main else candidates[0] if candidates else None
    if chosen is None:
        return None, True
    if chosen[1].lower() in _PERSONAL_PRONOUNS:
        return _pronoun_speaker(span.doc[chosen[0]], chosen[1].lower(), quoted, book)
    return _resolved(chosen[1], book)


def _negated(verb, quoted: list[bool]) -> bool:
    """A verb of saying negated reports no words ("did not respond to interview requests", "would not say
    whether", "never said he would"); a "not" of the quotation is none of its ('"Absolutely not," Pence said')."""
    return any(child.dep_ == "neg" and not quoted[child.i] for child in verb.children)


def _describes_a_noun_in(verb, span) -> bool:
    """A verb of saying in a clause that describes a noun of the same stretch, the noun being part of what is
    said, tells which thing is meant, not who says the stretch ("moderating a debate that only two candidates said
    they would attend"; "a version which critics said could allow discrimination"). A clause that only tells where
    or when something was said reports it whole ("a speech in which Bloomberg argued that ..."; "the night when
    Obama said ..."), and a clause cut off as a claim of its own is its speaker's."""
    if verb.dep_ not in {"relcl", "acl"} or not span.start <= verb.head.i < span.end:
        return False
    where_or_when = any(child.tag_ == "WRB" or child.dep_ == "prep" and any(g.tag_ in _RELATIVE_TAGS
                                                                             for g in child.children)
                        for child in verb.children)
    return not where_or_when


_RELATIVE_TAGS = {"WDT", "WP", "WP$"}


def _pronoun_speaker(verb, pronoun: str, quoted: list[bool], book: SpeakerBook) -> tuple[str | None, bool]:
    """Who the "he" or "she" that speaks through `verb` is: the subject named before it in the sentence, else
    the one person who was a subject just before."""
    recent, _ = _resolved(pronoun, book)
    earlier = _subject_before(verb, pronoun, quoted, book)
    if earlier is None:
        return recent, False
    # "the younger Cheney ... when she added": the family name is hers, whom the pronoun names in full.
    return (recent if recent and _person(recent)[1] == _person(earlier)[1] else earlier), False


def _subject_of_saying(verb):
    """Who speaks through a verb of saying: its subject, or for a participle, the subject of the clause it hangs
    on. A participle has a subject of its own only after a preposition ("with critics warning that ...") or as the
    sentence's root (where the parse mistook the main verb); one the parse gives it inside a clause is a misreading
    ("sending the letter to Harry Reid warning him that ..." is the senders' warning, not Reid's)."""
    if verb.tag_ == "VBG" and (verb.dep_ not in {"pcomp", "pobj", "ROOT"} or verb.head.lower_ == "as") \
            and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return _participle_subject(verb)
    own = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if own is None and verb.dep_ == "conj" and verb.tag_ != "VBG" \
            and any(c.dep_ == "cc" and verb.head.i < c.i < verb.i for c in verb.head.children):
        # A verb joined to another by "and" or "but" shares its subject ("DeMint would not go that far but
        # said ..."); one the parse joins without a conjunction is a misreading of a clause of its own.
        own = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return own or _participle_subject(verb) or _controller_subject(verb)


# Verbs and adjectives whose "to" complement is an act done ("went on to say", "was quick to respond", "hastened
# to add"); "tried to", "wanted to", "is expected to" do not say it was done, "declined to" that it was not.
_IMPLICATIVE = {"go", "proceed", "continue", "begin", "start", "hasten", "rush", "manage", "quick"}


def _infinitive_read_as_noun(token) -> bool:
    """A verb after "to" that completes such a verb or adjective, which the parser took for a noun governed by
    the preposition "to" ("Biden was quick to retort: ..."): after "quick to" or "went on to" comes an act."""
    return token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "to" \
        and token.head.head.lemma_.lower() in _IMPLICATIVE


def _controller_subject(verb):
    """The speaker of a verb of saying that completes such a verb or adjective: its subject ("Biden was quick to
    retort: ..." is Biden's)."""
    read_as_noun = _infinitive_read_as_noun(verb)
    head = verb.head.head if read_as_noun else verb.head
    completes = verb.dep_ == "xcomp" or verb.dep_ == "advcl" and any(c.lower_ == "to" for c in verb.lefts) \
        or read_as_noun
    if not completes or head.lemma_.lower() not in _IMPLICATIVE or any(c.dep_ == "neg" for c in head.children):
        return None
    if head.dep_ == "acomp":
        head = head.head  # "was quick to": the adjective hangs on "was"
    return next((c for c in head.children if c.dep_ == "nsubj"), None)


def _participle_subject(verb):
    """The speaker of a participle of saying is the subject of the clause it hangs on ("LePage hinted that he may
    resign, telling a local radio station, ..."; "Trump lashed out, saying ..."); after "as", the one the clause
    presents as saying it: "Schumer was quoted as saying", "The Hill quoted Schumer as saying"."""
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ == "as" \
            and verb.head.head.pos_ in {"VERB", "AUX"}:
        presented = {c.dep_: c for c in verb.head.head.children}
        return presented.get("dobj") or presented.get("nsubjpass") or presented.get("nsubj")
    if verb.tag_ != "VBG" or verb.dep_ not in {"advcl", "conj", "xcomp"} or verb.head.pos_ not in {"VERB", "AUX"}:
        return None
    # The complement of a passive names its subject as the one doing it: "Netanyahu is shown saying", "was heard
    # saying".
    subjects = {"nsubj", "nsubjpass"} if verb.dep_ == "xcomp" else {"nsubj"}
    return next((c for c in verb.head.children if c.dep_ in subjects), None)


def _subject_before(verb, pronoun: str, quoted: list[bool], book: SpeakerBook) -> str | None:
    """The person a "he" or "she" who speaks refers to when the same sentence made one person the subject of a
    clause before it ("When Mr. Bush released his tax returns, he said: ..."), and no other: the nearest
    antecedent, before any of an earlier sentence."""
    people = set()
    for entity in verb.doc.ents:
        family_name = entity.label_ == "ORG" and len(entity) == 1 and book.named_before(entity.text) \
            and book.family_not_firm(entity.text)  # "Fox, an outspoken critic of Trump, ... when he said"
        if not (entity.label_ == "PERSON" or family_name) or entity.end > verb.i or quoted[entity.start] \
                or entity.root.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        honorific = _honorific_gender(entity)
        if honorific and honorific != _PRONOUN_GENDER[pronoun]:
            continue
        name = _clean_name(entity.text)
        people.add(book.resolve(name, honorific) or name)
    return people.pop() if len(people) == 1 else None


# Words that open a subordinate clause: a verb they introduce is never the sentence's main one, whatever the
# parse makes its root ("Romney reiterated ..., a few hours after Obama said ...").
_SUBORDINATORS = {"after", "before", "when", "while", "since", "until", "as", "because", "although", "though",
                  "if", "once", "whereas"}


def _subordinated(verb) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in verb.children)


def _resolved(name: str, book: SpeakerBook) -> tuple[str | None, bool]:
    """The speaker a name stands for, and whether the text names them (False for a pronoun resolved)."""
    return book.resolve(name) or None, name.lower() not in _PERSONAL_PRONOUNS


def introduced_speaker(doc, book: SpeakerBook) -> tuple[str | None, bool]:
    """Who speaks the quotation after a sentence that ends in a colon ("Politico reports:", "Trump lashed out
    on Twitter, saying:", "The committee issued a statement:"): the subject of its main verb, where that is a
    person or an organisation. Returns the speaker and whether the sentence names them."""
    tokens = [t for t in doc if not t.is_space]
    if not tokens or tokens[-1].text != ":":
        return None, False
    root = tokens[-1].sent.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in _NOT_SPEAKERS:
        return None, False
    name = _name_of(subject, book)
    return _resolved(name, book) if name else (None, False)


_NOT_SPEAKERS = {"i", "we", "you", "it", "they", "that", "this", "which", "who", "what", "anyone", "anybody",
                 "someone", "somebody", "everyone", "everybody", "nobody", "one"}


def _name_of(token, book: SpeakerBook) -> str | None:
    """The person's name inside a speaker phrase ("Russian President Vladimir Putin" -> "Vladimir Putin"), an
    organisation's ("the Justice Department"), a pronoun to resolve, or the phrase of people speaking ("the
    mayor", "two officials"); None for anything else ("the 24-page indictment", "both sides", "two"): a speaker
    the reader cannot check is worse than none."""
    entity = _entity_at(token)
    if (entity is None or entity.label_ != "PERSON") and token.pos_ == "PROPN":
        # A title marks a person, whatever the recogniser took the words for ("Spokesperson Marie Harf" as an
        # organisation, "Priebus" alone in "RNC Chair Reince Priebus").
        titled = _after_title(_clean_name(noun_phrase(token)), book) or _holder_after_office(token, book)
        if titled:
            return titled
    if entity is not None and entity.label_ in ("PERSON", "ORG"):
        if entity.label_ == "ORG":
            entity = _person_in_phrase(token) or entity
        person = entity.label_ == "PERSON"
        entity = _without_trailing_adverbs(entity)
        name = _clean_name(entity.text)
        if not person:
            # A family name named in full before, taken for an organisation ("Harf added", after "Marie Harf").
            if book.named_before(name) and _uncommon(name):
                return book.resolve(name)
            return book.organisation_in_full(name) or _organisation_name(entity)
        bearer = _titled_bearer(name, _titles_before(entity), book) if len(name.split()) == 1 else None
        return bearer or _after_title(name, book) or book.resolve(name, _honorific_gender(entity))
    if token.lower_ in _PERSONAL_PRONOUNS:
        return token.text
    phrase = _clean_name(noun_phrase(token))
    if token.pos_ == "NOUN" and token.text[:1].isupper() and book.named_before(token.text):
        return token.text  # a family name named in full before, tagged as a common noun ("Suthers said")
    if token.lower_ in _PARTY_MEMBERS:
        # "The California Democrat said": the one the article gave that party and state, else the role.
        return book.role_holder(token) or phrase
    if token.pos_ == "PROPN":
        # A name the recogniser missed: in full ("Niva Yau"), or a family name of someone named before ("Sun").
        capitalised = [w for w in phrase.split() if w[:1].isupper()]
        if len(capitalised) >= 2 or book.named_before(phrase):
            return phrase
        if len(capitalised) == 1 and book.named_before(token.text):
            return token.text  # described as it is named again ("the 76-year-old Pelosi")
        return None
    if token.pos_ == "NOUN" and token.lemma_.lower() in PEOPLE_NOUNS:
        # A role named in apposition ("the N.C.A.A. president, Mark Emmert, said"): the person speaks. The parse
        # may hang the name on whom or where the role serves ("the mayor of Hoboken, Dawn Zimmer", "a lawyer for
        # Mr. Grimm, William McGinley"): the name is still the role's holder, where the role is one person's
        # ("allies in the House, including the minority leader, Kenneth Fredette" are more than he).
        heads = [token] + [p for c in token.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
                           if token.tag_ == "NN"]
        named = next((c for head in heads for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"),
                     None)
        if named is not None:
            return _clean_name(_entity_at(named).text)
        return _placed_role_bearer(token, book) or phrase
    people = _people_counted(token)
    return _name_of(people, book) if people is not None else None


# Words that count or gather what their "of" names: "a handful of RNC insiders", "two of the senators".
_COUNTING_WORDS = {"handful", "number", "group", "couple", "majority", "minority", "dozen", "dozens", "score",
                   "scores", "hundreds", "thousands", "lot", "lots", "bunch", "host", "pair", "most", "some",
                   "many", "several", "few", "all", "both", "half", "none", "each", "one", "two", "three", "four",
                   "five", "six", "seven", "eight", "nine", "ten"}


def _people_counted(token):
    """The people a counting word's phrase names ("A handful of well-placed RNC insiders tell Fox News" is the
    insiders'), or None."""
    if token.lower_ not in _COUNTING_WORDS and token.pos_ != "NUM":
        return None
    for preposition in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        people = next((c for c in preposition.children if c.dep_ == "pobj"), None)
        if people is not None and (people.lemma_.lower() in PEOPLE_NOUNS or people.ent_type_ == "PERSON"):
            return people
    return None


def _holder_after_office(title, book: SpeakerBook) -> str | None:
    """The person a title with its office before the name names ("Deputy Assistant Secretary for Diplomatic
    Security Charlene Lamb", parsed as the title and a phrase "for ... Charlene Lamb"): the name that ends the
    phrase, where the office's own name stands before it ("a spokesman for Hillary Clinton" is another person)."""
    from claimdiff.judge.lexicon import TITLES  # read when first needed: its lists load once

    if _title_word(title.text) not in TITLES:
        return None
    for preposition in (c for c in title.children if c.dep_ == "prep" and c.lower_ in {"for", "of"}):
        holder = next((c for c in preposition.children if c.dep_ == "pobj" and c.ent_type_ == "PERSON"), None)
        if holder is None or not any(c.dep_ == "compound" and c.ent_type_ in {"ORG", "GPE"} for c in holder.children):
            continue
        name = _clean_name(_entity_at(holder).text)
        return book.resolve(name) or name
    return None


def _placed_role_bearer(role, book: SpeakerBook) -> str | None:
    """"The Texas governor" or "the Republican governor" refers back, as "the governor" does, to the one bearer of
    the title that the article tells of (SpeakerBook.role_holder): a role with "the" and a place or a party
    before it, and nothing else."""
    modifiers = list(role.lefts)
    placed = [c for c in modifiers if c.ent_type_ in {"GPE", "NORP"}]
    if not placed or len(placed) + 1 != len(modifiers):
        return None
    return book.role_holder(role)


def _after_title(name: str, book: SpeakerBook) -> str | None:
    """The person a name with a title before it names ("RNC Chair Reince Priebus", "Historian Alan Brinkley" ->
    Reince Priebus, Alan Brinkley): a title is no part of a name. What follows the last title is the name where
    it is capitalised words, two or more or a family name named in full before ("Gov. Perry"); else None ("King
    Abdullah" is a name as written, "General Motors" no person)."""
    from claimdiff.judge.lexicon import TITLES  # read when first needed: its lists load once

    words = name.split()
    titles = [k for k, word in enumerate(words[:-1]) if _title_word(word) in TITLES]
    rest = words[titles[-1] + 1 :] if titles else []
    if not rest or not all(word[:1].isupper() for word in rest):
        return None
    if len(rest) >= 2:
        return book.resolve(" ".join(rest)) or " ".join(rest)
    bearer = _titled_bearer(rest[0], [_title_key(words[: titles[-1] + 1])], book)
    return bearer or (book.resolve(rest[0]) if book.named_before(rest[0]) else None)


def _titled_bearer(family_name: str, titles: list[str], book: SpeakerBook) -> str | None:
    """The one person of that family name the article named with one of these titles ("Former Vice President
    Cheney", after "Vice President Dick Cheney" and his daughters), else None."""
    bearers = {full for title in titles for full in book.titled.get(title, ())
               if len(full.split()) >= 2 and _person(full)[1] == family_name}
    return bearers.pop() if len(bearers) == 1 else None


def _entity_at(token):
    """The named entity a token is part of (None for none)."""
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def _with_shared_family_name(entity, people: dict) -> str | None:
    """A given name written before another person's full name, joined by "and", bears that person's family name
    ("Hillary and Bill Clinton", "Mary and Liz Cheney": two of one family), so "Clinton" alone stays ambiguous
    later. A name with a title or honorific before it is a family name ("President Obama and Hillary Clinton"),
    as is one the caller knows for someone's. `people`: the sentence's person entities by their root token. None
    for any other name."""
    if len(entity) != 1 or any(True for _ in entity.root.lefts):
        return None
    for other in entity.root.children:
        partner = people.get(other.i)
        between = entity.doc[entity.end : partner.start] if other.dep_ == "conj" and partner is not None else []
        if len(partner or ()) >= 2 and [t.lower_ for t in between] in (["and"], ["&"]):
            return f"{entity.text} {partner[-1].text}"
    return None


def _person_in_phrase(token):
    """The person named in the phrase `token` heads: the parse may make an organisation the subject ("The National
    Organization for Women President Terry O'Neill said"), where the person the phrase names is the speaker."""
    return next((e for e in token.doc.ents if e.label_ == "PERSON" and token.left_edge.i <= e.start
                 and e.end <= token.right_edge.i + 1), None)


# Heads of noun phrases that name people by their role: who news quotes without a name ("the mayor said",
# "officials said", "a spokeswoman said"). Sorted by kind; any other head ("the indictment", "sides") is no speaker.
PEOPLE_NOUNS = {
    # officials and their staff
    "official", "officer", "spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "minister",
    "secretary", "president", "governor", "mayor", "senator", "lawmaker", "legislator", "congressman",
    "congresswoman", "representative", "ambassador", "diplomat", "envoy", "chairman", "chairwoman", "chair",
    "leader", "premier", "chancellor", "commissioner", "director", "administrator", "chief", "head",
    "prosecutor", "attorney", "lawyer", "judge", "investigator", "detective", "police", "sheriff", "trooper",
    "commander", "general", "colonel", "soldier",
    # people in the news
    "source", "witness", "resident", "neighbor", "neighbour", "victim", "survivor", "relative", "friend",
    "colleague", "candidate", "voter", "protester", "activist", "member", "founder", "owner", "executive",
    "employee", "worker", "student", "teacher", "doctor", "nurse", "patient", "parent", "mother", "father",
    # people who comment
    "analyst", "expert", "economist", "scientist", "researcher", "scholar", "professor", "historian", "critic",
    "supporter", "opponent", "observer", "journalist", "reporter", "editor", "author", "writer", "strategist",
    "pollster", "consultant", "fellow", "man", "woman", "person", "people",
    # people of politics and public life
    "staffer", "lobbyist", "donor", "organizer", "organiser", "operative", "negotiator", "advocate", "insider",
    "delegate", "ally", "counsel", "agent", "pastor", "priest", "citizen", "immigrant", "passenger", "volunteer",
    "investor", "banker",
    # Not "nominee", "veteran", "rival": news calls the person it quotes so ("the presumptive Republican nominee
    # said" is Donald Trump), which the quotation before names better than the role.
}


def looks_like_caption(doc) -> bool:
    """A one-sentence paragraph describing a photo: "Putin meets Xi at the Kremlin in Moscow in June 2019.",
    "Tanks fire projectiles during an exercise ...", "Xi Jinping with President Tokayev on Wednesday."."""
    text = doc.text
    if _CAPTION_OPENERS.match(text):
        return True
    if quoted_share(text) > 0 or len(doc) < 8:
        return False
    labels = {e.label_ for e in doc.ents}
    first = doc[0]
    root = next((t for t in doc if t.dep_ == "ROOT"), first)
    subject_first = first.dep_ in {"compound", "amod", "nsubj", "det"} or first.pos_ == "PROPN"
    if not subject_first:
        return False
    if not any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in doc):
        # Verbless ("Xi Jinping with President Tokayev on Wednesday."); a root verb the tagger took for a
        # participle ("Trump noted so helpfully in a tweet Wednesday morning.") still tells an act.
        return root.pos_ != "VERB" and bool(labels & {"PERSON", "ORG"}) \
            and bool(labels & {"DATE", "GPE", "LOC", "FAC"})
    present_action = root.tag_ in {"VBZ", "VBP"} and root.lemma_ not in _STATIVE | SPEECH_VERBS
    has_aux = any(c.dep_ in {"aux", "auxpass"} for c in root.children)
    return present_action and not has_aux and _depicted(root) \
        and bool(labels & {"DATE", "GPE", "LOC", "FAC"} or "during" in text)


def _depicted(root) -> bool:
    """Whether the subject of a present-tense sentence is what a photo shows: a person named ("Putin meets Xi
    ..."), or things or people in the plural without an article, in one plain clause ("Tanks fire projectiles
    during an exercise ..."). A one-sentence paragraph of news whose subject is an act, a document or a role ("The
    decision follows ...", "A poll released Wednesday shows ...", "The second-term congressman represents ...")
    states a fact."""
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if subject.ent_type_ == "PERSON":
        return True
    plain_clause = not any(t.dep_ in {"conj", "ccomp", "advcl", "relcl", "acl"} and t.pos_ in {"VERB", "AUX"}
                           for t in root.subtree)
    return subject.tag_ in {"NNS", "NNPS"} and plain_clause and not any(c.dep_ == "det" for c in subject.children)


def _without_trailing_adverbs(entity):
    """The recogniser may run a name on into the adverb after it ("Breitbart's BigGovernment.com first
    reported"): the name ends at its last noun."""
    end = entity.end
    while end - entity.start > 1 and entity.doc[end - 1].pos_ in {"ADV", "VERB", "AUX", "ADP", "PART", "CCONJ"} \
            and entity.doc[end - 1].dep_ != "case":
        end -= 1
    return entity.doc[entity.start : end] if end != entity.end else entity


def _organisation_name(entity) -> str:
    """An organisation's name as written: one named in a single word keeps the article before it ("The Hill",
    "the Times", "the Pentagon"), without which the word is a common one; the recogniser leaves it out."""
    name = _clean_name(entity.text)
    before = entity.doc[entity.start - 1] if entity.start > 0 else None
    return f"{before.text} {name}" if len(entity) == 1 and before is not None and before.lower_ == "the" else name


def _clean_name(name: str) -> str:
    name = re.sub(r"^(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+", "", name.strip())
    name = re.sub(r"[’']s$", "", name).strip(" ,")
    return name if re.search(r"\b(?:Jr|Sr)\.$", name) else name.strip(" ,.")  # "Jr." keeps its stop
