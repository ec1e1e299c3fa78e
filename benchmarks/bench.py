"""What the benchmarks share when they run the pipeline's parts directly: one context with the user's cache (so a
second run parses and embeds only what is new), the cached default encoder and the shipped pair reader."""

from __future__ import annotations

from functools import lru_cache

from claimdiff.context import Context
from claimdiff.embed import load_encoder
from claimdiff.judge.reader import PairReader


@lru_cache(maxsize=1)
def context() -> Context:
    return Context.create(cache=True)


@lru_cache(maxsize=1)
def encoder():
    ctx = context()
    return load_encoder(cache=ctx.cache, models_dir=ctx.models_dir, notify=ctx.notify)


@lru_cache(maxsize=1)
def reader() -> PairReader | None:
    """The shipped pair reader, asked where the trees are unsure (None where it is not trained)."""
    ctx = context()
    return PairReader.bundled(ctx.models_dir, ctx.notify)
