"""Closed word classes the judge checks by name: negation, hedges, titles and roles, antonyms, dates.

Small curated lists rather than a model: these classes are closed and well known, and a list makes every
verdict explainable ("fully" is a hedge; "fellow" and "researcher" are titles).
"""

from __future__ import annotations

from types import MappingProxyType

from claimdiff.language.numbers import ENGLISH_MONTHS, ENGLISH_WEEKDAYS
from typing import Mapping

NEGATIONS = {"not", "n't", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "nowhere",
             "cannot"}

# Verbs that deny what follows them: "failed to capture" says the capture did not happen.
NEGATING_VERBS = {"fail", "refuse", "decline", "neglect"}

# Modality, certainty and intensity: words that change how strongly a fact is asserted. Manner and extent
# ("openly gay", "widely popular", "publicly criticised") describe the fact instead, and are not here.
HEDGES = {
    "may", "might", "could", "should", "must", "possibly", "probably", "likely", "unlikely",
    "reportedly", "allegedly", "apparently", "seemingly", "perhaps", "maybe", "presumably", "supposedly",
    "fully", "strongly", "firmly", "partially", "partly", "largely", "mostly", "completely", "totally", "entirely",
    "definitely", "certainly", "clearly",
    "almost", "nearly", "approximately", "roughly", "virtually", "slightly", "somewhat", "highly", "deeply",
    "tacitly", "unconditionally", "firm", "full", "partial", "total",
    "suspected", "alleged", "purported", "apparent", "possible", "probable", "potential",
}

# Words that present an act as expected, planned or possible rather than done ("is expected to plead guilty" /
# "pleaded guilty", "plans to file charges" / "has been indicted"): reports of one fact at two stages differ here.
PROSPECTIVE = {"will", "would", "may", "might", "could", "expect", "expected", "plan", "planned", "intend", "likely",
               "propose", "proposed", "consider", "seek", "reportedly", "allegedly", "possible", "potential"}

# Words that say a figure is approximate: any one of them means the same as any other ("around" and "about"
# only as adverbs before a number, not as prepositions).
APPROXIMATORS = {"approximately", "roughly", "around", "about", "some", "circa"}

# Specific titles and roles; a change between two of them ("senior researcher" -> "senior fellow") is checkable.
TITLES = {
    "president", "vice", "prime", "minister", "secretary", "chancellor", "premier", "king", "queen", "prince",
    "princess", "governor", "mayor", "senator", "congressman", "congresswoman", "representative", "lawmaker",
    "legislator", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "director", "chairman",
    "chairwoman", "chair", "chief", "ceo", "cfo", "coo", "founder", "cofounder", "co-founder", "executive",
    "manager", "professor", "lecturer", "researcher", "fellow", "scholar", "analyst", "economist", "scientist",
    "editor", "reporter", "correspondent", "journalist", "columnist", "commentator", "adviser", "advisor", "aide",
    "officer", "general", "colonel", "commander", "admiral", "lieutenant", "sergeant", "captain", "major",
    "judge", "justice", "attorney", "lawyer", "prosecutor", "sheriff", "detective", "inspector", "deputy",
    "assistant", "associate", "senior", "junior", "acting", "former", "interim", "emeritus", "speaker",
    "treasurer", "commissioner", "superintendent", "dean", "provost", "rector", "bishop", "pope", "cardinal",
    "archbishop", "rabbi", "imam", "coach", "owner", "partner", "president-elect", "nominee", "candidate",
    "premier", "chancellor", "marshal", "councillor", "councilman", "councilwoman", "alderman", "delegate",
    # professions: "astronomers found" / "biologists found" is a claim about who
    "astronomer", "biologist", "chemist", "physicist", "geologist", "doctor", "physician", "surgeon", "nurse",
    "teacher", "engineer", "architect", "pilot", "soldier", "firefighter", "farmer", "historian", "archaeologist",
    "epidemiologist", "psychologist", "sociologist", "mathematician", "paramedic", "pharmacist", "veterinarian",
}
TITLE_ABBREVIATIONS = {
    "sen": "senator", "sens": "senator", "senators": "senator", "rep": "representative", "reps": "representative",
    "gov": "governor", "govs": "governor", "pres": "president", "gen": "general", "lt": "lieutenant",
    "col": "colonel", "sgt": "sergeant", "capt": "captain", "adm": "admiral", "maj": "major", "amb": "ambassador",
    "prof": "professor", "supt": "superintendent", "sec": "secretary", "atty": "attorney", "cmdr": "commander",
    # one title in its gendered or neutral forms
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair", "spokesman": "spokesperson",
    "spokeswoman": "spokesperson", "congressman": "representative", "congresswoman": "representative",
    "councilman": "councillor", "councilwoman": "councillor", "councilor": "councillor", "advisor": "adviser",
}
# Words that rank or qualify a title rather than name one: "deputy mayor", "former senator".
TITLE_RANKS = {"former", "acting", "interim", "senior", "junior", "deputy", "assistant", "associate", "vice",
               "emeritus", "late", "co"}
