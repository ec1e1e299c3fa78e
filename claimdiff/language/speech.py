"""Verbs of speech: the verbs news uses to attribute a statement ("said", "told", "warned"), as lemmas.

They are English's reporting verbs (the verbs that take a that-clause or a quotation of what someone said), the
common ones of news writing. A listed verb attributes where it reports a clause, and a sentence's quotation is
given to a listed verb's subject, so verbs whose other senses are common ("maintained his opposition",
"estimated the cost", "answered questions") are not listed.
"""

SPEECH_VERBS = {
    "say", "tell", "add", "state", "note", "write", "declare", "insist", "argue", "claim", "warn", "explain",
    "announce", "report", "stress", "emphasize", "emphasise", "acknowledge", "admit", "deny", "reply", "respond",
    "ask", "suggest", "conclude", "comment", "observe", "vow", "pledge", "promise", "confirm", "allege",
    "reiterate", "repeat", "assert", "contend", "predict", "caution", "remark", "testify", "tweet",
    "concede", "complain", "boast", "affirm", "reaffirm", "retort", "lament", "mention", "disclose",
    "recount", "proclaim", "assure", "exclaim", "joke", "quip", "charge", "posit", "recall", "summarize",
    "summarise", "muse", "fume", "continue",
}

# Verbs of speech only where what is said is their clause ('"...," he continued.', "she recalled that ..."): their
# other senses are common in news ("continued to push for the bill", "recalled 1 million cars"), so a quotation
# elsewhere in their sentence is not theirs.
SPEECH_ONLY_WITH_CLAUSE = {"continue", "recall"}

# The forms of these verbs, written out here rather than with an inflection library: the list is closed and small,
# and three of its verbs are irregular; the others add "-ed" ("recalled", "replied"), doubling a final consonant
# after one stressed vowel in these two ("admitted", "quipped").
_IRREGULAR_PAST = {"say": "said", "tell": "told", "write": "wrote"}
_DOUBLED_FINAL_CONSONANT = {"admit", "quip"}


def _past(lemma: str) -> str:
    if lemma in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[lemma]
    if lemma in _DOUBLED_FINAL_CONSONANT:
        return lemma + lemma[-1] + "ed"
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _third_person(lemma: str) -> str:
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")


# "said", "says", "recalled", "recalls", ...: how an attribution after a quotation writes these verbs.
SPEECH_VERB_FORMS = frozenset(form for lemma in SPEECH_VERBS for form in (_past(lemma), _third_person(lemma)))
