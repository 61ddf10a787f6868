"""Word lists and lexicons of the quantities extractor: bound phrases, change verbs, units, concept words.

Kept apart from the logic in `quantities.py` so that a list can grow without touching the rules that read it.
"""

from __future__ import annotations

import re

# ------------------------------------------------------------------------ bounds: words before a number

MORE_BEFORE = {
    "more than", "over", "above", "at least", "upwards of", "in excess of", "greater than", "higher than",
    "no fewer than", "no less than", "exceeding", "just over", "well over", "more then", "over than", "beyond",
    "a minimum of", "minimum of", "not less than", "at minimum",
}  # fmt: skip
LESS_BEFORE = {
    "less than", "fewer than", "under", "below", "up to", "at most", "no more than", "lower than", "just under",
    "a maximum of", "maximum of", "not more than", "as many as", "as much as", "within", "shy of", "short of",
}  # fmt: skip
APPROX_BEFORE = {
    "about", "around", "approximately", "roughly", "some", "nearly", "almost", "close to", "an estimated",
    "estimated", "circa", "approx", "approx.", "~", "around about", "more or less", "averaged", "averaging",
    "at around", "at about", "just about", "upward of", "or so", "c.", "ca.", "somewhere around", "barely",
}  # fmt: skip
"""("an average of 50 per cent" is an exact figure of a mean, not an approximation.)"""
BOUNDS_AFTER: dict[str, str] = {
    "or more": ">", "or above": ">", "and above": ">", "and over": ">", "or over": ">", "and up": ">",
    "and upwards": ">", "or higher": ">", "or greater": ">", "and counting": ">", "at least": ">",
    "or less": "<", "or fewer": "<", "or under": "<", "or below": "<", "and under": "<", "and below": "<",
    "at most": "<", "at the most": "<", "tops": "<", "max": "<", "at maximum": "<",
    "or so": "~", "or thereabouts": "~", "give or take": "~", "or nearly": "~", "or almost": "~",
}  # fmt: skip
"""Bounds stated after a number or its unit ("500 people or more", "20 or so", "aged 65 and over")."""
HYPHEN_BOUNDS_AFTER = {"plus": ">", "odd": "~", "ish": "~"}
"""Bounds glued to a number by a hyphen: "100-plus members", "20-odd people", "40-ish"."""
UP_VERBS = {
    "rise", "increase", "grow", "gain", "jump", "climb", "surge", "soar", "boost", "raise", "rally", "advance",
    "expand", "lift", "up", "hike", "spike", "rebound", "widen", "improve", "higher", "accelerate",
}  # fmt: skip
DOWN_VERBS = {
    "fall", "drop", "decline", "decrease", "lose", "slip", "cut", "reduce", "shed", "plunge", "sink", "tumble",
    "slide", "ease", "dip", "shrink", "lower", "slump", "down", "fell", "narrow", "plummet", "retreat",
    "contract", "slow", "trim", "crash",
}  # fmt: skip

UNIT_CODES = {
    "USD", "EUR", "GBP", "JPY", "CHF", "CNY", "INR", "RUB", "TRY", "SYP", "AUD", "CAD", "PS", "Nm", "WAR",
    "GB", "TB", "MB", "MW", "GW", "KW", "kW", "kWh", "MWh", "Hz", "GHz", "MHz", "HP", "BTU", "mAh",
    "Fahrenheit", "Celsius", "Kelvin", "F", "C", "W", "V", "μm", "µm",
}  # fmt: skip
"""Upper-case units that the tagger takes for names ("300 PS", "64 GB", "110 JPY")."""
WORD_UNITS = {
    "times", "dollar", "dollars", "euro", "euros", "yen", "yuan", "rupee", "rupees", "shekel", "shekels",
    "ruble", "rubles", "rouble", "roubles", "lira", "pesos", "peso", "francs", "franc", "dinars", "dinar",
}  # fmt: skip
"""Units that stand alone after a number: the nouns after them are what is measured ("a million dollar house")."""
AREA_WORDS = {"square", "sq", "cubic"}
"""Words that open a rate's area or volume ("$21.25 per square foot")."""
PERCENT_WORDS = {"%", "percent", "pct", "percentage", "per-cent", "basis"}

NAME_ENTITY_TYPES = {"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC", "PERSON"}
"""Entity types whose numbers are part of a name ("Fortune 500", "iPhone 11", "Apollo 13")."""

CONCEPT_VERBS: dict[str, set[str]] = {
    "killed": {"kill", "die", "dead", "massacre", "slay", "execute", "murder", "perish", "behead", "claim"},
    "injured": {"injure", "wound", "hurt", "maim", "injured", "wounded"},
    "displaced": {"displace", "flee", "evacuate", "uproot", "displaced", "homeless", "escape", "expel"},
    "arrested": {"arrest", "detain", "jail", "imprison", "apprehend", "round", "capture", "hold", "incarcerate"},
    "missing": {"miss", "missing", "disappear", "abduct", "kidnap", "unaccounted"},
    "strikes": {"strike", "bomb", "shell", "raid", "launch", "fire", "conduct", "carry"},
    "troops": {"deploy", "station", "mobilize", "mobilise", "recruit", "enlist"},
}  # fmt: skip
"""Verbs and adjectives around a count that say what it counts ("killed 12", "civilians displaced")."""