# Titles too generic to contradict a specific one ("Chinese leader Xi" vs "Chinese President Xi").
GENERIC_TITLES = {"leader", "official", "head", "member", "figure", "boss", "chief"}

_ANTONYM_PAIRS = [
    ("increase", "decrease"), ("increase", "cut"), ("increase", "reduce"), ("rise", "fall"), ("rise", "drop"),
    ("rise", "decline"), ("raise", "lower"), ("gain", "lose"), ("win", "lose"), ("victory", "defeat"),
    ("accept", "reject"), ("approve", "reject"), ("approve", "veto"), ("support", "oppose"), ("agree", "disagree"),
    ("allow", "ban"), ("allow", "forbid"), ("allow", "prohibit"), ("permit", "ban"), ("legal", "illegal"),
    ("strengthen", "weaken"), ("expand", "shrink"), ("expand", "contract"), ("open", "close"), ("guilty", "innocent"),
    ("confirm", "deny"), ("admit", "deny"), ("success", "failure"), ("succeed", "fail"), ("lift", "impose"),
    ("begin", "end"), ("start", "stop"), ("start", "end"), ("ally", "enemy"), ("friend", "foe"), ("friend", "enemy"),
    ("majority", "minority"), ("buy", "sell"), ("import", "export"), ("maximum", "minimum"), ("first", "last"),
    ("higher", "lower"), ("more", "less"), ("more", "fewer"), ("larger", "smaller"), ("above", "below"),
    ("before", "after"), ("up", "down"), ("alive", "dead"), ("survive", "die"), ("hire", "fire"), ("join", "leave"),
    ("arrive", "depart"), ("acquit", "convict"), ("include", "exclude"), ("praise", "criticize"),
    ("praise", "condemn"), ("welcome", "condemn"), ("positive", "negative"), ("true", "false"), ("best", "worst"),
    ("strong", "weak"), ("improve", "worsen"), ("boost", "hurt"), ("easy", "difficult"), ("easy", "hard"),
    ("early", "late"), ("past", "future"), ("old", "new"), ("high", "low"), ("full", "empty"), ("peace", "war"),
    ("democrat", "republican"), ("liberal", "conservative"), ("north", "south"), ("east", "west"),
    ("near", "far"), ("day", "night"), ("add", "remove"), ("inside", "outside"), ("young", "old"),
    ("big", "small"), ("large", "small"), ("tall", "short"), ("long", "short"), ("fast", "slow"), ("wet", "dry"),
    ("hot", "cold"), ("light", "dark"), ("asleep", "awake"), ("sit", "stand"), ("happy", "sad"), ("push", "pull"),
    ("enter", "exit"), ("top", "bottom"), ("front", "back"), ("left", "right"), ("on", "off"), ("finish", "start"),
    ("always", "never"), ("everyone", "nobody"), ("many", "few"), ("decline", "increase"), ("decline", "rise"),
    ("decline", "grow"), ("growth", "decline"), ("struggle", "thrive"), ("add", "reduce"), ("gain", "loss"),
    ("profit", "loss"), ("surplus", "deficit"), ("rich", "poor"), ("cheap", "expensive"), ("safe", "dangerous"),
    ("succeed", "fail"), ("win", "defeat"), ("pass", "fail"), ("accept", "refuse"), ("agree", "refuse"),
    ("shut", "open"), ("close", "reopen"), ("lift", "ban"),
    ("arrive", "leave"), ("float", "sink"), ("awake", "sleep"), ("sell", "purchase"),
    ("attack", "defend"), ("encourage", "discourage"), ("support", "undermine"), 
    ("boost", "cut"), ("boost", "reduce"), ("legal", "unlawful"),
    ("outdoors", "indoors"), ("hit", "miss"), ("strike", "miss"),
    ("deny", "grant"), ("alone", "together"), ("allow", "block"), ("approve", "block"), ("raise", "cut"),
    ("most", "least"), ("highest", "lowest"), ("distant", "nearby"), ("distant", "near"), ("voluntary", "mandatory"),
    ("optional", "mandatory"), ("voluntary", "compulsory"), ("reveal", "conceal"), ("reveal", "hide"),
    ("spur", "hinder"), ("help", "hinder"), ("forward", "backward"), ("forwards", "backwards"),
    ("ahead", "behind"), ("boom", "bust"), ("secret", "public"), ("secretly", "publicly"), ("private", "public"), ("privately", "publicly"),
]
# A descriptive detail of a closed class: one colour for another is a checkable difference ("blue paint" /
# "white paint"), not a paraphrase.
COLOURS = {"red", "orange", "yellow", "green", "blue", "purple", "violet", "pink", "brown", "black", "white", "grey",
           "gray", "gold", "golden", "silver", "beige", "turquoise", "crimson", "scarlet", "maroon", "navy"}
