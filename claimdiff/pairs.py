"""Judge claim pairs supplied by a script (`claimdiff judge`): JSON Lines in, one verdict per line out.

The pipeline of `compare` cut to pairs: each text is segmented as a one-paragraph article (for who it quotes),
embedded, and judged by the same ClaimJudge, in batches so thousands of pairs cost one embedding pass each.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Iterable, Iterator

from claimdiff.cache import code_identity, read_through
from claimdiff.context import Context
from claimdiff.embed import Encoder, encode_with_tokens
from claimdiff.judge import ClaimInput, ClaimJudge, SameFact, analyse_claims
from claimdiff.model import Block, Document
from claimdiff.segment import segment_many

MAX_LINE_CHARS = 100_000
BATCH = 2000


@dataclass
class PairRequest:
    line: int
    id: object
    a: str
    b: str


def parse_lines(lines: Iterable[str]) -> Iterator[PairRequest | dict]:
    """Each line becomes a PairRequest, or an error object naming the line and the problem."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE_CHARS:
            yield {"line": number, "error": f"line is {len(line):,} characters, over the {MAX_LINE_CHARS:,} limit"}
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield {"line": number, "error": f"not JSON: {error.msg} at column {error.colno}"}
            continue
        if not isinstance(record, dict):
            yield {"line": number, "error": "expected an object with fields id, a and b"}
            continue
        problem = next((f"field {k!r} is missing" for k in ("a", "b") if k not in record), None) or next(
            (f"field {k!r} must be a string" for k in ("a", "b") if not isinstance(record[k], str)), None) or next(
            (f"field {k!r} is empty" for k in ("a", "b") if not record[k].strip()), None)
        if problem:
            yield {"line": number, "id": record.get("id"), "error": problem}
            continue
        yield PairRequest(number, record.get("id", number), record["a"], record["b"])


def judge_requests(requests: Iterable[PairRequest | dict], encoder: Encoder, context: Context,
                   same: SameFact = SameFact()) -> Iterator[dict]:
    """Answers in input order: a verdict per request, error objects passed through."""
    batch: list[PairRequest | dict] = []
    for item in requests:
        batch.append(item)
        if len(batch) >= BATCH:
            yield from _judge_batch(batch, encoder, context, same)
            batch = []
    if batch:
        yield from _judge_batch(batch, encoder, context, same)


def _judge_batch(batch: list[PairRequest | dict], encoder: Encoder, context: Context,
                 same: SameFact) -> Iterator[dict]:
    requests = [r for r in batch if isinstance(r, PairRequest)]
    answers: dict[int, dict] = {}
    if requests:
        texts = [t for r in requests for t in (r.a.strip(), r.b.strip())]
        vectors, tokens = encode_with_tokens(encoder, texts)
        parses: dict[str, object] = {}
        speakers = speakers_of(texts, context, parses)
        claims = [ClaimInput(text, speaker=speaker) for text, speaker in zip(texts, speakers)]
        analyses = analyse_claims(claims, context.parser, context.cache, parses)
        judge = ClaimJudge(claims, vectors, tokens, same, analyses=analyses, parser=context.parser,
                           cache=context.cache)
        similarities = judge.similarities([(2 * k, 2 * k + 1) for k in range(len(requests))])
        for k, request in enumerate(requests):
            judgement = judge.judge(2 * k, 2 * k + 1, float(similarities[k]))
            answers[request.line] = {
                "id": request.id, "same_claim": judgement.same_claim, "relation": judgement.relation,
                "similarity": judgement.similarity, "differences": [asdict(d) for d in judgement.differences],
            }
    for item in batch:
        yield answers[item.line] if isinstance(item, PairRequest) else item


def speakers_of(texts: list[str], context: Context, parses: dict[str, object] | None = None) -> list[str | None]:
    """Who each claim quotes, when it says ("said Yun Sun"), so that attribution can be compared: each text is
    segmented as a one-paragraph article, in one batch, and the parses made are added to `parses` for the judge.
    Kept in the persistent cache, so that a warm run does not load the parser for it."""
    parses = {} if parses is None else parses

    def segmented(todo: list[str]) -> list[list[str | None]]:
        documents = [Document("pair", "pair", "stdin", None, text, [Block(0, len(text))]) for text in todo]
        result = segment_many(documents, context.parser)
        parses.update(result.parses)
        return [[next((c.speaker for c in claims if c.speaker and c.speaker_named), None)] for claims in result.claims]

    store = context.cache.table("pair_speakers") if context.cache else None
    # Stored as a one-item list, so that "no speaker" is a value and not a missing entry.
    found = read_through(store, texts, lambda text: hashlib.sha256(f"{code_identity()}|{text}".encode()).digest(),
                         segmented, lambda name: json.dumps(name).encode(), _read_speaker)
    return [name for name, in found]


def _read_speaker(blob: bytes) -> list | None:
    """A stored [speaker], or None for a damaged entry (then it is found again)."""
    try:
        value = json.loads(blob)
    except ValueError:
        return None
    return value if isinstance(value, list) and len(value) == 1 and isinstance(value[0], (str, type(None))) else None
