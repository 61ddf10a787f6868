"""Places: recognition beyond GPE/LOC, demonyms, metonyms, qualifiers, and resolution by context.

Every sentence here is written for the project.
"""

from __future__ import annotations

import pytest

from newsclaims import analyze
from newsclaims.analysis import Analysis, Place
from newsclaims.extract.places import places_in
from newsclaims.gazetteer import Gazetteer, store
from newsclaims.gazetteer import load as load_gazetteer
from newsclaims.nlp import load as load_nlp


def places(text: str) -> tuple[Analysis, list[Place]]:
    analysis = analyze(text, published="2024-05-02", extractors=("entities", "statements", "places"))
    return analysis, analysis.places


def by_text(analysis: Analysis, found: list[Place]) -> dict[str, Place]:
    return {analysis.text_of(p.span): p for p in found}


def test_divisions_directions_and_borders_are_recognised_with_their_phrase() -> None:
    a, found = places(
        "Shelling hit villages in northern Hama on Monday, and clashes spread to Idlib province "
        "in northwest Syria, close to the Turkish border."
    )
    got = by_text(a, found)
    hama, idlib, syria, turkish = got["Hama"], got["Idlib"], got["Syria"], got["Turkish"]
    assert (hama.country, hama.qualifier, a.text_of(hama.phrase)) == ("SY", "northern", "northern Hama")
    assert (idlib.country, idlib.feature, idlib.qualifier) == ("SY", "ADM1", "province")
    assert a.text_of(idlib.phrase) == "Idlib province"
    assert syria.feature == "PCLI" and syria.qualifier == "northwest" and syria.geonames_id is not None
    assert turkish.country == "TR" and turkish.demonym and turkish.mention == "adjective"
    assert turkish.literal  # the border is a place, not an actor
    assert a.text_of(turkish.phrase) == "the Turkish border"
    assert all(p.lat is not None and p.lon is not None for p in (hama, idlib, syria, turkish))


def test_demonyms_map_to_their_country_and_say_how_they_are_used() -> None:
    a, found = places("Russian jets struck the town. Witnesses said the Russians had withdrawn by night.")
    got = by_text(a, found)
    assert got["Russian"].country == "RU" and got["Russian"].demonym and got["Russian"].mention == "adjective"
    assert got["Russians"].country == "RU" and got["Russians"].mention == "people"
    assert not got["Russians"].literal


def test_places_that_act_or_speak_are_metonyms() -> None:
    a, found = places(
        "Moscow denied the reports on Tuesday. The Kremlin said its troops stayed in their barracks. "
        "Aid convoys reached Moscow later that week."
    )
    mentions = [(a.text_of(p.span), p.literal, p.country) for p in found]
    assert ("Moscow", False, "RU") in mentions  # Moscow denied
    assert ("Moscow", True, "RU") in mentions  # reached Moscow
    kremlin = by_text(a, found)["Kremlin"]
    assert kremlin.country == "RU" and not kremlin.literal


def test_affiliations_make_the_place_an_actor() -> None:
    a, found = places("The Turkey-backed fighters advanced on the town.")
    assert by_text(a, found)["Turkey"].literal is False


def test_tripoli_resolves_by_the_other_places_named() -> None:
    a, found = places(
        "Militias clashed in Tripoli overnight. The fighting spread east towards Misrata and Benghazi, "
        "and the UN envoy to Libya called for calm."
    )
    assert by_text(a, found)["Tripoli"].country == "LY"
    a, found = places(
        "Protesters gathered in Tripoli, the second city of Lebanon, before marching south towards Beirut "
        "and Sidon."
    )
    assert by_text(a, found)["Tripoli"].country == "LB"


def test_georgia_the_state_or_the_country() -> None:
    a, found = places("Storms knocked out power across Georgia, from Atlanta to Savannah and Macon.")
    assert by_text(a, found)["Georgia"].country == "US"
    a, found = places("Georgia accused Russia of moving border posts near Tbilisi and into South Ossetia.")
    assert by_text(a, found)["Georgia"].country == "GE"


def test_jordan_the_person_is_no_place_and_jordan_the_country_is() -> None:
    a, found = places("Michael Jordan scored 38 points as Chicago beat Utah.")
    assert "Jordan" not in by_text(a, found)
    a, found = places("Jordan closed its border with Syria after refugees fled to Amman and Irbid.")
    assert by_text(a, found)["Jordan"].country == "JO"


