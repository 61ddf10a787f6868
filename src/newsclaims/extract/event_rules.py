"""Hand-written trigger rules: phrases that mark an event sub-type, with a strength, from ACLED's codebook.

The linear model knows the words it was trained on; these rules bring the codebook's own distinctions
(a grenade is not an IED; weapons found or defused are `Disrupted weapons use`; fighting between armed
groups is a clash, killing civilians an attack) and the vocabulary of the types outside ACLED. Scores add
to the model's log-probabilities, so a strong phrase wins and a weak one breaks ties.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from re import _constants as _sre  # the pattern parser's opcodes, to read each rule's leading words
from re import _parser

from newsclaims.extract import doc_text

_WEAPONS = (
    r"(weapons?|arms|ammunitions?|explosives?|firearms?|rifles?|guns?|pistols?|revolvers?|cartridges|grenades?|"
    r"rounds|bombs?|ieds?|mines?|landmines?|missiles?|rockets?|devices?|packages?|parcels?)"
)

RULES: dict[str, list[tuple[str, float]]] = {
    "Chemical weapon": [
        (
            r"\b(chlorine|sarin|mustard gas|nerve (agent|gas)|chemical (weapon|attack|agent|munition)s?|"
            r"(poison(ous)?|toxic) gas|gas attack|suffocat\w*|opcw)\b",
            4.0,
        ),
    ],
    "Suicide bomb": [
        (
            r"\bsuicide (bomb\w*|attack\w*|car|vest|blast|truck|explosion|mission)|blew (himself|herself|themselves) up|"
            r"explosives?[- ]laden|self-immolat\w*|kamikazes?|suicide|svbieds?\b",
            4.0,
        ),
    ],
    "Grenade": [(r"\bgrenades?\b", 3.0), (r"\b(hurl|lob|threw|thrown|throw)\w*\b", 0.5)],
    "Air/drone strike": [
        (
            r"\b(air ?strikes?|air ?raids?|airstrikes?|warplanes?|war planes?|fighter jets?|jets|drones?|aircraft|"
            r"helicopters?( gunships?)?|aerial|sorties|bombers?|air force|barrel bombs?|uav)\b",
            2.5,
        ),
        (r"\b(bomb(ed|ing|ard\w*)|pound\w*|struck|strikes?)\b", 0.5),
    ],
    "Shelling/artillery/missile attack": [
        (
            r"\b(shell(ed|ing|s)?|artillery|mortars?|rockets?|missiles?|howitzers?|katyusha|projectiles?|"
            r"tank fire|bombardment)\b",
            2.2,
        ),
    ],
    "Remote explosive/landmine/IED": [
        (
            r"\b(roadside bomb|ieds?|improvised explosive|landmines?|land mines?|car bomb|bomb blast|explosive device|"
            r"booby[- ]trap\w*|mine (blast|explosion)|stepped on a mine|bomb (went off|exploded|explosion)|"
            r"(blast|explosion) (ripped|hit|rocked|killed|injured|wounded)|magnetic bomb|sticky bomb)\b",
            3.0,
        ),
        (r"\b(bomb|blast|explod\w*|explosions?|detonat\w*)\b", 1.0),
    ],
    "Sexual violence": [
        (
            r"\b(rap(e|ed|es|ing|ist)|gang-?rap\w*|sexual(ly)? (assault|abus|violen|harass)\w*|molest\w*)\b",
            4.0,
        )
    ],
    "Attack": [
        (
            r"\b(shot dead|gunmen|gunman|assailants?|massacr\w*|stabb\w*|hack(ed)? to death|beheaded|killed|"
            r"murder\w*|opened fire|shooting|lynch\w*|assassinat\w*|execut\w*|attack\w*)\b",
            1.0,
        ),
        (
            r"\b(civilians?|villagers?|residents|passengers|worshippers|farmers?|tourists?|journalists?|teachers?|"
            r"students?|women|children|man|woman|family|local population|peaceful)\b",
            1.0,
        ),
    ],
    "Armed clash": [
        (
            r"\b(clash\w*|fighting|firefights?|gun ?battles?|gunfights?|exchange(d)? (of )?fire|battles?|offensive|"
            r"ambush\w*|repel\w*|skirmish\w*|engag(ed|ement) with|fierce|encounter)\b",
            2.0,
        ),
        (
            r"\b(soldiers?|troops|army|militants?|insurgents?|rebels?|fighters?|security forces|checkpoint|"
            r"military|militia\w*|police (post|station)s?|base|camp|convoy|jihadists?|terrorists?)\b",
            0.6,
        ),
    ],
    "Abduction/forced disappearance": [
        (
            r"\b(kidnap\w*|abduct\w*|hostages?|forced(ly)? disappear\w*|disappeared|went missing|gone missing|"
            r"taken captive|held captive|whereabouts)\b",
            3.5,
        ),
    ],
    "Peaceful protest": [
        (
            r"\b(protest\w*|demonstrat\w*|rall(y|ies|ied)|march(ed|es|ing)?|sit-?ins?|strikes? (by|over|for)|"
            r"on strike|went on strike|hunger strike|human chain|picket\w*|vigil)\b",
            2.0,
        ),
        (r"\b(peaceful(ly)?|demand(ed|ing)|chant\w*|placards?|slogans?)\b", 0.8),
    ],
    "Protest with intervention": [
        (
            r"\b(dispers\w*|tear ?gas|water cannons?|rubber bullets?|baton|pepper[- ]spray\w*|broke up|detain\w*|"
            r"arrest\w*|unsanctioned|chase[ds]?)\b",
            1.2,
        ),
    ],
    "Excessive force against protesters": [
        (
            r"\b(opened fire on|live (ammunition|bullets|fire|rounds)|shot dead|killing|killed|brutal\w*|beat(en)?|"
            r"lethal force|excessive force|injur\w*|wounded|suppress\w*|crackdown|violently|died|die)\b",
            1.2,
        ),
    ],
    "Violent demonstration": [
        (
            r"\b(riot\w*|violent|clash\w*|stones?|rocks?|petrol bombs?|molotov|torch\w*|set (on )?fire|vandali\w*|"
            r"loot\w*|barricades?|pelt\w*|stormed|storm|fireworks|firecrackers|bottles|smash\w*|violence|scuffle\w*|"
            r"projectiles|block(ed|ing)|shut down|pull(ed)? down|broke into|defied|aggressive|escalat\w*)\b",
            1.8,
        ),
    ],
    "Mob violence": [(r"\b(mobs?|lynch\w*|vigilantes?|angry crowd|communal (violence|clash\w*))\b", 3.0)],
    "Agreement": [
        (
            r"\b(agree(d|s|ment)?|ceasefire|cease-fire|truce|peace (deal|accord|agreement|talks)|accord|pact|"
            r"signed|treaty|prisoner (exchange|swap)|deal|surrender\w*|peace talks|lay down (their|its) arms)\b",
            2.0,
        ),
    ],
    "Arrests": [
        (r"\b(arrest\w*|detain\w*|detention|custody|apprehend\w*|nabbed|rounded up|held by police)\b", 2.5)
    ],
    "Change to group/activity": [
        (
            r"\b(deploy\w*|reinforc\w*|dispatch\w*|sent (troops|forces|special forces|soldiers|fighters|units)|"
            r"withdr(ew|awn|aw|awal|awing)|pull(ed|s|ing)? (back|out)|redeploy\w*|mobili[sz]\w*|formed|merge[ds]?|"
            r"merger|recruit\w*|join(ed|ing)? (the )?(battle|fight|fighting|offensive)|"
            r"enter(ed|ing|s)? the (battle\w*|fight\w*|war|fray|conflict)|"
            r"interven(ed|e|es|ing|tion)|military drills?|exercises|relocat\w*|dissolv\w*|disband\w*|defect\w*)\b",
            2.5,
        ),
    ],
    "Disrupted weapons use": [
        (
            r"\b(defus\w*|(seiz\w*|confiscat\w*|recover\w*|discover\w*|found|intercept\w*|uncover\w*|dismantl\w*|"
            r"retriev\w*|unearth\w*|impound\w*|cleared|destroyed|removed)\b[^.]{0,60}\b"
            + _WEAPONS
            + r"|caches?|"
            r"arms depot|weapons depot|stash|bomb squad|sappers?|suspicious (package|object|device)s?|shot down|"
            r"thwart\w*|foiled|neutrali[sz]ed)\b",
            3.0,
        ),
        (
            _WEAPONS
            + r"\b[^.]{0,80}\b(were|was|have been|has been|had been|being)? ?(seized|discovered|found|recovered|"
            r"confiscated|intercepted|defused|destroyed|cleared|removed|identified|unearthed)\b",
            3.0,
        ),
    ],
    "Headquarters or base established": [
        (
            r"\b(set(ting)? up|establish\w*|buil[dt]\w*|open(ed|s)?|construct\w*)\b[^.]{0,40}\b(bases?|posts?|"
            r"outposts?|headquarters|observation points?|barracks|camps?|command (centre|center)|positions)\b",
            3.5,
        ),
    ],
    "Looting/property destruction": [
        (
            r"\b(loot\w*|vandali[sz]\w*|plunder\w*|destroy\w*|demolish\w*|torch\w*|set (on )?fire|set ablaze|"
            r"arson|burn(ed|t) (down )?(houses|homes|shops|vehicles|cars)|damag\w*|ransack\w*)\b",
            1.5,
        ),
    ],
    "Non-violent transfer of territory": [
        (
            r"\b(without (a fight|resistance|fighting|a shot)|unopposed|handed over|hand(ed)? over|took over|"
            r"not encountered any resistance|after [^.]{0,40} withdrew|peacefully (entered|took)|deserted|abandoned)\b",
            3.0,
        ),
    ],
    "Government regains territory": [
        (
            r"\b(recaptur\w*|retook|retake\w*|regain\w*|liberat\w*|took back|recover(ed)? (the|control)|"
            r"back under (government|state|army) control|seized back|reclaim\w*|cleared)\b",
            3.0,
        ),
    ],
    "Non-state actor overtakes territory": [
        (
            r"\b(captur\w*|seiz(e|ed|ing) (control|the)|overr?an|took control|taken control|fell (in)?to|"
            r"stormed|overtook|overtaken|under (their|rebel|militant) control|rebel hands|"
            r"(established|took|taking|gained|assumed|seized|seize) control|controlling|occupied|pushed back|"
            r"drove out|driven out|expelled)\b",
            2.0,
        ),
    ],
    "Other": [
        (
            r"\b(mass graves?|bodies (were |have been )?(found|discovered|recovered)|curfew|state of emergency)\b",
            3.0,
        )
    ],
    "Natural disaster": [
        (
            r"\b(earthquakes?|quakes?|floods?|flooding|flash floods|cyclones?|hurricanes?|typhoons?|storms?|"
            r"landslides?|mudslides?|droughts?|tsunamis?|volcan\w*|wildfires?|forest fires?|torrential|heavy rains?|"
            r"monsoon|avalanche\w*|heat ?wave|magnitude|tremors?|locusts?|epidemic|outbreak)\b",
            3.5,
        ),
    ],
    "Man-made disaster": [
        (
            r"\b(fire broke out|blaze|collaps\w*|crash(ed|es)?|derail\w*|capsiz\w*|sank|stampede|gas leak|"
            r"chemical leak|leak(ed)?|spill\w*|poison(ing|ed)|accident\w*|collision|fire at|caught fire|"
            r"factory|plant explosion|tanker|toxic|contaminat\w*|alcohol)\b",
            2.0,
        ),
        (
            r"\b(plane crash|air crash|crash(ed)?|industrial|plant|factory|furnace|boiler|warehouse|gas cylinder|"
            r"cooking gas|chemical plant|refinery|pipeline|mine collapse|ran aground|shipwreck|nuclear plant|"
            r"wastewater|hazard\w*|fire ?fighters?|emergency services)\b",
            1.5,
        ),
        (
            r"\b(leaked|lost control|on board|container|tanks?|solvents?|died after|consum\w*|road accident|"
            r"rescue\w*|inhal\w*)\b",
            1.0,
        ),
    ],
    "Organized crime": [
        (
            r"\b(smuggl\w* (migrants|people|refugees)|human traffick\w*|traffickers?|fake currency|counterfeit)\b",
            2.0,
        ),
        (
            r"\b(drugs?|cocaine|heroin|narcotics?|cartels?|gangs?|gangsters?|robber(y|ies|s)|robbed|smuggl\w*|"
            r"traffick\w*|extort\w*|mafia|fraud|counterfeit|theft|thie(f|ves)|stolen|money laundering|corruption|"
            r"bandits?|pornography|cyber ?crime|ransom|poach\w*)\b",
            2.5,
        ),
    ],
    "Diplomatic event": [
        (
            r"\b(diplomat\w*|ambassadors?|embass\w*|sanctions?|summit|envoys?|foreign minist\w*|bilateral|"
            r"state visit|visit(ed|s)?|talks|counterpart|expel\w*|expulsion|consulate|recall(ed)?|united nations|"
            r"security council|resolution|foreign ministry)\b",
            2.0,
        ),
        (r"\b(sanctions?|expel\w*|expulsion|diplomats?|ambassadors?|embass\w*)\b", 2.0),
    ],
    "Attribution of responsibility": [
        (
            r"\b(claim(ed|s|ing)? responsibility|responsibility for|took responsibility|takes? credit|claimed the|"
            r"blam(e|ed|es|ing)|was behind|were behind|is behind|responsible for|accusations?)\b",
            3.0,
        ),
    ],
    "Displacement": [
        (
            r"\b(displac\w*|fled|flee(ing)?|refugees?|evacuat\w*|forced [^.]{0,40} to flee|abandon(ed)? their homes)\b",
            2.0,
        ),
    ],
}
"""Sub-type -> (pattern, strength). Patterns are matched case-insensitively on the text."""


@cache
def _compiled() -> dict[str, list[tuple[re.Pattern[str], float]]]:
    # Patterns are lower case and matched on lower-cased text: faster than IGNORECASE.
    return {label: [(re.compile(p.lower()), w) for p, w in rules] for label, rules in RULES.items()}


@cache
def _screened() -> dict[str, list[tuple[re.Pattern[str], float, tuple[str, ...]]]]:
    """`_compiled` with each pattern's leading literals: a match starts with one of them, so a text that
    contains none cannot match, and an `in` test costs less than the search (on PolNeAR dev a fifth of the
    rule scoring). Empty when the pattern can start with anything."""
    screened: dict[str, list[tuple[re.Pattern[str], float, tuple[str, ...]]]] = {}
    for label, rules in _compiled().items():
        screened[label] = []
        for pattern, weight in rules:
            literals = _leading_literals(list(_parser.parse(pattern.pattern, pattern.flags)))
            usable = literals and "" not in literals and not pattern.flags & re.IGNORECASE
            screened[label].append((pattern, weight, tuple(sorted(literals)) if usable else ()))
    return screened


def _may_search(literals: tuple[str, ...], text: str) -> bool:
    return not literals or any(literal in text for literal in literals)


def _leading_literals(items: list) -> set[str] | None:
    """The literal strings a parsed pattern can start with (up to its first group, class or repeat)."""
    out = {""}
    for op, arg in items:
        if op is _sre.AT:  # \b
            continue
        if op is _sre.LITERAL:
            out = {p + chr(arg) for p in out}
            continue
        if op is _sre.SUBPATTERN:
            inner = _leading_literals(list(arg[-1]))
            return None if inner is None else {p + i for p in out for i in inner}
        if op is _sre.BRANCH:
            found: set[str] = set()
            for branch in arg[1]:
                inner = _leading_literals(list(branch))
                if inner is None:
                    return None
                found |= inner
            return {p + i for p in out for i in found}
        break
    return out


@cache
def _word_stems() -> tuple[dict[int, frozenset[str]], dict[str, frozenset[str]]] | None:
    """The words a rule match can begin with: single-word stems by length, and for phrases ("went on
    strike", "set up") the first word with the stems of the second. A text with none of them (most
    sentences) matches no rule and costs no regex search. None when a pattern can start with anything."""
    stems: dict[int, set[str]] = {}
    phrases: dict[str, set[str]] = {}
    for rules in RULES.values():
        for pattern, _ in rules:
            literals = _leading_literals(list(_parser.parse(pattern.lower())))
            for literal in literals or {""}:
                words = re.match(r"([a-z]+)(?: ([a-z]+))?", literal)
                if not words or len(words.group(1)) < 2:
                    return None
                if words.group(2):
                    phrases.setdefault(words.group(1), set()).add(words.group(2))
                else:
                    stems.setdefault(len(words.group(1)), set()).add(words.group(1))
    return {n: frozenset(w) for n, w in stems.items()}, {w: frozenset(n) for w, n in phrases.items()}


_WORD = re.compile(r"[a-z]+")


def may_match(lowered: str) -> bool:
    """Whether any rule can match the lower-cased text (a fast word check before the regexes)."""
    found = _word_stems()
    if found is None:
        return True
    stems, phrases = found
    sizes = sorted(stems)
    words = _WORD.findall(lowered)
    for i, word in enumerate(words):
        for size in sizes:
            if size > len(word):
                break
            if word[:size] in stems[size]:
                return True
        seconds = phrases.get(word)
        if seconds and i + 1 < len(words) and any(words[i + 1].startswith(second) for second in seconds):
            return True
    return False


def rule_scores(text: str) -> dict[str, float]:
    """Each sub-type's rule score on a text: the sum of the strengths of its patterns that match.

    >>> rule_scores("A hand grenade was hurled at a bar")["Grenade"]
    3.5
    """
    return dict(_rule_scores(text))


@lru_cache(maxsize=4096)
def _rule_scores(text: str) -> tuple[tuple[str, float], ...]:
    # Cached: a sentence is scored several times (its type, its second events, the lead).
    scores: list[tuple[str, float]] = []
    text = text.lower()
    if not may_match(text):
        return ()
    for label, rules in _screened().items():
        total = sum(
            weight
            for pattern, weight, literals in rules
            if _may_search(literals, text) and pattern.search(text)
        )
        if total:
            scores.append((label, total))
    return tuple(scores)


def rule_matches(text: str, label: str) -> list[tuple[int, int]]:
    """Character spans in `text` of the strongest pattern of `label` (the words that can be its trigger)."""
    rules = _compiled().get(label, [])
    if not rules:
        return []
    pattern = max(rules, key=lambda r: r[1])[0]
    return [m.span() for m in pattern.finditer(text.lower())]


_PROTEST_CONTEXT = re.compile(
    r"\b(protest\w*|demonstrat\w*|rall(y|ies)|marche(r|rs|d)|sit-?ins?|riot\w*|human chain)\b", re.I
)
_CIVILIAN = re.compile(RULES["Attack"][1][0], re.I)
_ARMED = re.compile(RULES["Armed clash"][1][0], re.I)
_VIOLENCE = re.compile(r"\b(attack\w*|kill\w*|shot|shoot\w*|stormed|raid\w*|ambush\w*)\b", re.I)
_GOVERNMENT_ACTOR = re.compile(
    r"\b(army|government|troops|military|soldiers|security forces|forces loyal|regime|police|national guard|"
    r"defen[cs]e forces|armed forces)\b",
    re.I,
)
_NON_STATE_ACTOR = re.compile(
    r"\b(rebels?|militants?|insurgents?|jihadists?|fighters|opposition|al[- ]shabaa?b|taliban|islamic state|isis|isil|"
    r"daesh|hezbollah|houthis?|militias?|separatists?|guerrillas?|terrorists?|npa|boko haram|armed groups?)\b",
    re.I,
)
_REMOTE_SUBTYPES = (
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
)
_PROTEST_SUBTYPES = (
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
)


def adjusted_rule_scores(text: str, actors_text: str | None = None) -> dict[str, float]:
    """Rule scores with the codebook's hierarchy applied (see `_adjusted_rule_scores`)."""
    return dict(_adjusted(text, actors_text))


