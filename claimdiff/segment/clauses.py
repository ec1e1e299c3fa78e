"""Split a compound sentence into the separate statements it carries, from its spaCy dependency parse.

"Before flying to Samarkand, Xi visited Kazakhstan where he met President Tokayev in a first stop, where he
appeared to send a subtle message about the Ukraine war, vowing to strongly support Kazakhstan's sovereignty"
holds four facts. Each becomes a fragment: a contiguous span (so offsets still point into the source), plus a
`context` that restates it on its own ("Xi appeared to send a subtle message ...") for matching.

Only clauses that run to the end of the sentence are cut off: a relative clause in the middle ("Modi, who ...,
denounced ...") would leave a main clause in two pieces, so it stays whole. No library does this splitting for
English news text with offsets, hence the hand-written rules below.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimdiff.language.quotes import CLOSING, OPENING, inside_quotes
from claimdiff.language.speech import SPEECH_VERBS

_COORDINATORS = {"and", "but", "yet", "so"}
_RELATIVES = {"who", "which", "where", "when"}
_PREPOSITION_LIKE = {"including", "according", "following", "regarding", "concerning", "excluding", "considering",
                     "beginning", "starting", "during", "pending", "notwithstanding", "barring", "given"}
_PRONOUN_SUBJECTS = {"he", "she", "it", "they"}
# At a clause boundary a single quotation mark counts too (inside a word it is an apostrophe, so it does not
# decide what is quoted).
_OPEN_QUOTES = OPENING | {"‘"}
_CLOSE_QUOTES = CLOSING | {"’"}
MIN_WORDS = 4


@dataclass
class Fragment:
    start: int  # character offsets within the parsed sentence
    end: int
    context: str
    attribution: bool = False  # "said Niva Yau, senior researcher at the OSCE Academy"


def split_sentence(doc, quote_open: bool = False, clauses: bool = True) -> list[Fragment]:
    """Fragments of one parsed sentence, in order; a sentence with one statement gives one fragment.
    `quote_open`: the sentence begins inside a quotation opened before it. Without `clauses`, only the sentences
    inside a quoted passage are cut apart (what a sentence splitter in any language does), not its statements
    or its attribution."""
    tokens = list(doc)
    if not tokens:
        return []
    quoted = inside_quotes([t.text for t in tokens], quote_open)
    cuts = {k: reason for k in range(1, len(tokens)) if (reason := _cut_reason(tokens, k, quoted))}
    if not clauses:
        cuts = {k: reason for k, reason in cuts.items() if reason == "sentence"}
    cuts = {k: reason for k, reason in cuts.items() if not _in_a_question(tokens, quoted, cuts, k)}
    attribution = _attribution_start(tokens, quoted) if clauses else None
    if attribution is not None:
        cuts[attribution] = "attribution"
    cuts = _valid_cuts(tokens, cuts)
    bounds = [0, *sorted(cuts), len(tokens)]
    fragments, text = [], doc.text  # spaCy joins the tokens' text at each reading
    for a, b in zip(bounds, bounds[1:]):
        span = tokens[a:b]
        reason = cuts.get(a, "start")
        start, end = span[0].idx, span[-1].idx + len(span[-1].text)
        context = text[start:end] if reason in ("start", "sentence") else _restate(span, reason)
        fragments.append(Fragment(start, end, context, attribution=reason == "attribution"))
    return fragments


# Marks that set a remark apart inside a sentence, in pairs: "Xi's state visit – his first overseas trip in almost
# 1,000 days – ..." ("-" counts where it stands alone between spaces, as a typed dash).
_ASIDE_OPENERS = {"–": "–", "—": "—", "--": "--", "-": "-", "(": ")"}
_NOUNS = {"NOUN", "PROPN", "NUM"}


def asides(doc, quote_open: bool = False) -> list[Fragment]:
    """Noun phrases set apart by paired dashes or parentheses, outside quotations: each says something of its own
    about the noun before it, and becomes a fragment of its own whose context restates it ("Xi's state visit to
    Kazakhstan on Wednesday: his first overseas trip in almost 1,000 days"). These fragments lie inside the
    sentence's others."""
    tokens = list(doc)
    quoted = inside_quotes([t.text for t in tokens], quote_open)
    found = []
    k = 0
    while k < len(tokens):
        closer = _ASIDE_OPENERS.get(tokens[k].text)
        if closer is None or quoted[k] or (tokens[k].text == "-" and not _stands_alone(tokens, k)):
            k += 1
            continue
        end = next((m for m in range(k + 1, len(tokens)) if tokens[m].text == closer), None)
        if end is None:
            break
        fragment = _aside(tokens, k, end)
        if fragment is not None:
            found.append(fragment)
        k = end + 1
    return found


def _stands_alone(tokens, k: int) -> bool:
    return k > 0 and bool(tokens[k - 1].whitespace_) and bool(tokens[k].whitespace_)


def _aside(tokens, opening: int, closing: int) -> Fragment | None:
    """The fragment between tokens[opening] and tokens[closing], when it is a noun phrase (one head, a noun,
    attached outside it) of MIN_WORDS words or more, following a noun it can be said of."""
    inside = tokens[opening + 1 : closing]
    positions = {t.i for t in inside}
    heads = [t for t in inside if t.head.i not in positions and not t.is_punct]
    if len(heads) != 1 or heads[0].pos_ not in _NOUNS or _word_count(inside) < MIN_WORDS:
        return None
    anchor = _noun_before(tokens[opening - 1]) if opening > 0 else None
    if anchor is None or anchor.i in positions:
        return None
    start, end = inside[0].idx, inside[-1].idx + len(inside[-1].text)
    said_of = anchor.doc[anchor.left_edge.i : tokens[opening].i].text
    return Fragment(start, end, f"{said_of}: {anchor.doc.text[start:end]}")


def _noun_before(token):
    """The noun a remark after `token` is said of: `token` itself, or the noun it qualifies through prepositions
    ("Xi's state visit to Kazakhstan on Wednesday" -> "visit"; "leaders of the House and Senate" -> "leaders")."""
    noun = None
    while True:
        if token.pos_ in _NOUNS:
            noun = token
        if token.dep_ not in {"pobj", "prep", "compound", "nummod", "conj"} or token.head.i >= token.i \
                or token.head.pos_ not in _NOUNS | {"PRON", "ADP"}:
            return noun
        token = token.head


_CLAUSE_CUTS = {"coordination", "shared subject", "relative", "participle"}


def _in_a_question(tokens, quoted: list[bool], cuts: dict[int, str], k: int) -> bool:
    """A clause cut inside a question the sentence itself asks ("So who is Dave Brat, and how did he pull off such
    a stunning win?"): a question states nothing, so its clauses are no statements of their own. A question
    inside quotation marks is someone's words, cut as any quoted passage is."""
    if cuts[k] not in _CLAUSE_CUTS:
        return False
    end = next((m for m in sorted(cuts) if m > k and cuts[m] == "sentence"), len(tokens))
    last = next((m for m in range(end - 1, k - 1, -1) if not tokens[m].is_space), None)
    return last is not None and tokens[last].text == "?" and not quoted[last]


def _cut_reason(tokens, k: int, quoted: list[bool]) -> str | None:
    """Why a new statement could start at token k (checked for grammar afterwards by `_valid_cuts`)."""
    token, before = tokens[k], tokens[k - 1]
    if before.text == ";":
        return "semicolon"
    if before.text in {".", "!", "?"} and token.is_sent_start \
            and (token.text[:1].isupper() or token.text in _OPEN_QUOTES or _opens_straight_quote(tokens, k)):
        return "sentence"  # pySBD keeps quoted passages whole; spaCy finds the sentences inside them
    if quoted[k]:
        return None
    lower = token.lower_
    after_comma = before.text == ","
    if lower in _COORDINATORS and token.dep_ == "cc" and (after_comma or lower in {"but", "yet"}):
        verb = _conjunct_after(token)
        subordinate = tokens[0].lower_ in _SUBORDINATORS  # "Given X was closed, and Y ..., it is hard to ..."
        if verb is not None and token.head.dep_ == "ROOT" and not subordinate and verb.pos_ in {"VERB", "AUX"} \
                and _has_subject(verb):
            return "coordination"
    if lower in {"and", "but"} and token.dep_ == "cc" and token.head.dep_ == "ROOT" and token.head.pos_ == "VERB" \
            and tokens[0].lower_ not in _SUBORDINATORS:
        verb = _conjunct_after(token)
        # "The Clintons earned $141 million and paid $44 million in taxes": two acts of one subject, each with
        # what it acted on, are two statements.
        if verb is not None and verb.pos_ == "VERB" and _finite(verb) and not _has_subject(verb) \
                and _has_object(verb) and _has_object(token.head) and _has_subject(token.head):
            return "shared subject"
    if lower in _RELATIVES and token.tag_ in {"WDT", "WP", "WRB"}:
        # Without a comma, only "where" after a place name and "when" after a date introduce a new fact.
        if after_comma or (lower == "where" and before.pos_ == "PROPN") or (lower == "when" and before.ent_type_ == "DATE"):
            return "relative"
    if after_comma and token.tag_ == "VBG" and lower not in _PREPOSITION_LIKE and token.dep_ == "advcl":
        return "participle"
    return None


def _conjunct_after(cc):
    """The conjunct a coordinator introduces: the next conj of its head, with no other coordinator between."""
    following = [c for c in cc.head.children if c.i > cc.i and c.dep_ in {"conj", "cc"}]
    following.sort(key=lambda c: c.i)
    return following[0] if following and following[0].dep_ == "conj" else None


def _has_object(verb) -> bool:
    return any(child.dep_ in {"dobj", "attr", "ccomp", "xcomp", "dative", "oprd"} for child in verb.children)


def _finite(verb) -> bool:
    """A verb that makes a statement: in a tense ("paid"), or after an auxiliary ("will enlist", "have
    suggested"); not a participle ("..., calling it 'misleading' and claiming ...") nor a bare verb that
    addresses the reader ("..., but don't expect him to fade")."""
    if verb.tag_ in {"VBD", "VBZ", "VBP"}:
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.lower_ not in {"do", "does", "did", "to"} for c in verb.children)


