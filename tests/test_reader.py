"""The pair reader (judge/reader.py): its weights file, its blend with the trees, where the judge asks it, and the
shipped reader converted and run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimdiff.judge import ClaimInput, ClaimJudge
from claimdiff.judge.reader import READER_PATH, PairReader, ReaderWeights


def small_weights(seed: int = 0) -> ReaderWeights:
    rng = np.random.default_rng(seed)
    deltas = {"encoder.layer.5.attention.self.query": (rng.normal(size=(4, 384)).astype(np.float32),
                                                        rng.normal(size=(384, 4)).astype(np.float32))}
    return ReaderWeights(deltas, 2.0, rng.normal(size=384).astype(np.float32), 0.25, (0.8, 1.2, -0.3), (0.2, 0.8),
                         128, {"note": "test"})


def test_weights_are_saved_in_half_precision_and_read_back(tmp_path):
    weights = small_weights()
    weights.save(tmp_path / "reader.npz")
    again = ReaderWeights.load(tmp_path / "reader.npz")
    (down, up), (down_again, up_again) = weights.deltas["encoder.layer.5.attention.self.query"], \
        again.deltas["encoder.layer.5.attention.self.query"]
    assert np.allclose(down, down_again, atol=2e-3) and np.allclose(up, up_again, atol=2e-3)
    assert np.allclose(weights.head_weight, again.head_weight, atol=2e-3)
    assert (again.scale, again.head_bias, again.blend, again.band, again.max_tokens, again.info) == \
        (2.0, 0.25, (0.8, 1.2, -0.3), (0.2, 0.8), 128, {"note": "test"})
    assert ReaderWeights.load(tmp_path / "reader.npz").digest == again.digest != small_weights(1).digest


def test_the_blend_is_a_probability_rising_with_either_model_and_asked_only_in_the_band():
    weights = small_weights()
    assert weights.uncertain(np.array([0.1, 0.2, 0.5, 0.8, 0.9])).tolist() == [False, True, True, True, False]
    grid = np.linspace(-6, 6, 13)
    by_trees = weights.blended(grid, np.zeros_like(grid))
    by_reader = weights.blended(np.zeros_like(grid), grid)
    assert np.all(np.diff(by_trees) > 0) and np.all(np.diff(by_reader) > 0)
    assert np.all((by_trees > 0) & (by_trees < 1))


class CountingReader(PairReader):
    """A PairReader whose model is replaced: it records what the judge asks and answers a fixed log-odds."""

    def __init__(self, weights: ReaderWeights, answer: float):
        super().__init__(weights, Path("no-models"), lambda message: None)
        self.answer, self.asked = answer, []

    def log_odds(self, pairs):
        self.asked.extend(pairs)
        return np.full(len(pairs), self.answer)


def test_the_judge_asks_the_reader_only_where_its_trees_are_unsure(fake_encoder):
    texts = ["The council approved the budget on Monday.", "On Monday the council approved the budget.",
             "The mayor said the vote was a victory for the city.", "Heavy rain is expected across the region."]
    claims = [ClaimInput(t) for t in texts]
    vectors = fake_encoder.encode(texts)
    pairs = [(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))]
    trees_alone = ClaimJudge(claims, vectors).similarities(pairs)
    weights = small_weights()
    reader = CountingReader(weights, answer=3.0)
    judge = ClaimJudge(claims, vectors, reader=reader)
    scores = judge.similarities(pairs)
    unsure = weights.uncertain(trees_alone)
    assert unsure.any() and not unsure.all(), trees_alone  # the example has pairs on both sides of the band
    assert sorted(reader.asked) == sorted((texts[i], texts[j]) for (i, j), u in zip(pairs, unsure) if u)
    assert np.allclose(scores[~unsure], trees_alone[~unsure])
    log_odds = judge.model.similarity_log_odds(np.array([judge.features(i, j) for i, j in pairs]))
    assert np.allclose(scores[unsure], weights.blended(log_odds[unsure], np.full(unsure.sum(), 3.0)))


@pytest.mark.model
@pytest.mark.skipif(not READER_PATH.exists(), reason="the reader is trained by benchmarks/train_reader.py")
def test_the_shipped_reader_reads_both_ways_round_and_ranks_a_paraphrase_above_another_fact(session_cache_dir):
    reader = PairReader.bundled(session_cache_dir, lambda message: None)
    same = ("Xi Jinping arrived in Kazakhstan on Wednesday, his first trip abroad since the pandemic began.",
            "China's leader landed in Kazakhstan on Wednesday on his first foreign trip since the start of the "
            "pandemic.")
    other = (same[0], "Putin and Xi last met in Beijing in February, weeks before Russia invaded Ukraine.")
    scores = reader.log_odds([same, other, same[::-1]])
    assert scores[0] > scores[1] + 2
    assert scores[0] == pytest.approx(scores[2])


@pytest.mark.model
@pytest.mark.skipif(not READER_PATH.exists(), reason="the reader is trained by benchmarks/train_reader.py")
def test_the_int8_reader_scores_as_the_merged_torch_model_does(session_cache_dir):
    """The conversion merges the deltas into the bundled weights: the quantised model's log-odds stay close to the
    full-precision model's."""
    torch = pytest.importorskip("torch")
    from tokenizers import Tokenizer

    from claimdiff.embed import DEFAULT_MODEL, resolve_model_path
    from claimdiff.judge.reader import reader_module

    weights = ReaderWeights.load()
    folder = Path(resolve_model_path(DEFAULT_MODEL))
    module, _ = reader_module(weights, folder)
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_padding()  # the file pads to a fixed length
    pairs = [("The bridge reopened on Friday after two years of repairs.", "After two years of repairs the bridge "
              "reopened Friday."), ("Stocks fell sharply.", "The senator said she would vote against the bill.")]
    expected = []
    with torch.no_grad():
        for a, b in pairs:
            both = []
            for first, second in ((a, b), (b, a)):
                encoding = tokenizer.encode(first, second)
                feed = {"input_ids": torch.tensor([encoding.ids]), "attention_mask": torch.ones(1, len(encoding.ids),
                                                                                                dtype=torch.long),
                        "token_type_ids": torch.tensor([encoding.type_ids])}
                both.append(float(module(**feed)))
            expected.append(sum(both) / 2)
    got = PairReader(weights, session_cache_dir, lambda message: None).log_odds(pairs)
    assert np.allclose(got, expected, atol=0.3)


@pytest.mark.skipif(not READER_PATH.exists(), reason="the reader is trained by benchmarks/train_reader.py")
def test_a_report_made_with_the_reader_is_never_served_for_one_without_it():
    from claimdiff.pipeline import CompareOptions, _report_key

    without, with_reader = CompareOptions(), CompareOptions(reader=READER_PATH)
    assert _report_key([], without, None) != _report_key([], with_reader, None)
    assert _report_key([], with_reader, None) == _report_key([], CompareOptions(reader=READER_PATH), None)
