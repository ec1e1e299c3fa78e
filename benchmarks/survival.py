"""Does a link between two articles survive adding a third? For BASIL stories: compare two of the three articles,
then all three, and count the claims of the first two grouped together in the two-way comparison that are still
grouped together in the three-way one.

    python benchmarks/survival.py [N]     # N stories (default 20)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaldata  # noqa: E402


def linked_pairs(report, sources: set[str]) -> set[tuple[str, str]]:
    """Pairs of claim texts (by source order) of `sources` that share a group."""
    pairs = set()
    by_id = {c.id: c for c in report.claims}
    for group in report.groups:
        members = [by_id[c] for c in group.claims if by_id[c].source in sources]
        for x in members:
            for y in members:
                if x.source < y.source:
                    pairs.add((x.source, x.start, y.source, y.start))
    return pairs


def main() -> None:
    import bench
    from claimdiff.pipeline import CompareOptions, compare

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    options = CompareOptions(encoder=bench.encoder())
    triplets = evaldata.basil_triplets()
    kept = total = 0
    for name in sorted(triplets)[:count]:
        with tempfile.TemporaryDirectory() as folder:
            paths = [str(p) for p in evaldata.write_basil_triplet(triplets[name], Path(folder))]
            two = compare(paths[:2], options)
            three = compare(paths, options)
        ids_two = {s.id for s in two.sources}
        before = linked_pairs(two, ids_two)
        after = linked_pairs(three, ids_two)
        kept += len(before & after)
        total += len(before)
        print(f"  {name[:8]}: {len(before & after)} of {len(before)} links kept", file=sys.stderr, flush=True)
    print(f"links between two articles kept when a third is compared: {kept} of {total} ({kept / max(1, total):.3f})")


if __name__ == "__main__":
    main()
