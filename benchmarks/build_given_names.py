"""Write claimdiff/language/given_names.txt, the given names that tell a person's gender ("Joseph" is "he",
"Susan" is "she"), which the speaker attribution reads so that "she said" is not given to a Joseph named just
before. From the name data that nomquamgender packages (given names counted by gender in dozens of sources
from many countries): names seen at least 1,000 times in at least 10 sources, borne by one gender in 95 of 100 uses or
more. Names both genders bear ("Lindsey", "Kim", "Jean", "Taylor") and the family names written first in Chinese
and Korean names ("Li", "Xi", "Park") fall short of that and are left out: for those the article's own words
decide, or nothing does.

    pip install --no-deps nomquamgender==0.1.4 && python benchmarks/build_given_names.py
"""

from __future__ import annotations

import json
from importlib.metadata import distribution
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "claimdiff" / "language" / "given_names.txt"
MIN_COUNT = 1000
MIN_SOURCES = 10
ONE_GENDER_SHARE = 0.95
HEADER = f"""\
# Given names that tell a person's gender, one per line (lower case), then a tab and the pronoun ("he" or "she").
# News refers back to a person by "he" or "she"; where two people were just named, a reader knows that "she said"
# is not Joseph's. Names seen at least {MIN_COUNT:,} times in at least {MIN_SOURCES} sources and borne by one gender in at least
# {ONE_GENDER_SHARE:.0%} of their uses; names both genders bear ("lindsey", "kim", "jean") are left out.
# Source: the name-gender data of nomquamgender 0.1.4 (Van Buskirk, Clauset and Larremore, MIT licence);
# written by benchmarks/build_given_names.py.
"""


def main() -> None:
    # Read the package's data file directly: importing the package would pull in pandas for nothing.
    data = json.loads(distribution("nomquamgender").locate_file("nomquamgender/name_data.json").read_text())
    lines = []
    for name, (sources, count, share_female, *_) in sorted(data.items()):
        if not (name.isascii() and name.isalpha()) or count < MIN_COUNT or sources < MIN_SOURCES:
            continue
        if share_female >= ONE_GENDER_SHARE:
            lines.append(f"{name}\tshe")
        elif share_female <= 1 - ONE_GENDER_SHARE:
            lines.append(f"{name}\the")
    TARGET.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} given names written to {TARGET}")


if __name__ == "__main__":
    main()
