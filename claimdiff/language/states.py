"""US states as news writes them: AP-style abbreviations ("Ariz.", "N.Y."), names and postal codes. Shared by
sentence splitting ("Ariz. Gov. Jan Brewer" is one sentence) and the judge (party tags such as "R-Wyo.", and
"Ark." read as Arkansas when names are compared)."""

AP_STATES = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Kans.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri",
    "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
    "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota", "Okla.": "Oklahoma",
    "Ore.": "Oregon", "Pa.": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
    "Tenn.": "Tennessee", "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington",
    "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}
_UNABBREVIATED_STATES = {"Alaska", "Hawaii", "Idaho", "Iowa", "Maine", "Ohio", "Utah"}
_POSTAL_CODES = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
    "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA",
    "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
}
# As they appear in a party tag ("R-Wyo.", "D-N.Y.", "R-Texas", "D-CA"), without the final full stop.
US_STATES = ({abbreviation.rstrip(".") for abbreviation in AP_STATES} | set(AP_STATES.values())
             | _UNABBREVIATED_STATES | _POSTAL_CODES)
# Every state's whole name, folded ("new york", "ohio").
STATE_FULL_NAMES = frozenset(name.lower() for name in AP_STATES.values()) | {s.lower() for s in _UNABBREVIATED_STATES}
# Folded and without full stops ("nh", "ark") -> the state's name, folded.
STATE_NAMES = {abbreviation.replace(".", "").lower(): name.lower() for abbreviation, name in AP_STATES.items()}
