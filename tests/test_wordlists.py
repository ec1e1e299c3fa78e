"""The judge's word lists: data files that say what they state and where they come from, read as written."""

from importlib.resources import files

import pytest

from claimdiff.judge import lexicon
from claimdiff.judge.differences import same_name
from claimdiff.language.names import pronoun_of_given_name

WORDLISTS = sorted([*(files("claimdiff.judge") / "wordlists").iterdir(),
                    *(p for p in files("claimdiff.language").iterdir() if p.name.endswith(".txt"))],
                   key=lambda path: path.name)


@pytest.mark.parametrize("path", WORDLISTS, ids=lambda path: path.name)
def test_each_list_opens_with_what_it_states_and_where_it_comes_from(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines[:12] if line.startswith("#")]
    assert len(header) >= 2 and lines[0].startswith("#")
    assert any(word in " ".join(header) for word in ("Source:", "Written for claimdiff"))


@pytest.mark.parametrize("path", WORDLISTS, ids=lambda path: path.name)
def test_no_entry_is_listed_twice(path):
    entries = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert len(entries) == len(set(entries))


def test_lists_are_read_into_read_only_classes():
    assert "fellow" in lexicon.TITLES and "researcher" in lexicon.TITLES
    assert lexicon.are_antonyms("rise", "fall") and lexicon.are_antonyms("legal", "illegal")
    assert lexicon.DETAIL_WORDS["killed"] == lexicon.DETAIL_WORDS["dead"] != lexicon.DETAIL_WORDS["injured"]
    assert dict(lexicon.sections("figure_bounds.txt"))["under"][0] == ("almost",)
    with pytest.raises(TypeError):
        lexicon.CAPITALS["atlantis"] = frozenset()  # type: ignore[index]


@pytest.mark.parametrize("capital, country", [("Beijing", "China"), ("Moscow", "Russia"), ("Washington", "US"),
                                              ("Nairobi", "Kenya"), ("Kiev", "Ukraine"), ("Astana", "Kazakhstan")])
def test_a_capital_names_its_country(capital, country):
    capital, country = capital.lower(), country.lower()  # names are compared as the judge reads them
    assert same_name(capital, country) and same_name(country, capital)


@pytest.mark.parametrize("x, y", [("Nairobi", "Uganda"), ("Slovakia", "Slovenia"), ("Beijing", "Taiwan")])
def test_other_places_stay_other_names(x, y):
    assert not same_name(x.lower(), y.lower())


def test_a_given_name_one_gender_bears_tells_the_pronoun_and_a_shared_or_family_name_does_not():
    assert pronoun_of_given_name("Joseph Crowley") == "he" and pronoun_of_given_name("Nancy Pelosi") == "she"
    assert pronoun_of_given_name("Andrés Manuel López Obrador") == "he"  # read without accents
    # Names both genders bear, family names written first, and a family name alone tell nothing.
    assert pronoun_of_given_name("Lindsey Graham") is None and pronoun_of_given_name("Kim Jong Un") is None
    assert pronoun_of_given_name("Li Zhanshu") is None and pronoun_of_given_name("Crowley") is None