def _has_subject(verb) -> bool:
    return any(child.dep_ in {"nsubj", "nsubjpass", "expl"} for child in verb.children)


def _attribution_start(tokens, quoted: list[bool]) -> int | None:
    """Where '..., said Niva Yau, senior researcher at X' begins, when the speaker carries a role worth checking."""
    offset = tokens[0].i
    for token in tokens:
        if token.lemma_ not in SPEECH_VERBS or token.dep_ != "ROOT" or quoted[token.i - offset]:
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        reported_before = any(c.dep_ in {"ccomp", "dep", "parataxis"} and c.i < token.i for c in token.children)
        quote_before = any(t.text in _CLOSE_QUOTES | {'"'} for t in tokens[: token.i - offset])
        if subject is None or not (reported_before or quote_before):
            return None
        # A role is a common noun ("senior researcher at the OSCE Academy"); a party tag ("R-Texas") or a second
        # name is no detail worth a claim of its own, and leaves the quotation whole.
        if not any(c.dep_ == "appos" and any(t.pos_ == "NOUN" for t in c.subtree) for c in subject.children):
            return None
        first = min(token.i, subject.left_edge.i) - offset
        if first <= 0 or tokens[first - 1].text not in {",", '"'} | _CLOSE_QUOTES:
            return None
        return first
    return None