# What happened to people, what they were accused of, what made them ill, what kind of incident it was: closed
# classes of news facts, where one member for another is a checkable difference ("killed" / "injured",
# "manslaughter" / "murder", "arrested" / "acquitted", "explosion" / "collapse"). Each entry is one meaning (its
# words say the same: "killed" / "dead"); words that name the class in general ("casualties", "accident") are
# not listed, so they never differ from a member.
DETAIL_CLASSES = {
    "outcome": [
        {"kill", "killed", "dead", "die", "died", "death", "fatality", "fatalities", "slain", "perish", "perished"},
        {"injure", "injured", "wound", "wounded", "hurt", "injury", "injuries"},
        {"missing"}, {"trap", "trapped"}, {"strand", "stranded"}, {"rescue", "rescued"},
        {"hospitalize", "hospitalized", "hospitalise", "hospitalised"}, {"sick", "ill", "unwell", "sicken", "sickened"},
        {"evacuate", "evacuated"},
        {"arrest", "arrested", "detain", "detained", "apprehend", "apprehended"},
        {"charge", "charged", "indict", "indicted"}, {"convict", "convicted"},
        {"acquit", "acquitted", "exonerate", "exonerated"}, {"sentence", "sentenced"},
        {"jail", "jailed", "imprison", "imprisoned"}, {"release", "released", "free", "freed"},
        {"pardon", "pardoned"}, {"fine", "fined"},
    ],
    "offence": [
        {"murder"}, {"manslaughter"}, {"assault"}, {"fraud"}, {"theft"}, {"robbery"}, {"burglary"}, {"bribery"},
        {"corruption"}, {"rape"}, {"kidnapping", "abduction"}, {"terrorism"}, {"treason"}, {"espionage"},
        {"perjury"}, {"embezzlement"}, {"extortion"}, {"arson"}, {"trafficking"}, {"smuggling"}, {"laundering"},
        {"evasion"}, {"harassment"}, {"stalking"},
    ],
    "illness": [
        {"flu", "influenza"}, {"covid", "covid-19", "coronavirus"}, {"measles"}, {"mumps"}, {"rsv"},
        {"tuberculosis", "tb"}, {"cholera"}, {"ebola"}, {"malaria"}, {"hiv", "aids"}, {"polio"}, {"pneumonia"},
        {"dengue"}, {"zika"}, {"mpox", "monkeypox"}, {"smallpox"}, {"hepatitis"}, {"meningitis"}, {"typhoid"},
        {"diphtheria"}, {"cancer"}, {"diabetes"},
    ],
    "incident": [
        {"explosion", "blast", "explode", "exploded"}, {"fire", "blaze"}, {"collapse", "collapsed", "cave-in"},
        {"flood", "flooding"}, {"earthquake", "quake"}, {"landslide", "mudslide", "rockslide"}, {"shooting"},
        {"stabbing"}, {"crash", "crashed"}, {"derailment", "derail", "derailed"}, {"collision", "collide", "collided"},
    ],
    # Who or what was affected: people, or animals of some kind.
    "being": [
        {"human", "humans", "person", "people"}, {"animal", "animals"}, {"bird", "birds", "poultry", "chicken",
                                                                           "chickens"},
        {"pig", "pigs", "swine"}, {"cattle", "cow", "cows"}, {"dog", "dogs"}, {"cat", "cats"}, {"fish"},
    ],
    # Where: kinds of building and institution a report places people in.
    "building": [
        {"school", "schools"}, {"home", "homes", "house", "houses"}, {"hospital", "hospitals"},
        {"church", "churches"}, {"mosque", "mosques"}, {"synagogue", "synagogues"}, {"temple", "temples"},
        {"office", "offices"}, {"factory", "factories"}, {"hotel", "hotels"}, {"restaurant", "restaurants"},
        {"university", "universities"}, {"embassy", "embassies"},
    ],
    # Business figures and securities, which reports confuse: sales are not profits, bonds are not stocks.
    "finance": [
        {"sales", "revenue", "revenues", "turnover"}, {"profit", "profits", "earnings"}, {"loss", "losses"},
        {"debt", "debts"}, {"dividend", "dividends"}, {"bond", "bonds"},
        {"stock", "stocks", "share", "shares", "equity", "equities"}, {"loan", "loans"}, {"mortgage", "mortgages"},
    ],
    # Without a number ("for hours" / "for minutes"): with one, the quantities are compared as amounts.
    "duration": [
        {"second", "seconds"}, {"minute", "minutes"}, {"hour", "hours"}, {"day", "days"}, {"week", "weeks"},
        {"month", "months"}, {"year", "years"}, {"decade", "decades"}, {"century", "centuries"},
    ],
}
# word -> (class, meaning number)
DETAIL_WORDS: dict[str, tuple[str, int]] = {word: (kind, n) for kind, meanings in DETAIL_CLASSES.items()
                                            for n, meaning in enumerate(meanings) for word in meaning}