CONCEPT_ADJECTIVES: dict[str, set[str]] = {
    "killed": {"dead", "killed", "died", "slain", "lifeless"},
    "injured": {"injured", "wounded", "hurt"},
    "displaced": {"displaced", "homeless", "uprooted"},
    "arrested": {"arrested", "detained", "jailed", "imprisoned"},
    "missing": {"missing", "abducted", "kidnapped"},
}
CONCEPT_NOUNS: dict[str, set[str]] = {
    "killed": {"death", "fatality", "dead", "body", "casualty", "victim", "corpse", "toll"},
    "injured": {"injury", "wounded", "injured"},
    "displaced": {"refugee", "evacuee", "displacement", "idp", "idps", "asylum-seeker"},
    "arrested": {"arrest", "detainee", "prisoner", "detention"},
    "missing": {"hostage", "captive"},
    "strikes": {"strike", "airstrike", "sortie", "raid", "bombing", "shell", "rocket", "missile", "bomb", "drone",
                "shelling", "attack", "mortar", "barrel"},
    "troops": {"troop", "soldier", "fighter", "militant", "rebel", "personnel", "militia", "militiaman",
               "insurgent", "combatant", "mercenary", "jihadist", "force", "marine", "paratrooper", "officer"},
}  # fmt: skip
"""Counted nouns that name the concept themselves ("200 sorties", "2015 fighters")."""

PLACES_AND_THINGS = {
    "town", "village", "city", "district", "neighbourhood", "neighborhood", "province", "region", "area",
    "building", "house", "home", "school", "hospital", "clinic", "mosque", "church", "market", "bridge",
    "road", "checkpoint", "position", "base", "outpost", "hill", "hilltop", "vehicle", "car", "truck", "tank",
    "weapon", "gun", "kilometre", "kilometer", "mile", "acre", "hectare", "dollar", "euro",
}  # fmt: skip
"""Counted nouns that are no people and no strikes: the verbs around them ("captured", "shelled") name no
casualty, arrest or strike count ("captured 3 towns" is not an arrest)."""

# ------------------------------------------------------------------------ labels, addresses, measures

LABEL_WORDS = {
    "category", "level", "grade", "phase", "stage", "unit", "room", "route", "number", "no", "page", "chapter",
    "article", "section", "version", "episode", "season", "game", "round", "flight", "gate", "platform", "lane",
    "channel", "tier", "class", "group", "type", "model", "mark", "series", "act", "scene", "verse", "line",
}  # fmt: skip
PARTICLE_VERBS = {
    "give", "pick", "make", "take", "set", "put", "bring", "back", "call", "end", "open", "round",
}  # fmt: skip
STREET_WORDS = {
    "St", "Street", "Road", "Rd", "Avenue", "Ave", "Way", "Lane", "Boulevard", "Blvd", "Drive", "Dr",
}  # fmt: skip
MEASURE_UNITS = {
    "yard", "yards", "meter", "meters", "metre", "metres", "kilometer", "kilometers", "kilometre", "kilometres",
    "km", "mile", "miles", "foot", "feet", "ft", "inch", "inches", "cm", "mm", "liter", "liters", "litre", "litres",
    "gallon", "gallons", "degree", "degrees", "kg", "kilogram", "kilograms", "gram", "grams", "g", "mg", "lb",
    "lbs", "pound", "pounds", "ounce", "ounces", "oz", "ton", "tons", "tonne", "tonnes", "mph", "kph", "km/h",
    "hp", "horsepower", "bhp", "kw", "kwh", "mw", "gw", "watts", "volts", "hz", "ghz", "mhz", "gb", "tb", "mb",
    "acre", "acres", "hectare", "hectares", "sq", "square", "barrel", "barrels", "calories", "mpg", "rpm", "nm",
    "nanometer", "nanometers", "nanometre", "nanometres", "micron", "microns", "micrometer", "micrometers",
    "millimeter", "millimeters", "millimetre", "millimetres", "centimeter", "centimeters", "centimetre",
    "centimetres", "milligram", "milligrams", "megawatt", "megawatts", "gigawatt", "gigawatts", "kilowatt",
    "kilowatts",
}  # fmt: skip
"""Units of measure: after a number the unit is the measure ("40 yard dash" -> yard), not what follows it."""
COORDINATORS = {"and", "or", ",", "while", "but", "plus", "with"}
"""Words that join two counts of the same thing ("35 people killed and 120 wounded", "12 dead, 40 hurt")."""
GLUED_ONLY_UNITS = {"in", "t", "c", "f", "h", "l", "g", "p", "w", "v", "ms", "min", "sec"}
"""Units that are units only glued to a number ("12in", "5t"): apart they are words ("the FTSE 100 in")."""
AGE_UNITS = {"year", "years", "month", "months", "week", "weeks", "day", "days"}
"""Periods of an age ("a 12-year-old boy", "a 2,900 year-old site"): the age counts, unlike "a five-year plan"."""
LABELLED_NOUNS = {"hurricane", "storm", "cyclone", "typhoon", "index"}
TIME_WORDS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"}

COUNTED_PERIOD = re.compile(
    r"\b(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?)[\s-]+"
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries)\b",
    re.I,
)
"""A count of periods inside a date or set ("two years later", "every 33 years"): the number is a quantity."""
