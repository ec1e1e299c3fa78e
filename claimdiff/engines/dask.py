"""Embedding and candidate search on a Dask cluster, for desks comparing tens of thousands of articles.

    claimdiff compare --cluster tcp://scheduler:8786 DIR/    # an existing Dask cluster
    claimdiff compare --cluster local DIR/                   # a cluster of worker processes on this machine

Texts are embedded in partitions on the workers (each loads the model once), and the nearest-neighbour search
runs block by block on them (see align/candidates.py); reading, splitting, judging and grouping stay here. The
results are those of the local path. Needs the `distributed` extra: pip install 'claimdiff[distributed]'.
"""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np

from claimdiff.align.candidates import block_pairs, blocks, merge, prepare
from claimdiff.errors import ClaimdiffError

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # without the extra: cluster_client says what to install
    WorkerPlugin = object  # type: ignore[assignment,misc]

PARTITION = 2048  # texts per embedding task
CONNECT_TIMEOUT = "30s"


@contextmanager
def cluster_client(address: str):
    """A Dask client for `address` ("local" starts a cluster on this machine, closed afterwards)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClaimdiffError("--cluster needs Dask: pip install 'claimdiff[distributed]'") from None
    if address == "local":
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster, \
                Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except OSError as error:
        raise ClaimdiffError(f"--cluster {address}: cannot reach the scheduler ({error})") from None
    with client:
        yield client


class WorkerEncoders(WorkerPlugin):
    """A Dask worker plugin: each worker keeps the encoders it has loaded (once per model and backend)."""

    name = "claimdiff-encoders"

    def __init__(self) -> None:
        self.encoders: dict[tuple[str, str], object] = {}

    def setup(self, worker) -> None:
        self.encoders = {}

    def encoder(self, model: str, backend: str):
        from claimdiff.embed import load_encoder

        if (model, backend) not in self.encoders:
            self.encoders[model, backend] = load_encoder(model, backend)
        return self.encoders[model, backend]


class DaskEncoder:
    """Embeds on the cluster's workers, a partition of texts per task."""

    def __init__(self, client, model: str, backend: str):
        from claimdiff.embed import is_default_model, load_basis

        self.client, self.model, self.backend = client, model, backend
        self.name = model
        self.basis = load_basis() if is_default_model(model) else None  # what the workers project tokens with
        client.register_plugin(WorkerEncoders())

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        futures = self.client.map(_encode_part, self._parts(texts), model=self.model, backend=self.backend)
        return np.concatenate(self.client.gather(futures))

    def encode_with_tokens(self, texts: list[str]):
        if not texts:
            return np.zeros((0, 0), dtype=np.float32), []
        futures = self.client.map(_encode_part_with_tokens, self._parts(texts), model=self.model,
                                  backend=self.backend)
        results = self.client.gather(futures)
        return np.concatenate([vectors for vectors, _ in results]), [t for _, tokens in results for t in tokens]

    @staticmethod
    def _parts(texts: list[str]) -> list[list[str]]:
        return [texts[k : k + PARTITION] for k in range(0, len(texts), PARTITION)]


def dask_encoder(client, model: str, backend: str, context):
    """The cluster encoder, behind this machine's embedding cache when the context has one."""
    from claimdiff.embed import resolve_model_path, vector_identity

    encoder = DaskEncoder(client, model, backend)
    if context.cache is None:
        return encoder
    from claimdiff.embed.cached import CachedEncoder

    return CachedEncoder(encoder, vector_identity(model, resolve_model_path(model), backend), context.cache)


def _worker_encoder(model: str, backend: str):
    from distributed import get_worker

    return get_worker().plugins[WorkerEncoders.name].encoder(model, backend)


def _encode_part(texts: list[str], model: str, backend: str) -> np.ndarray:
    return _worker_encoder(model, backend).encode(texts)


def _encode_part_with_tokens(texts: list[str], model: str, backend: str):
    from claimdiff.embed import encode_with_tokens

    return encode_with_tokens(_worker_encoder(model, backend), texts)


def candidate_search(client):
    """candidate_pairs (see align/candidates.py) with the blocks of rows searched on the cluster."""

    def candidate_pairs(sources: list[str], vectors: np.ndarray) -> set[tuple[int, int]]:
        search = prepare(sources, vectors)
        if search is None:
            return set()
        shared = client.scatter(search, broadcast=True)
        starts = list(blocks(search))
        return merge(client.gather(client.map(block_pairs, [shared] * len(starts), starts)))

    return candidate_pairs