def _opens_straight_quote(tokens, k: int) -> bool:
    """A straight double quote that opens a quotation: after a space and against a capitalised word
    ('... Suthers said. "However, ...'); one that closes one is followed by a space or punctuation."""
    return tokens[k].text == '"' and bool(tokens[k - 1].whitespace_) and not tokens[k].whitespace_ \
        and k + 1 < len(tokens) and tokens[k + 1].text[:1].isupper()


def _valid_cuts(tokens, cuts: dict[int, str]) -> dict[int, str]:
    """Keep only cuts that leave every piece a grammatical unit with enough words to stand alone."""
    kept = dict(cuts)
    changed = True
    while changed:
        changed = False
        for k in sorted(kept):
            bounds = [0, *sorted(kept), len(tokens)]
            i = bounds.index(k)
            left, right = tokens[bounds[i - 1] : k], tokens[k : bounds[i + 1]]
            if not _acceptable(left, right, kept[k]):
                del kept[k]
                changed = True
                break
    return kept


def _acceptable(left, right, reason: str) -> bool:
    minimum = {"attribution": 3, "participle": 5}.get(reason, MIN_WORDS)
    if _word_count(left) < MIN_WORDS or _word_count(right) < minimum or not _has_verb(left):
        return False
    if reason in ("semicolon", "sentence"):
        return True
    inside = {t.i for t in right}
    if any(t.dep_ == "ROOT" for t in right) and reason != "attribution":
        return False  # the main clause would end up split across two pieces
    exits = [t for t in right if t.head.i not in inside and t.dep_ not in _LOOSE_DEPS and not t.is_punct]
    if reason == "attribution":
        return True  # the reported words hang off "said" by design
    reached_from_left = [t for t in left if t.head.i in inside and t.dep_ not in _LOOSE_DEPS and not t.is_punct]
    return len(exits) <= 1 and not reached_from_left


_LOOSE_DEPS = {"punct", "advmod", "npadvmod", "dep", "cc", "ROOT"}
_SUBORDINATORS = {"given", "although", "though", "if", "when", "while", "because", "since", "as", "unless",
                  "whereas", "once", "after", "before", "until"}


def _word_count(span) -> int:
    return sum(1 for t in span if t.is_alpha or t.like_num)


