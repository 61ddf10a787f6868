"""Well-known regions, seas, rivers and ranges that news names but the packaged place lists lack.

The packages ship countries, divisions and populated places only, so "the Middle East", "the Gulf", "the EU",
"the Mediterranean" or "the Korean Peninsula" would go unresolved. This short list, written for newsclaims,
gives each a rough central point (good to a few hundred km at best: these areas are large) and a synthetic
negative id (they carry no GeoNames id). A GeoNames dump added with `newsclaims gazetteer add` brings the
real entries, which then compete with these.
"""

from __future__ import annotations

from collections.abc import Iterator

from newsclaims.gazetteer.sources import PlaceRow, _demonym_forms

# name | other names | demonyms | lat | lon | feature code
_REGIONS = """
European Union|EU|European Union|50.1|9.1|RGN
Middle East|Mideast;Near East|Middle Eastern|29.5|42.0|RGN
North Africa|Northern Africa|North African|27.0|12.0|RGN
West Africa|Western Africa|West African|12.0|-3.0|RGN
East Africa|Eastern Africa|East African|2.0|38.0|RGN
Southern Africa||Southern African|-25.0|25.0|RGN
Central Africa||Central African|3.0|20.0|RGN
Sub-Saharan Africa|||5.0|20.0|RGN
Horn of Africa|||8.0|45.0|RGN
Sahel|||15.0|5.0|RGN
Sahara|Sahara Desert||23.0|10.0|DSRT
Latin America||Latin American|-10.0|-65.0|RGN
Central America||Central American|14.0|-87.0|RGN
Caribbean|Caribbean Sea|Caribbean|15.0|-75.0|SEA
South Asia||South Asian|22.0|78.0|RGN
Southeast Asia|South-East Asia|Southeast Asian|8.0|110.0|RGN
Central Asia||Central Asian|43.0|65.0|RGN
East Asia||East Asian|35.0|115.0|RGN
Western Europe||Western European|48.0|4.0|RGN
Eastern Europe||Eastern European|50.0|28.0|RGN
Balkans|Balkan Peninsula|Balkan|43.0|21.0|RGN
Caucasus|Caucasus Mountains|Caucasian|42.5|45.0|RGN
Scandinavia||Scandinavian|63.0|15.0|RGN
Levant|||33.5|36.0|RGN
Kurdistan||Kurdish;Kurd|37.0|44.0|RGN
Gaza Strip|Gaza||31.42|34.38|RGN
West Bank|||31.95|35.25|RGN
Golan Heights|Golan||33.0|35.75|RGN
Korean Peninsula|||37.5|127.5|PEN
Arabian Peninsula|Arabia||23.0|46.0|PEN
Crimea|Crimean Peninsula|Crimean|45.0|34.0|PEN
Donbas|Donbass||48.0|38.0|RGN
Kashmir||Kashmiri|34.0|76.0|RGN
Siberia||Siberian|60.0|105.0|RGN
Patagonia|||-45.0|-69.0|RGN
Amazon|Amazon rainforest;Amazon basin||-3.5|-62.0|RGN
Himalayas|Himalaya||28.0|84.0|MTS
Alps||Alpine|46.5|10.0|MTS
Andes|Andes Mountains||-15.0|-70.0|MTS
Rocky Mountains|Rockies||43.0|-110.0|MTS
Appalachians|Appalachian Mountains|Appalachian|38.0|-80.0|MTS
Atlantic|Atlantic Ocean|Atlantic|0.0|-30.0|OCN
Pacific|Pacific Ocean|Pacific|0.0|-160.0|OCN
Indian Ocean|||-20.0|80.0|OCN
Arctic|Arctic Ocean|Arctic|85.0|0.0|OCN
Mediterranean|Mediterranean Sea|Mediterranean|35.0|18.0|SEA
Red Sea|||20.0|38.5|SEA
Black Sea|||43.5|34.0|SEA
Caspian Sea|Caspian||41.5|50.5|SEA
Baltic Sea|Baltic|Baltic|58.0|20.0|SEA
North Sea|||56.0|3.0|SEA
Aegean Sea|Aegean||39.0|25.0|SEA
Adriatic Sea|Adriatic||43.0|15.0|SEA
South China Sea|||12.0|114.0|SEA
East China Sea|||29.0|125.0|SEA
Sea of Japan|East Sea||40.0|135.0|SEA
Arabian Sea|||15.0|65.0|SEA
Persian Gulf|Gulf;Arabian Gulf||26.5|52.0|GULF
Gulf of Mexico|||25.0|-90.0|GULF
Gulf of Aden|||12.5|48.0|GULF
Strait of Hormuz|||26.6|56.3|STRT
English Channel|||50.2|-1.0|CHN
Suez Canal|||30.5|32.35|CNL
Nile|Nile River;River Nile||23.0|32.0|STM
Euphrates|Euphrates River||35.0|40.0|STM
Tigris|Tigris River||34.5|43.5|STM
Danube|Danube River||45.0|24.0|STM
Mississippi River|||35.0|-90.0|STM
"""


def region_rows() -> Iterator[PlaceRow]:
    """The rows of the list above, with ids -1, -2, ..."""
    for number, line in enumerate(row for row in _REGIONS.strip().splitlines() if row.strip()):
        name, others, demonyms, lat, lon, fcode = line.split("|")
        row = PlaceRow(
            id=-(number + 1),
            name=name,
            fclass="H" if fcode in ("OCN", "SEA", "GULF", "STRT", "CHN", "CNL", "STM") else "L",
            fcode=fcode,
            country=None,
            admin1_code=None,
            admin1=None,
            admin2=None,
            lat=float(lat),
            lon=float(lon),
            population=0,
            source="newsclaims",
        )
        row.add_name(name, "name")
        for other in filter(None, others.split(";")):
            row.add_name(other, "code" if other.isupper() else "alt")
        for demonym in filter(None, demonyms.split(";")):
            for form in _demonym_forms(demonym):
                row.add_name(form, "demonym")
        yield row
