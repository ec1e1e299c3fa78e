"""Where the heavy work runs: embedding the claims and searching each claim's nearest claims in other sources.

An engine gives `encoder` and `candidate_pairs(sources, vectors)`. The local engine runs both in this process;
the Dask engine (engines/dask.py, `--cluster`) runs them on a cluster's workers with the same results. Reading,
splitting, judging and grouping always run here.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

from claimdiff.align.candidates import candidate_pairs
from claimdiff.context import Context
from claimdiff.embed import Encoder, load_encoder

CandidateSearch = Callable[[list[str], np.ndarray], set[tuple[int, int]]]


@dataclass
class Engine:
    encoder: Encoder
    candidate_pairs: CandidateSearch


@contextmanager
def open_engine(model: str, backend: str, context: Context, cluster: str | None = None,
                encoder: Encoder | None = None) -> Iterator[Engine]:
    """The engine for a run: here, or on the Dask cluster at `cluster` ("local" starts one on this machine).
    `encoder`, when given, embeds instead of `model` (tests pass a fake)."""
    if cluster is None:
        yield Engine(encoder or load_encoder(model, backend, context.cache, context.models_dir, context.notify),
                     candidate_pairs)
        return
    from claimdiff.engines.dask import candidate_search, cluster_client, dask_encoder

    with cluster_client(cluster) as client:
        yield Engine(encoder or dask_encoder(client, model, backend, context), candidate_search(client))
