"""Abbreviations news writes for first-level divisions ("CHICAGO, Ill. (AP)", "Sacramento, Calif."):
the AP stylebook's forms for US states and the usual ones for Canadian provinces and Australian states; and
the demonyms of the divisions that are nations of their own (England, Scotland, Wales). The packaged division
data has the full names only; these become alternate names (and demonyms) of the matching division at build
time.
"""

from __future__ import annotations

DIVISION_ABBREVIATIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("US", "Alabama"): ("Ala.",),
    ("US", "Arizona"): ("Ariz.",),
    ("US", "Arkansas"): ("Ark.",),
    ("US", "California"): ("Calif.", "Cal."),
    ("US", "Colorado"): ("Colo.",),
    ("US", "Connecticut"): ("Conn.",),
    ("US", "Delaware"): ("Del.",),
    ("US", "Florida"): ("Fla.",),
    ("US", "Georgia"): ("Ga.",),
    ("US", "Illinois"): ("Ill.",),
    ("US", "Indiana"): ("Ind.",),
    ("US", "Kansas"): ("Kan.", "Kans."),
    ("US", "Kentucky"): ("Ky.",),
    ("US", "Louisiana"): ("La.",),
    ("US", "Maryland"): ("Md.",),
    ("US", "Massachusetts"): ("Mass.",),
    ("US", "Michigan"): ("Mich.",),
    ("US", "Minnesota"): ("Minn.",),
    ("US", "Mississippi"): ("Miss.",),
    ("US", "Missouri"): ("Mo.",),
    ("US", "Montana"): ("Mont.",),
    ("US", "Nebraska"): ("Neb.", "Nebr."),
    ("US", "Nevada"): ("Nev.",),
    ("US", "New Hampshire"): ("N.H.",),
    ("US", "New Jersey"): ("N.J.",),
    ("US", "New Mexico"): ("N.M.",),
    ("US", "New York"): ("N.Y.",),
    ("US", "North Carolina"): ("N.C.",),
    ("US", "North Dakota"): ("N.D.",),
    ("US", "Oklahoma"): ("Okla.",),
    ("US", "Oregon"): ("Ore.",),
    ("US", "Pennsylvania"): ("Pa.",),
    ("US", "Rhode Island"): ("R.I.",),
    ("US", "South Carolina"): ("S.C.",),
    ("US", "South Dakota"): ("S.D.",),
    ("US", "Tennessee"): ("Tenn.",),
    ("US", "Vermont"): ("Vt.",),
    ("US", "Virginia"): ("Va.",),
    ("US", "Washington"): ("Wash.",),
    ("US", "West Virginia"): ("W.Va.", "W. Va."),
    ("US", "Wisconsin"): ("Wis.", "Wisc."),
    ("US", "Wyoming"): ("Wyo.",),
    ("US", "District of Columbia"): ("D.C.", "DC"),
    ("CA", "British Columbia"): ("B.C.", "BC"),
    ("CA", "Alberta"): ("Alta.",),
    ("CA", "Saskatchewan"): ("Sask.",),
    ("CA", "Manitoba"): ("Man.",),
    ("CA", "Ontario"): ("Ont.",),
    ("CA", "Quebec"): ("Que.",),
    ("CA", "Nova Scotia"): ("N.S.",),
    ("CA", "New Brunswick"): ("N.B.",),
    ("CA", "Newfoundland and Labrador"): ("Nfld.", "N.L."),
    ("CA", "Prince Edward Island"): ("P.E.I.", "PEI"),
    # Only the forms nothing else is written as: "WA", "SA", "Vic" and "NT" name other things as often.
    ("AU", "New South Wales"): ("NSW", "N.S.W."),
    ("AU", "Queensland"): ("Qld", "QLD", "Qld."),
    ("AU", "Tasmania"): ("Tas.",),
}
"""(country code, division name as in the packaged data) -> abbreviations."""

DIVISION_DEMONYMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("GB", "England"): ("English", "Englishman", "Englishmen", "Englishwoman", "Englishwomen"),
    ("GB", "Scotland"): ("Scottish", "Scot", "Scots"),
    ("GB", "Wales"): ("Welsh", "Welshman", "Welshmen", "Welshwoman", "Welshwomen"),
    ("GB", "Northern Ireland"): ("Northern Irish",),
}
"""(country code, division name as in the packaged data) -> demonyms: the Factbook gives the United Kingdom's
("British") only."""