# Who: the same role held by another kind of person. A swap is a different subject, not an opposite claim.
_COUNTERPART_PAIRS = [
    ("man", "woman"), ("men", "women"), ("boy", "girl"), ("male", "female"), ("king", "queen"),
    ("gentleman", "lady"), ("he", "she"), ("his", "her"),
]
# Kinship: one relative named for another ("his brother" / "his wife") is another person.
_KIN = ["brother", "sister", "husband", "wife", "son", "daughter", "father", "mother", "uncle", "aunt", "nephew",
        "niece", "cousin", "grandfather", "grandmother", "grandson", "granddaughter", "fiance", "fiancee",
        "girlfriend", "boyfriend", "stepfather", "stepmother", "stepson", "stepdaughter"]
_COUNTERPART_PAIRS += [(x, y) for n, x in enumerate(_KIN) for y in _KIN[n + 1 :]]


def _both_ways(pairs: list[tuple[str, str]]) -> Mapping[str, frozenset[str]]:
    """Each word of the pairs with the words it is paired with, either way round (read-only)."""
    out: dict[str, set[str]] = {}
    for x, y in pairs:
        out.setdefault(x, set()).add(y)
        out.setdefault(y, set()).add(x)
    return MappingProxyType({word: frozenset(others) for word, others in out.items()})


COUNTERPARTS = _both_ways(_COUNTERPART_PAIRS)
ANTONYMS = _both_ways(_ANTONYM_PAIRS)

_NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")


def base_forms(word: str) -> set[str]:
    """The word and the verbs it may be a participle of: the tagger lemmatises "thriving" as an adjective, but
    as an opposite of "struggling" it is the verb "thrive"."""
    forms = {word}
    for ending in ("ing", "ed"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3:
            forms |= {stem, stem + "e"}
            if len(stem) >= 4 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])  # "stopped" -> "stop"
    return forms


def are_antonyms(x: str, y: str) -> bool:
    """Listed antonyms, or one word the negated form of the other ("likely"/"unlikely", "legal"/"illegal")."""
    if any(y_form in ANTONYMS.get(x_form, ()) for x_form in base_forms(x) for y_form in base_forms(y)):
        return True
    for prefix in _NEGATING_PREFIXES:
        for short, long in ((x, y), (y, x)):
            if len(short) >= 4 and short.isalpha() and long in (prefix + short, prefix + "-" + short):
                return True  # not "3" / "in-3" ("1-in-3 chance")
    return False


MONTHS, WEEKDAYS = ENGLISH_MONTHS, ENGLISH_WEEKDAYS  # kept with the readers of dates in several languages

# News names a government by its capital ("Beijing said", "Moscow denied"): not a different place or actor.
CAPITALS = {
    "beijing": "china", "moscow": "russia", "washington": "us", "kyiv": "ukraine", "kiev": "ukraine",
    "london": "britain", "paris": "france", "berlin": "germany", "tokyo": "japan", "seoul": "korea",
    "pyongyang": "korea", "tehran": "iran", "ankara": "turkey", "delhi": "india", "islamabad": "pakistan",
    "kabul": "afghanistan", "baghdad": "iraq", "damascus": "syria", "riyadh": "saudi", "cairo": "egypt",
    "jerusalem": "israel", "brussels": "eu", "rome": "italy", "madrid": "spain", "ottawa": "canada",
    "canberra": "australia", "brasilia": "brazil", "taipei": "taiwan", "astana": "kazakhstan",
    "tashkent": "uzbekistan", "bishkek": "kyrgyzstan", "dushanbe": "tajikistan", "minsk": "belarus",
    "warsaw": "poland", "caracas": "venezuela", "havana": "cuba", "mexico": "mexico", "hanoi": "vietnam",
}

# US party tags in news ("Mike Enzi (R-Wyo.)", "Steve Israel, D-N.Y.", "Liz Cheney (R)"): the letter names the party.
PARTY_LETTERS = {"R": "republican", "D": "democrat", "I": "independent"}
# Abbreviated place words ("Ft. Myers" is Fort Myers).
PLACE_ABBREVIATIONS = {"ft": "fort", "st": "saint", "mt": "mount", "pt": "point"}
