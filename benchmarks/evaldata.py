"""Readers for the public evaluation sets in ../shared/evaldata (never copied into this repository).

Each reader returns plain Python records; benchmarks and the training script share them. Every reader raises
`Missing` when its folder is absent, so callers can skip cleanly.
"""

from __future__ import annotations

import csv
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(os.environ.get("CLAIMDIFF_EVALDATA", Path(__file__).resolve().parents[2] / "shared" / "evaldata"))

# ECB+ topics 1-22 train (the usual split of the corpus), 23 and up are held out for evaluation.
ECB_TRAIN_TOPICS = set(range(1, 23))


class Missing(Exception):
    pass


def _folder(name: str) -> Path:
    path = ROOT / name
    if not path.is_dir():
        raise Missing(f"{path} not found")
    return path


@dataclass
class ScoredPair:
    a: str
    b: str
    score: float  # STS-B: 0-5 similarity; SICK: 1-5 relatedness
    label: str = ""  # SICK: ENTAILMENT / NEUTRAL / CONTRADICTION


def sts_benchmark(split: str = "dev") -> list[ScoredPair]:
    path = _folder("stsbenchmark") / f"sts-{split}.csv"
    pairs = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 7:
                pairs.append(ScoredPair(parts[5], parts[6], float(parts[4])))
    return pairs


def sick(sets: tuple[str, ...] = ("TRIAL",)) -> list[ScoredPair]:
    path = _folder("sick") / "SICK_train_trial.txt"
    pairs = []
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["SemEval_set"] in sets:
                pairs.append(ScoredPair(row["sentence_A"], row["sentence_B"], float(row["relatedness_score"]),
                                        row["entailment_label"]))
    return pairs


@dataclass
class EditPair:
    original: str
    edited: str
    consistent: bool
    edit_types: list[str]
    article: str
    split: str


def summedits() -> list[EditPair]:
    rows = json.loads((_folder("summedits_news") / "summedits_news_dev.json").read_text(encoding="utf-8"))
    pairs = []
    for row in rows:
        types = row.get("edit_types") or "[]"
        types = json.loads(types) if isinstance(types, str) else types
        pairs.append(EditPair(row["original_summary"], row["summary"], row["label"] == 1, types,
                              row["doc"][:80], row.get("split", "")))
    return pairs


@dataclass
class EcbSentence:
    topic: int
    subtopic: str  # "ecb" or "ecbplus": two different look-alike events of one topic
    document: str
    number: int
    text: str
    events: set[str] = field(default_factory=set)  # cross-document ACTION instance ids mentioned


def ecb_sentences() -> list[EcbSentence]:
    """The sentences ECB+ annotated for coreference, with the cross-document event instances each mentions."""
    folder = _folder("ecbplus")
    wanted: dict[tuple[int, str], set[int]] = {}
    with open(folder / "ECBplus_coreference_sentences.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            wanted.setdefault((int(row["Topic"]), row["File"]), set()).add(int(row["Sentence Number"]))
    sentences = []
    for (topic, name), numbers in sorted(wanted.items()):
        path = folder / "ECB+" / str(topic) / f"{topic}_{name}.xml"
        if path.exists():
            sentences.extend(_read_ecb_document(path, topic, name, numbers))
    return sentences


def ecb_documents() -> dict[tuple[int, str], list[str]]:
    """Every sentence of every ECB+ document with annotated sentences, by (topic, document): the full articles."""
    folder = _folder("ecbplus")
    documents = {}
    for path in sorted((folder / "ECB+").glob("*/*.xml")):
        topic, name = path.stem.split("_", 1)
        root = ET.parse(path).getroot()
        words: dict[int, list[str]] = {}
        for token in root.iter("token"):
            words.setdefault(int(token.get("sentence")), []).append(token.text or "")
        documents[(int(topic), name)] = [_detokenize(words[n]) for n in sorted(words)]
    return documents


def _read_ecb_document(path: Path, topic: int, name: str, numbers: set[int]) -> list[EcbSentence]:
    root = ET.parse(path).getroot()
    words: dict[int, list[str]] = {}
    sentence_of: dict[str, int] = {}
    for token in root.iter("token"):
        number = int(token.get("sentence"))
        sentence_of[token.get("t_id")] = number
        words.setdefault(number, []).append(token.text or "")
    mention_sentences: dict[str, set[int]] = {}
    markables = root.find("Markables")
    for markable in markables if markables is not None else []:
        anchors = [a.get("t_id") for a in markable.iter("token_anchor")]
        if anchors:
            mention_sentences[markable.get("m_id")] = {sentence_of[t] for t in anchors if t in sentence_of}
    events: dict[int, set[str]] = {}
    relations = root.find("Relations")
    for relation in relations.iter("CROSS_DOC_COREF") if relations is not None else []:
        instance = relation.get("note", "")
        if not instance.startswith("ACT"):
            continue
        for source in relation.iter("source"):
            for number in mention_sentences.get(source.get("m_id"), ()):
                events.setdefault(number, set()).add(instance)
    subtopic = "ecbplus" if name.endswith("ecbplus") else "ecb"
    return [EcbSentence(topic, subtopic, name, n, _detokenize(words[n]), events.get(n, set()))
            for n in sorted(numbers) if n in words]


def _detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:!?%)\]}'])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = text.replace("`` ", '"').replace(" ''", '"')
    return text


@dataclass
class BasilArticle:
    triplet: str
    outlet: str  # fox | nyt | hpo
    title: str
    date: str
    text: str


def basil_triplets() -> dict[str, list[BasilArticle]]:
    """BASIL: the same event told by Fox News, the New York Times and HuffPost, grouped by triplet."""
    folder = _folder("basil") / "articles"
    triplets: dict[str, list[BasilArticle]] = {}
    for path in sorted(folder.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(sentences) for sentences in data.get("body-paragraphs", [])]
        article = BasilArticle(data.get("triplet-uuid", path.stem.rsplit("_", 1)[0]), data.get("source", ""),
                               data.get("title", ""), data.get("date", ""), "\n\n".join(paragraphs))
        triplets.setdefault(article.triplet, []).append(article)
    return triplets


def write_basil_triplet(articles: list[BasilArticle], folder: Path) -> list[Path]:
    """Write a triplet as plain-text articles (title line, then paragraphs), as a fact-checker would save them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in articles:
        path = folder / f"{article.outlet}.txt"
        path.write_text(f"{article.title}\n\n{article.text}\n", encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class SupportedClaim:
    article: str
    sentence: str
    supported: bool  # majority of three annotators said the article supports the sentence


def qags(corpus: str) -> list[SupportedClaim]:
    """QAGS: summary sentences (CNN/DM or XSum summarisers) voted supported or not by their source article."""
    rows = []
    path = _folder("qags") / f"mturk_{corpus}.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        for item in data["summary_sentences"]:
            votes = [r["response"] == "yes" for r in item["responses"]]
            rows.append(SupportedClaim(data["article"], item["sentence"], sum(votes) * 2 > len(votes)))
    return rows