@lru_cache(maxsize=4096)
def _adjusted(text: str, actors_text: str | None) -> tuple[tuple[str, float], ...]:
    return tuple(_adjusted_rule_scores(text, actors_text).items())


def _adjusted_rule_scores(text: str, actors_text: str | None = None) -> dict[str, float]:
    """Rule scores with the codebook's hierarchy applied.

    - Protest sub-types need a protest context and then build on it (a dispersed protest is still a protest).
    - Violence is an `Attack` only on civilians; an attack on armed men, a base or a checkpoint is a clash.
    - Taking ground is `Government regains territory` when the government's forces take it.

    `actors_text` is the unmasked text when `text` has names blanked out (see `mask_names`).
    """
    scores = rule_scores(text)
    actors = actors_text if actors_text is not None else text
    if _PROTEST_CONTEXT.search(text):
        base = scores.get("Peaceful protest", 2.0)
        for sub in _PROTEST_SUBTYPES:
            if sub in scores:
                scores[sub] += base
    else:
        for sub in _PROTEST_SUBTYPES:
            scores.pop(sub, None)
    civilians = bool(_CIVILIAN.search(text))
    if not civilians and "Attack" in scores:
        scores["Attack"] -= 1.0
        remote = any(scores.get(sub, 0.0) >= 2.2 for sub in _REMOTE_SUBTYPES)
        if _ARMED.search(actors) and _VIOLENCE.search(text) and not remote:
            # An attack on armed men is a clash, unless made with remote weapons (ACLED: explosions).
            scores["Armed clash"] = scores.get("Armed clash", 0.0) + 1.5
    if "Disrupted weapons use" in scores:
        for sub in (
            "Remote explosive/landmine/IED",
            "Grenade",
            "Shelling/artillery/missile attack",
            "Arrests",
        ):
            if sub in scores:
                scores[sub] -= 2.0
    if "Man-made disaster" in scores and not _ARMED.search(text):
        for sub in ("Remote explosive/landmine/IED", "Air/drone strike"):
            if sub in scores:
                scores[sub] -= 1.5
    territory = ("Non-state actor overtakes territory", "Government regains territory")
    if any(t in scores for t in territory):
        government = _GOVERNMENT_ACTOR.search(actors[:150])
        rebels = _NON_STATE_ACTOR.search(actors[:150])
        taken = max(scores.get(t, 0.0) for t in territory)
        if government and (not rebels or government.start() < rebels.start()):
            scores[territory[1]] = taken + 1.5
            scores.pop(territory[0], None)
        elif rebels:
            scores[territory[0]] = taken + 1.5
            scores.pop(territory[1], None)
    return {k: v for k, v in scores.items() if v > 0}


_MASK_KEY = "newsclaims.events.masked"
MASKED_LABELS = frozenset(("ORG", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "PERSON"))


def mask_names(span) -> str:
    """The text of a spaCy span with multi-word names blanked (same length, so offsets hold), so that
    "National Liberation Front" or "Tiger Forces" do not fire the rules of liberation or deployment."""
    doc = span.doc
    masked = doc.user_data.get(_MASK_KEY)
    if masked is None:
        chars = list(doc_text(doc))
        for ent in doc.ents:
            if ent.label_ in MASKED_LABELS and len(ent) > 1:
                for i in range(ent.start_char, ent.end_char):
                    if not chars[i].isspace():
                        chars[i] = " "
        masked = doc.user_data[_MASK_KEY] = "".join(chars)
    return masked[span.start_char : span.end_char]