def test_unknown_named_landforms_are_places_even_without_a_gazetteer_entry() -> None:
    a, found = places("Government troops retook the Zaytun hilltops after a week of fighting near Hama.")
    hills = by_text(a, found)["Zaytun"]
    assert hills.mention == "phrase" and hills.qualifier == "hilltops"
    assert a.text_of(hills.phrase) == "the Zaytun hilltops"


def test_a_dump_brings_village_level_places(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSCLAIMS_HOME", str(tmp_path))
    monkeypatch.setattr(store, "package_rows", lambda: iter(()))
    monkeypatch.setattr(store, "BUILD_IN_SUBPROCESS", False)
    dump = tmp_path / "SY.txt"
    dump.write_text(
        "9900001\tTall Zaytun\tTall Zaytun\tZaytun\t35.40\t36.55\tT\tHLLS\tSY\t\t10\t\t\t\t0\t\t310\t"
        "Asia/Damascus\t2020-01-01\n",
        encoding="utf-8",
    )
    path = store.ensure_index(progress=False)
    with store.writable(path) as con:
        store.add_dumps(con, [dump])
    doc = load_nlp()("Government troops retook the Zaytun hilltops after a week of fighting.")
    (hills,) = [p for p in places_in(doc, None, Gazetteer(path)) if p.name == "Tall Zaytun"]
    assert (hills.geonames_id, hills.feature, hills.country) == (9900001, "HLLS", "SY")


def test_places_serialise_in_the_analysis_json() -> None:
    a, _ = places("Fighting continued in Aleppo.")
    data = a.to_dict()
    (aleppo,) = [p for p in data["places"] if p["name"] == "Aleppo"]
    assert aleppo["country"] == "SY" and aleppo["span"] == [22, 28] and aleppo["geonames_id"]
    assert Analysis.from_dict(data).places == a.places


@pytest.mark.usefixtures("shared_example")
def test_the_example_article(shared_example) -> None:
    from newsclaims.ingest import read_path

    analysis = analyze(read_path(shared_example))
    got = [(analysis.text_of(p.span), p) for p in analysis.places]
    names = {p.name for _, p in got}
    assert {"Idlib", "Hama", "Syria", "Turkey"} <= names
    assert any(text == "Turkish" and p.qualifier == "border" and p.literal for text, p in got)
    assert any(text == "Moscow" and not p.literal for text, p in got)
    assert all(p.country == "SY" for text, p in got if text in ("Idlib", "Hama"))


def test_a_dateline_is_a_place() -> None:
    a, found = places("AMMAN (Reuters) - Officials met on Sunday to discuss the crossings.")
    assert by_text(a, found)["AMMAN"].country == "JO"


def test_codes_only_when_capitalised_and_two_letters_only_for_big_countries() -> None:
    a, found = places("US officials flew to Iraq on Monday.")
    assert by_text(a, found)["US"].country == "US"
    a, found = places("The figures came from BA and from the MoD on Monday.")
    assert not any(p.country == "BA" for p in found)


def test_places_inside_an_unknown_place_name_are_found() -> None:
    a, found = places("Fans of Mississippi State travelled to the final.")
    assert by_text(a, found)["Mississippi"].country == "US"


def test_named_seas_and_regions_resolve_without_a_country() -> None:
    a, found = places("Tankers crossed the Mediterranean and waited off the Korean Peninsula.")
    got = by_text(a, found)
    assert got["Mediterranean"].feature == "SEA" and got["Mediterranean"].country is None
    assert got["Korean Peninsula"].lat is not None and got["Korean Peninsula"].geonames_id is None


def test_a_place_that_qualifies_a_non_place_is_not_literal() -> None:
    a, found = places("Rome police questioned two men. Shelling hit the Hama countryside.")
    got = by_text(a, found)
    assert got["Rome"].literal is False
    assert got["Hama"].literal is True and got["Hama"].qualifier == "countryside"


def test_a_place_name_spacy_cut_short_is_extended_to_the_name_the_gazetteer_knows() -> None:
    import spacy

    from newsclaims.extract.places.names import extend_right
    from newsclaims.gazetteer import load

    doc = spacy.blank("en")("Tickets are sold in the U.S. Virgin Islands and the U.S. Army base.")
    assert doc[5].text == doc[10].text == "U.S."
    gazetteer = load()
    assert extend_right(doc[5:6], gazetteer).text == "U.S. Virgin Islands"
    assert extend_right(doc[10:11], gazetteer).text == "U.S."  # "U.S. Army" is no place


def test_demonyms_inside_hyphenated_words_and_outside_entities() -> None:
    analysis, found = places(
        "The anti-Russian rhetoric grew louder in Warsaw. A Danish wave energy developer left."
    )
    named = by_text(analysis, found)
    assert named["Russian"].country == "RU" and named["Russian"].demonym
    assert named["Danish"].country == "DK" and named["Danish"].mention == "adjective"


def test_a_town_inside_an_organisation_name_needs_the_article_to_confirm_it() -> None:
    analysis, found = places(
        "Officers of the Beverly Hills Police Department arrested a man in Los Angeles on Monday."
    )
    assert by_text(analysis, found)["Beverly Hills"].country == "US"
    # The head of a name says what it is: "University" is no place, though some village has that name.
    analysis, found = places("Students of Arizona State University protested in Phoenix.")
    named = by_text(analysis, found)
    assert named["Arizona"].feature == "ADM1" and "University" not in named


def test_spacy_s_two_entities_joined_by_and_are_one_country() -> None:
    analysis, found = places("The prime minister of Trinidad and Tobago met officials in Port of Spain.")
    assert by_text(analysis, found)["Trinidad and Tobago"].country == "TT"


def test_common_words_and_facility_names_stay_unresolved_without_support() -> None:
    analysis, found = places("Governments in the West condemned the attack, officials in Moscow said.")
    assert by_text(analysis, found)["West"].country is None  # not a division of Cameroon
    analysis, found = places("Passengers at Heathrow waited for hours on Monday.")
    assert by_text(analysis, found)["Heathrow"].lat is None  # not the village in Florida


def test_a_place_followed_by_its_division_or_country_lies_in_it() -> None:
    analysis, found = places("Snow closed schools in Portland, Maine, on Monday.")
    assert by_text(analysis, found)["Portland"].admin1 == "Maine"  # not the bigger Portland in Oregon
    analysis, found = places("Police in Paris, Texas, arrested two men after the robbery.")
    assert by_text(analysis, found)["Paris"].country == "US"


def test_the_dateline_s_reading_holds_inside_organisation_names() -> None:
    analysis, found = places(
        "OAKLAND, Calif. (AP) — The Oakland Athletics beat the Detroit Tigers 6-3 on Tuesday. "
        "Many of the fans had driven from Pontiac and Troy in Michigan."
    )
    oakland = [p for p in found if analysis.text_of(p.span).lower() == "oakland"]
    assert len(oakland) == 2
    # Not Oakland County, Michigan, near the article's other places: the dateline says which Oakland.
    assert all((p.admin1, p.feature) == ("California", "PPL") for p in oakland)


def test_a_dateline_run_into_the_previous_paragraph_is_still_a_place() -> None:
    analysis, found = places(
        "The vote was close. SAN DIEGO (AP) — Officials said the border crossing reopened."
    )
    assert by_text(analysis, found)["SAN DIEGO"].country == "US"


def test_the_territory_of_a_country_is_the_country() -> None:
    analysis, found = places(
        "Soldiers crossed into the border territory of Georgia from Armenia and Azerbaijan."
    )
    assert by_text(analysis, found)["Georgia"].country == "GE"


def test_english_welsh_and_scottish_are_demonyms_of_their_nations() -> None:
    analysis, found = places("Fans gathered in the English city of Leeds before the Welsh side arrived.")
    english = by_text(analysis, found)["English"]
    assert (english.name, english.country, english.demonym) == ("England", "GB", True)


def test_state_abbreviations_need_their_dot() -> None:
    analysis, found = places("Traffic on the Mass Pike was slow, and the Mass was held at noon.")
    assert not any(p.admin1 == "Massachusetts" for p in found)


def test_a_tiny_first_level_division_does_not_outweigh_a_city() -> None:
    from newsclaims.gazetteer.resolve import Mention, resolve

    (southampton,) = resolve(load_gazetteer(), [Mention("Southampton", label="GPE")])
    assert southampton.entry is not None and southampton.entry.country == "GB"  # not a parish of Bermuda


def test_names_with_a_prefix_in_capitals_are_not_brands() -> None:
    from newsclaims.extract.places.names import mixed_case

    assert not mixed_case("LaFayette") and not mixed_case("McAllen") and not mixed_case("DeKalb")
    assert mixed_case("MoD") and mixed_case("iPhone") and mixed_case("UConn")


def test_a_place_inside_an_organisation_spacy_took_for_a_person_is_found() -> None:
    analysis, found = places("The report was first published by Miami Herald reporters on Sunday.")
    miami = by_text(analysis, found)["Miami"]
    assert miami.country == "US" and miami.mention == "embedded"


def _with_entities(text: str, labelled: list[tuple]):
    """The parsed text with only the given (substring, label[, which occurrence]) entities: the parse's own
    entities vary with the model, the recogniser's behaviour around them should not."""
    from spacy.tokens import Span

    doc = load_nlp()(text)
    ents = []
    for needle, label, *nth in labelled:
        start = -1
        for _ in range((nth or [0])[0] + 1):
            start = text.index(needle, start + 1)
        span = doc.char_span(start, start + len(needle))
        ents.append(Span(doc, span.start, span.end, label))
    doc.ents = ents
    return doc


def test_a_name_found_as_a_place_is_a_place_where_it_stands_again() -> None:
    text = "Troops entered Gwoza on Monday. Gwoza is calm again, the army said, and Gwoza's market reopened."
    doc = _with_entities(text, [("Gwoza", "GPE"), ("Gwoza's", "PERSON")])
    found = places_in(doc, None, load_gazetteer())
    assert [(text[p.span[0] : p.span[1]], p.country) for p in found] == [("Gwoza", "NG")] * 3


def test_a_name_caught_up_in_another_entity_is_still_the_place() -> None:
    text = "Troops entered Gwoza on Monday and left Gwoza on Friday, officials said."
    doc = _with_entities(text, [("Gwoza", "GPE"), ("Gwoza on Friday", "DATE")])
    found = places_in(doc, None, load_gazetteer())
    assert [(text[p.span[0] : p.span[1]], p.country, p.mention) for p in found] == [
        ("Gwoza", "NG", "name")
    ] * 2


def test_a_name_more_often_a_person_is_not_spread_as_a_place() -> None:
    text = "Tyler spoke in Lagos. Tyler said Tyler would return, and then Tyler left."
    labelled = [("Tyler", "PERSON"), ("Lagos", "GPE"), ("Tyler", "GPE", 1), ("Tyler", "PERSON", 2)]
    names = [
        text[p.span[0] : p.span[1]] for p in places_in(_with_entities(text, labelled), None, load_gazetteer())
    ]
    assert names.count("Tyler") <= 1 and "Lagos" in names


def test_a_place_entity_run_over_a_comma_is_the_place_and_its_division() -> None:
    text = "The next round is at Alresford, Hampshire in May."
    doc = _with_entities(text, [("Alresford, Hampshire", "GPE")])
    found = {text[p.span[0] : p.span[1]]: p for p in places_in(doc, None, load_gazetteer())}
    assert found["Alresford"].country == "GB" and found["Alresford"].feature.startswith("PPL")
    assert found["Hampshire"].country == "GB"


@pytest.mark.parametrize(
    "text",
    [
        "Houston lost to Portland on Tuesday before flying to Dallas and San Antonio for two road games.",
        "The Rockets beat Portland at home, then swept Dallas and San Antonio in Texas.",
    ],
)
def test_a_major_city_wins_over_its_namesake_village_near_the_other_places(text: str) -> None:
    analysis, found = places(text)
    portland = by_text(analysis, found)["Portland"]
    assert (portland.country, portland.admin1) == ("US", "Oregon")


def test_an_ocean_is_resolved_with_its_label_point() -> None:
    analysis, found = places("The storm formed over the Atlantic on Sunday and is heading west.")
    atlantic = by_text(analysis, found)["Atlantic"]
    assert atlantic.feature == "OCN" and atlantic.lat is not None and atlantic.lon is not None


def test_a_place_after_an_organisation_and_a_comma_is_where_it_is() -> None:
    analysis, found = places(
        "He studied at the Federal University of Technology, Owerri, before moving to Lagos."
    )
    assert by_text(analysis, found)["Owerri"].country == "NG"


def test_a_name_of_common_words_is_no_town_of_that_name() -> None:
    analysis, found = places(
        "Relations between Russia and the West have soured, diplomats in Chicago and Texas said."
    )
    west = by_text(analysis, found).get("West")
    assert west is None or west.lat is None


def test_a_place_noun_inside_a_longer_name_is_not_a_place_of_its_own() -> None:
    text = "Flooding hit farms across the Volta Delta and the Tana Valley this week."
    doc = _with_entities(text, [("the Volta Delta", "LOC"), ("the Tana Valley", "LOC")])
    names = {text[p.span[0] : p.span[1]] for p in places_in(doc, None, load_gazetteer()) if p.lat is not None}
    assert not names & {"Delta", "Valley"}


@pytest.mark.parametrize(
    "text",
    [
        "MOMBASA Heavy rain flooded several neighbourhoods overnight, officials said.",
        "MOMBASA & MALINDI, May 2 — Traders reopened their shops on Thursday.",
    ],
)
def test_a_dateline_without_its_dash_opens_the_story(text: str) -> None:
    doc = _with_entities(text, [])  # the parse's own entities aside: the dateline alone must find it
    found = {text[p.span[0] : p.span[1]]: p for p in places_in(doc, None, load_gazetteer())}
    assert (found["MOMBASA"].country, found["MOMBASA"].mention) == ("KE", "name")


def test_an_acronym_opening_a_paragraph_is_no_dateline() -> None:
    analysis, found = places("OPS Superintendent Jane Doe said the schools will reopen.")
    assert "OPS" not in by_text(analysis, found)


def test_a_division_spacy_took_for_a_person_is_its_place() -> None:
    text = "The governor of Kebbi State visited the camp on Monday."
    doc = _with_entities(text, [("Kebbi State", "PERSON")])
    found = {text[p.span[0] : p.span[1]]: p for p in places_in(doc, None, load_gazetteer())}
    assert found["Kebbi"].country == "NG"


def test_a_capitalised_plural_noun_in_a_headline_is_no_place() -> None:
    analysis, found = places("Rebels Say Russia Sent Troops\n\nRebel commanders said Russia had sent troops.")
    names = by_text(analysis, found)
    assert "Rebels" not in names and "Russia" in names


def test_a_division_s_short_name_is_the_division_the_article_names() -> None:
    from newsclaims.gazetteer.resolve import Mention, resolve

    # Norfolk and Virginia would draw a bare "Suffolk" to the Virginian city; the article's "Suffolk County"
    # says which Suffolk it means.
    mentions = [Mention(name, label="GPE") for name in ("Suffolk County", "Suffolk", "Virginia", "Norfolk")]
    county, suffolk, *_ = resolve(load_gazetteer(), mentions)
    assert county.entry.fcode == "ADM2" and suffolk.entry.id == county.entry.id
    # A city inside the division of its name stays the city.
    state, city = resolve(
        load_gazetteer(), [Mention("Lagos State", label="GPE"), Mention("Lagos", label="GPE")]
    )
    assert (state.entry.fcode, city.entry.fclass, city.entry.country) == ("ADM1", "P", "NG")


def test_a_place_set_off_by_commas_after_a_name_is_a_place_whatever_its_label() -> None:
    text = "From Ada Obi, Owerri. The vice chancellor said the campus would reopen."
    doc = _with_entities(text, [("Ada Obi", "PERSON"), ("Owerri", "PERSON")])
    found = {text[p.span[0] : p.span[1]]: p for p in places_in(doc, None, load_gazetteer())}
    assert found["Owerri"].country == "NG" and found["Owerri"].lat is not None


def test_a_name_in_a_list_of_names_is_not_set_off_as_a_place() -> None:
    text = "The pianist played Haydn, Chopin, Liszt and Debussy on Sunday."
    labelled = [("Haydn", "PERSON"), ("Chopin", "ORG"), ("Liszt", "PERSON"), ("Debussy", "PERSON")]
    found = {
        text[p.span[0] : p.span[1]] for p in places_in(_with_entities(text, labelled), None, load_gazetteer())
    }
    assert "Chopin" not in found


def test_a_name_ending_in_an_acronym_is_an_organisation_with_its_place_inside() -> None:
    text = "New Brunswick RCMP say the stolen dogs were found near a farm."
    doc = _with_entities(text, [("New Brunswick RCMP", "PERSON")])
    found = {text[p.span[0] : p.span[1]]: p for p in places_in(doc, None, load_gazetteer())}
    assert (found["New Brunswick"].country, found["New Brunswick"].feature) == ("CA", "ADM1")


def test_a_town_spacy_took_for_a_date_is_a_place_but_a_month_is_not() -> None:
    text = "Soldiers were stationed in Manbij near the border, and more arrived in March."
    doc = _with_entities(text, [("Manbij", "DATE"), ("March", "DATE")])
    found = {text[p.span[0] : p.span[1]]: p for p in places_in(doc, None, load_gazetteer())}
    assert found["Manbij"].country == "SY" and "March" not in found


def test_initials_of_a_place_the_article_names_are_that_place() -> None:
    text = "Mining output in South Africa fell again. Critics say SA needs reform before investors return."
    doc = _with_entities(text, [("South Africa", "GPE"), ("SA", "ORG")])
    found = {text[p.span[0] : p.span[1]]: p for p in places_in(doc, None, load_gazetteer())}
    assert found["SA"].country == "ZA" and found["SA"].feature == "PCLI"
    text = "Critics say SA needs reform before investors return."  # no place of those initials named
    found = {
        text[p.span[0] : p.span[1]]
        for p in places_in(_with_entities(text, [("SA", "ORG")]), None, load_gazetteer())
    }
    assert "SA" not in found


def test_a_region_of_common_words_resolves_without_another_region_beside_it() -> None:
    analysis, found = places("The sergeant served on operations in the Middle East before he retired.")
    middle_east = by_text(analysis, found)["Middle East"]
    assert middle_east.feature == "RGN" and middle_east.lat is not None


def test_a_small_country_s_code_is_a_place_only_where_the_article_names_that_country() -> None:
    text = "According to the latest GTM Research figures, shipments grew in Texas and Ohio."
    doc = _with_entities(text, [("GTM Research", "ORG"), ("Texas", "GPE"), ("Ohio", "GPE")])
    found = {text[p.span[0] : p.span[1]] for p in places_in(doc, None, load_gazetteer())}
    assert "GTM" not in found and "Texas" in found
    text = "The US and the UAE signed the deal in Astana."  # a big country's code; a name's initials
    doc = _with_entities(text, [("US", "GPE"), ("UAE", "GPE"), ("Astana", "GPE")])
    found = {text[p.span[0] : p.span[1]]: p for p in places_in(doc, None, load_gazetteer())}
    assert (found["US"].country, found["UAE"].country) == ("US", "AE")


def test_a_name_in_capitals_is_no_town_of_that_name_in_other_case() -> None:
    text = "Wastewater in WA is treated before it reaches the sea near Perth."
    doc = _with_entities(text, [("WA", "GPE"), ("Perth", "GPE")])
    found = {text[p.span[0] : p.span[1]]: p for p in places_in(doc, None, load_gazetteer())}
    assert "WA" not in found or found["WA"].country != "GH"


def test_a_division_named_with_its_kind_inside_an_organisation_name_is_found() -> None:
    text = "Superintendents of the Daviess County Public Schools said the buses would run on Monday."
    doc = _with_entities(text, [])  # outside any entity, as the small model leaves it
    found = {text[p.span[0] : p.span[1]]: p for p in places_in(doc, None, load_gazetteer())}
    assert (found["Daviess County"].country, found["Daviess County"].feature) == ("US", "ADM2")


def test_initials_joined_by_an_ampersand_stand_for_a_name_of_two_parts() -> None:
    text = "Bosnia and Herzegovina signed the accord. Officials said B&H would ratify it soon."
    doc = _with_entities(text, [("Bosnia and Herzegovina", "GPE"), ("B&H", "ORG")])
    found = {text[p.span[0] : p.span[1]]: p for p in places_in(doc, None, load_gazetteer())}
    assert found["B&H"].country == "BA"


def test_a_saint_s_name_before_a_building_is_the_building_not_the_saint_s_town() -> None:
    text = "The Pope led the vigil in St. Peter's Basilica on Saturday night."
    doc = _with_entities(text, [("St. Peter's", "GPE")])
    found = {text[p.span[0] : p.span[1]]: p for p in places_in(doc, None, load_gazetteer())}
    assert "St. Peter's Basilica" in found and found["St. Peter's Basilica"].lat is None


def test_a_plural_name_spacy_took_for_a_person_is_a_team_with_its_place_inside() -> None:
    text = "The defeat of Bolton Wanderers on Tuesday left the club fourth."
    doc = _with_entities(text, [("Bolton Wanderers", "PERSON")])
    found = {text[p.span[0] : p.span[1]]: p for p in places_in(doc, None, load_gazetteer())}
    assert found["Bolton"].country == "GB" and found["Bolton"].mention == "embedded"


def test_a_demonym_of_two_words_spacy_took_for_a_person_is_its_country() -> None:
    text = "Turtles nest on Saint Lucian beaches every spring."
    doc = _with_entities(text, [("Saint Lucian", "PERSON")])
    found = {text[p.span[0] : p.span[1]]: p for p in places_in(doc, None, load_gazetteer())}
    assert found["Saint Lucian"].country == "LC" and found["Saint Lucian"].demonym
