"""The data that flows through the pipeline: Document -> Claim -> Group(Pair) -> Report.

Every stage is a plain function from one of these to the next. The JSON output is `asdict()` of the same
dataclasses the terminal renderer reads, so the two can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Literal

# An aside is a noun phrase set apart inside a sentence by dashes or parentheses ("– his first overseas trip in
# almost 1,000 days –"): a fact of its own, whose offsets lie inside its sentence's claim.
ClaimKind = Literal["statement", "quote", "heading", "caption", "aside"]
Relation = Literal["agree", "diverge", "contradict", "unrelated"]
Verdict = Literal["agree", "diverge", "contradict", "unique"]
DifferenceKind = Literal[
    "number", "date", "name", "title", "place", "detail", "quote", "attribution", "negation", "antonym", "hedge",
    "other",  # the model found a conflict that no typed check names: the changed words are shown
]

VERDICTS: tuple[Verdict, ...] = ("contradict", "diverge", "agree", "unique")  # most telling first, as listed
SUMMARY_ORDER: tuple[Verdict, ...] = Verdict.__args__  # type: ignore[attr-defined]  # as counted in summaries
SHARED_VERDICTS: tuple[Verdict, ...] = ("agree", "diverge", "contradict")  # the verdicts of claims both carry
DIFFERENCE_KINDS: tuple[str, ...] = DifferenceKind.__args__  # type: ignore[attr-defined]
# The similarity from which two claims count as the same fact: a calibrated probability (see judge/learned.py),
# so from 0.5 a pair is more likely the same fact than not. Compared only by judge.SameFact.
DEFAULT_THRESHOLD = 0.5


@dataclass
class Block:
    """A stretch of a document's text that holds article content (boilerplate lies between blocks)."""

    start: int
    end: int
    role: Literal["title", "heading", "body", "caption"] = "body"


@dataclass
class Document:
    """One source as read: `text` is what claim offsets point into."""

    id: str
    location: str
    kind: Literal["text", "html", "url", "stdin"]
    title: str | None
    text: str
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    language: str = "en"  # ISO 639-1, as detected (language/detect.py)


@dataclass
class Claim:
    id: str
    source: str
    text: str
    start: int
    end: int
    kind: ClaimKind = "statement"
    speaker: str | None = None
    # The claim restated so it reads on its own ("he met Tokayev" -> "Xi met Tokayev"); used for matching only.
    context: str = field(default="", repr=False, compare=False)
    # False when the speaker was inferred from "he"/"she": too weak to call a difference of attribution.
    speaker_named: bool = field(default=True, repr=False, compare=False)
    # Where the claim's sentence starts in its source: the claims split from one sentence share it.
    sentence: int = field(default=-1, repr=False, compare=False)


@dataclass
class Difference:
    kind: DifferenceKind
    a: str
    b: str


@dataclass
class Pair:
    a: str
    b: str
    relation: Relation
    similarity: float
    differences: list[Difference] = field(default_factory=list)
    # The word alignment the judge read: each stretch where the two claims differ, as character spans
    # [a_start, a_end, b_start, b_end] into the texts of claims a and b (an empty span marks where the other's
    # words would stand), and the share of their words the two share. Renderers draw this; they never align again.
    changes: list[list[int]] = field(default_factory=list)
    shared_words: float = 1.0


@dataclass
class SeeAlso:
    """The claim of a source a group lacks that comes nearest to one of the group's claims, though not grouped with
    it: the same fact in other words that the judge was not sure of, or that another group took, or a related fact
    of the story. Shown so that a reader can check an omission by eye; never counted as agreement."""

    claim: str  # the other source's claim
    of: str  # the group's claim it is nearest to
    similarity: float


@dataclass
class Group:
    id: str
    verdict: Verdict
    claims: list[str]
    pairs: list[Pair] = field(default_factory=list)
    see_also: list[SeeAlso] = field(default_factory=list)  # the nearest claim of each source the group lacks


@dataclass
class SourceInfo:
    id: str
    location: str
    kind: str
    title: str | None
    claims: int
    text: str | None = None  # carried when offsets refer to extracted or piped text that cannot be re-read
    language: str = "en"  # ISO 639-1


@dataclass
class Report:
    sources: list[SourceInfo]
    claims: list[Claim]
    groups: list[Group]
    summary: dict
    settings: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # e.g. bytes that could not be decoded
    errors: list[str] = field(default_factory=list)  # sources that could not be read; the rest was compared
    version: int = 1
    # Each source's full text by source id, for the renderers that show claims in context (HTML, explorer).
    # Not serialised: JSON carries a source's text only where its location cannot be re-read (see SourceInfo).
    texts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def exit_status(self, shown: list[Group]) -> int:
        """As diff's: 2 when a source could not be read, 1 when a group among `shown` is not agreed by all its
        sources (a divergence, a contradiction, or a claim only one source makes), else 0."""
        if self.errors:
            return 2
        return 1 if any(group.verdict != "agree" for group in shown) else 0

    def claim(self, claim_id: str) -> Claim:
        return self._claims_by_id()[claim_id]

    def _claims_by_id(self) -> dict[str, Claim]:
        cache = self.__dict__.get("_by_id")
        if cache is None or len(cache) != len(self.claims):
            cache = {c.id: c for c in self.claims}
            self.__dict__["_by_id"] = cache
        return cache

    @property
    def has_divergence(self) -> bool:
        return any(g.verdict != "agree" for g in self.groups)

    @property
    def exit_code(self) -> int:
        """0: every claim shared and agreed on; 1: something diverges, contradicts or is unique; 2: a source
        could not be read (the others were still compared)."""
        if self.errors:
            return 2
        return 1 if self.has_divergence else 0

    def to_dict(self) -> dict:
        return {
            "version": self.version,
            "sources": [_drop_none_text(asdict(s)) for s in self.sources],
            "claims": [claim_to_dict(c) for c in self.claims],
            "groups": [asdict(g) for g in self.groups],
            "summary": self.summary,
            "settings": self.settings,
            "warnings": self.warnings,
            "errors": self.errors,
        }


def claim_to_dict(claim: Claim) -> dict:
    data = asdict(claim)
    data.pop("context")
    data.pop("speaker_named")
    data.pop("sentence")
    return data


def _drop_none_text(source: dict) -> dict:
    if source.get("text") is None:
        source.pop("text", None)
    return source


def shortest_distinct(names: list[str]) -> list[str]:
    """The shortest leading parts of `names` that still tell them apart, cut where a word ends
    ("000_9a46518befece4f6", "001_aae4767c6d9cdfdd" -> "000", "001"), after the words every name begins with
    ("story12_fox", "story12_nyt" -> "fox", "nyt"); the names whole where no cut does."""
    parts = [re.split(r"(?<=[^_.\- ])(?=[_.\- ])", name) for name in names]
    shared = 0
    if len(parts) > 1:
        while shared < min(len(p) for p in parts) - 1 and len({p[shared] for p in parts}) == 1:
            shared += 1
    for k in range(shared + 1, max((len(p) for p in parts), default=0) + 1):
        short = ["".join(p[shared:k]).lstrip("_.- ") for p in parts]
        if len(set(short)) == len(short) and all(short):
            return short
    return list(names)