def _has_verb(span) -> bool:
    return any(t.pos_ in {"VERB", "AUX"} for t in span)


def _antecedent(pronoun: str, token) -> str | None:
    """Who "he"/"she" or "it"/"they" stands for: the last person named before `token` in its sentence, or the
    main subject when that is not a person."""
    before = [t for t in token.sent if t.i < token.i]
    root = token.sent.root
    main = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if pronoun in {"he", "she"}:
        if main is not None and main.ent_type_ == "PERSON":
            return noun_phrase(main)
        person = next((t for t in reversed(before) if t.ent_type_ == "PERSON"), None)
        return noun_phrase(person) if person is not None else None
    if main is None or main.ent_type_ == "PERSON" or main.lower_ in _PRONOUN_SUBJECTS:
        return None
    return noun_phrase(main)


def _subject_of(verb) -> str:
    """The subject of `verb` as a name or noun phrase; "he" or "they" as the person or thing it stands for, where
    that is clear, else as it is."""
    subject = next(c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "expl"})
    if subject.lower_ in _PRONOUN_SUBJECTS:
        return _antecedent(subject.lower_, subject) or subject.text
    whole = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
    # "Hillary and Bill Clinton" whole; "Sen. Bernie Sanders, who was campaigning in Iowa," without its clause
    return whole.text if not any(t.text in {",", "(", "–", "—", "--"} for t in whole) else noun_phrase(subject)


def _main_subject(token) -> str | None:
    """The subject of the main verb of the sentence holding `token`, as a name or noun phrase ("Xi")."""
    root = token.sent.root
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.lower_ in _PRONOUN_SUBJECTS | {"i", "we", "you", "this", "that", "what"}:
        return None
    return noun_phrase(subject)


def noun_phrase(token) -> str:
    """A token's name or noun phrase without articles or trailing clauses: compounds, possessives, adjectives."""
    keep = {"compound", "flat", "poss", "case", "amod", "nmod", "det"}
    parts = [token]
    for child in token.children:
        if child.dep_ in keep and child.i < token.i:
            parts.extend(child.subtree)
        elif child.dep_ in {"flat", "compound"} and child.i > token.i:
            parts.append(child)
    parts = sorted(set(parts), key=lambda t: t.i)
    words = [t for t in parts if not (t.dep_ == "det" and t.lower_ in {"a", "an", "the"})]
    # The words as written from the first to the last kept, with the hyphens and commas between them
    # ("Townsend-Saunders", "hard, progressive left").
    doc = token.doc
    return doc[words[0].i : words[-1].i + 1].text.strip() if words else token.text


def _without_verb_of_saying(span) -> list:
    """An attribution as what it says of the speaker ("Rep. Jerrold Nadler, the former chairman of the
    subcommittee, told The Washington Post" -> "Rep. Jerrold Nadler, the former chairman of the subcommittee"):
    the verb of saying goes, with whom it was said to and when, and the speaker stays."""
    verb = next((t for t in span if t.lemma_ in SPEECH_VERBS and t.dep_ == "ROOT"), None)
    if verb is None:
        return span
    dropped = {verb.i}
    for child in verb.rights:
        if child.dep_ not in {"nsubj", "nsubjpass", "punct"}:
            dropped.update(t.i for t in child.subtree)
    kept = [t for t in span if t.i not in dropped]
    while kept and kept[-1].text == ",":
        kept.pop()
    while len(kept) >= 2 and kept[-2].text == "," and kept[-1].is_punct:
        del kept[-2]  # "the former chairman, ." -> "the former chairman."
    return kept


def _restate(span, reason: str) -> str:
    """The fragment as a stand-alone statement, for matching: drop the connective, name the subject."""
    span = list(span)
    while span and span[0].is_punct:
        span = span[1:]
    if not span:
        return ""
    head = span[0]
    if reason == "attribution":
        span = _without_verb_of_saying(span)
    elif head.lower_ in _COORDINATORS | {"where", "when"}:
        span = span[1:]
    text = "".join(t.text_with_ws for t in span).strip()
    if head.lower_ in {"who", "which"}:
        antecedent = head.head.head if head.head.dep_ == "relcl" else head.head
        return noun_phrase(antecedent) + text[len(head.text):]
    if reason == "shared subject":
        return f"{_subject_of(head.head)} {text}"
    first, _, rest = text.partition(" ")
    if first.lower() in _PRONOUN_SUBJECTS:
        antecedent = _antecedent(first.lower(), head)
        return f"{antecedent} {rest}" if antecedent else text
    subject = _main_subject(head)
    if not subject:
        return text
    if reason == "participle":
        return f"{subject} {text}"
    return text
