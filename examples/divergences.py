"""Print one tab-separated line per typed difference between the articles given on the command line."""

import sys

from claimdiff import compare


def main(paths: list[str]) -> None:
    report = compare(paths)
    print("group\tkind\tsource_a\twords_a\tsource_b\twords_b")
    for group in report.groups:
        for pair in group.pairs:
            a, b = report.claim(pair.a), report.claim(pair.b)
            for difference in pair.differences:
                print(f"{group.id}\t{difference.kind}\t{a.source}\t{difference.a}\t{b.source}\t{difference.b}")


if __name__ == "__main__":
    main(sys.argv[1:])
