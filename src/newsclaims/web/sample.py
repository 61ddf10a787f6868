"""A small sample corpus for the UI's tests, screenshots and load benchmark.

The articles are fictional, written for newsclaims (no third-party text). Their analyses are made by hand
here, spans found by searching the text, so the UI can be tested without the spaCy pipeline and whatever
the extractors currently find. One claim is contested: sources support it and a ministry denies it.
"""

from __future__ import annotations

from typing import Any

from newsclaims.analysis import Analysis, Cue, Entity, Event, Place, Quantity, Source, Statement, Time
from newsclaims.article import Article

CONTESTED_CLAIM_ID = "sample-kafr-nabl-shelling"
QUIET_CLAIM_ID = "sample-beirut-protest"


def span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """The `[start, end)` of the `nth` occurrence of `phrase` in `text` (ValueError when absent)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return (start, start + len(phrase))


def _article(aid: str, title: str, body: str, outlet: str, published: str) -> Article:
    return Article(
        id=aid,
        text=f"{title}\n\n{body}",
        title=title,
        outlet=outlet,
        published=published,
        language="en",
        url=f"https://{outlet.lower().replace(' ', '')}.example/{aid}",
        format="markdown",
        byline=["Staff reporter"],
    )


def _ledger() -> Analysis:
    title = "Shelling Kills 12 Civilians in Kafr Nabl, Monitors Say"
    body = (
        "Government forces shelled the town of Kafr Nabl in Idlib province on Sunday, killing 12 civilians, "
        'a monitoring group said.\n\n"We counted twelve dead, most of them children," said Rami Haddad, '
        "a monitor with the Idlib Observatory. He said the shells struck a market shortly after dawn.\n\n"
        "More than 3,000 families have fled the town since March 1, according to local officials."
    )
    a = _article("sample-ledger-0302", title, body, "Northern Ledger", "2026-03-02")
    t = a.text
    quote = span(t, "We counted twelve dead, most of them children,")
    he_said = span(t, "He said")
    he, he_cue = (he_said[0], he_said[0] + 2), (he_said[0] + 3, he_said[1])
    return Analysis(
        article=a,
        model="hand-made",
        entities=[
            Entity("E1", "Rami Haddad", "PERSON", "person", [span(t, "Rami Haddad"), he]),
            Entity("E2", "Idlib Observatory", "ORG", "organisation", [span(t, "Idlib Observatory")]),
            Entity("E3", "Government forces", "ORG", "armed_group", [span(t, "Government forces")]),
        ],
        statements=[
            Statement(
                "S1",
                Source(span(t, "a monitoring group"), None),
                Cue(span(t, "said", 0), "say"),
                [
                    span(
                        t,
                        "Government forces shelled the town of Kafr Nabl in Idlib province on Sunday, killing 12 civilians",
                    )
                ],
                "indirect",
                "assert",
                0.9,
            ),
            Statement(
                "S2",
                Source(span(t, "Rami Haddad"), "E1"),
                Cue(span(t, "said", 1), "say"),
                [quote],
                "direct",
                "assert",
                0.95,
            ),
            Statement(
                "S3",
                Source(he, "E1"),
                Cue(he_cue, "say"),
                [span(t, "the shells struck a market shortly after dawn")],
                "indirect",
                "assert",
                0.9,
            ),
            Statement(
                "S4",
                Source(span(t, "local officials"), None),
                Cue(span(t, "according to"), "according to"),
                [span(t, "More than 3,000 families have fled the town since March 1")],
                "according_to",
                "assert",
                0.8,
            ),
        ],
        places=[
            Place(span(t, "Kafr Nabl", 0), "Kafr Nabl", 169304, 35.61, 36.56, "SY", "Idlib", "PPL"),
            Place(span(t, "Kafr Nabl", 1), "Kafr Nabl", 169304, 35.61, 36.56, "SY", "Idlib", "PPL"),
            Place(span(t, "Idlib province"), "Idlib", 169388, 35.93, 36.63, "SY", "Idlib", "ADM1"),
        ],
        times=[
            Time(span(t, "Sunday"), "DATE", "2026-03-01"),
            Time(span(t, "since March 1"), "DATE", "2026-03-01", "START"),
        ],
        quantities=[
            Quantity(span(t, "12 Civilians"), 12, "=", "civilians", "killed"),
            Quantity(span(t, "12 civilians"), 12, "=", "civilians", "killed"),
            Quantity(span(t, "More than 3,000 families"), 3000, ">", "families", "displaced"),
        ],
        events=[
            Event(
                "V1",
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
                span(t, "shelled"),
                "ASSAULT",
                ["E3"],
                [],
                1,
                0,
                [1],
                ["S1", "S2"],
                [],
            ),
        ],
    )


def _wire() -> Analysis:
    title = "Ministry Denies Shelling Kafr Nabl"
    body = (
        "The defence ministry on Monday denied that its forces had shelled Kafr Nabl.\n\n"
        '"No shells were fired at civilian areas," ministry spokesman Omar Saleh told reporters in Damascus, '
        "calling the reports fabricated."
    )
    a = _article("sample-wire-0303", title, body, "Capital Wire", "2026-03-03")
    t = a.text
    return Analysis(
        article=a,
        model="hand-made",
        entities=[
            Entity("E1", "Omar Saleh", "PERSON", "person", [span(t, "Omar Saleh")]),
            Entity("E2", "defence ministry", "ORG", "organisation", [span(t, "defence ministry")]),
        ],
        statements=[
            Statement(
                "S1",
                Source(span(t, "The defence ministry"), "E2"),
                Cue(span(t, "denied"), "deny"),
                [span(t, "its forces had shelled Kafr Nabl")],
                "indirect",
                "deny",
                0.9,
            ),
            Statement(
                "S2",
                Source(span(t, "Omar Saleh"), "E1"),
                Cue(span(t, "told"), "tell"),
                [span(t, "No shells were fired at civilian areas,")],
                "direct",
                "deny",
                0.92,
            ),
            Statement(
                "S0",
                Source(None, None),
                Cue(span(t, "Denies"), "deny"),
                [span(t, "Shelling Kafr Nabl")],
                "headline",
                "deny",
                0.7,
            ),
        ],
        places=[
            Place(span(t, "Kafr Nabl", 0), "Kafr Nabl", 169304, 35.61, 36.56, "SY", "Idlib", "PPL"),
            Place(span(t, "Kafr Nabl", 1), "Kafr Nabl", 169304, 35.61, 36.56, "SY", "Idlib", "PPL"),
            Place(span(t, "Damascus"), "Damascus", 170654, 33.51, 36.29, "SY", "Dimashq", "PPLC"),
        ],
        times=[Time(span(t, "Monday"), "DATE", "2026-03-02")],
        events=[
            Event(
                "V1",
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
                span(t, "shelled"),
                "ASSAULT",
                ["E2"],
                [],
                1,
                None,
                [],
                [],
                ["S1", "S2"],
            ),
        ],
    )


def _coast() -> Analysis:
    title = "Aid Convoy Reaches Idlib After Shelling"
    body = (
        "An aid convoy reached Maarat al-Numan on Wednesday, three days after the shelling of nearby Kafr Nabl.\n\n"
        "Doctors at the field hospital confirmed that 14 people were killed in the attack, the aid agency "
        "Hands Across said in a statement."
    )
    a = _article("sample-coast-0304", title, body, "Coastal Times", "2026-03-04")
    t = a.text
    return Analysis(
        article=a,
        model="hand-made",
        entities=[Entity("E1", "Hands Across", "ORG", "organisation", [span(t, "Hands Across")])],
        statements=[
            Statement(
                "S1",
                Source(span(t, "Hands Across"), "E1"),
                Cue(span(t, "said in a statement"), "say"),
                [span(t, "Doctors at the field hospital confirmed that 14 people were killed in the attack")],
                "indirect",
                "assert",
                0.88,
            ),
        ],
        places=[
            Place(span(t, "Idlib"), "Idlib", 169388, 35.93, 36.63, "SY", "Idlib", "ADM1"),
            Place(span(t, "Maarat al-Numan"), "Maarat al-Numan", 169897, 35.64, 36.67, "SY", "Idlib", "PPL"),
            Place(span(t, "Kafr Nabl"), "Kafr Nabl", 169304, 35.61, 36.56, "SY", "Idlib", "PPL"),
        ],
        times=[
            Time(span(t, "Wednesday"), "DATE", "2026-03-04"),
            Time(span(t, "three days"), "DURATION", "P3D"),
        ],
        quantities=[Quantity(span(t, "14 people"), 14, "=", "people", "killed")],
        events=[
            Event(
                "V1",
                "Strategic developments",
                "Other",
                span(t, "reached", 0),
                "AID",
                [],
                [],
                1,
                0,
                [],
                ["S1"],
                [],
            ),
            Event(
                "V2",
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
                span(t, "shelling"),
                "ASSAULT",
                [],
                [],
                2,
                None,
                [0],
                ["S1"],
                [],
            ),
        ],
    )


def _beirut() -> Analysis:
    title = "Thousands Protest Fuel Prices in Beirut"
    body = (
        "Thousands of people marched through central Beirut on Tuesday to protest rising fuel prices, "
        "organisers said.\n\nThe march ended peacefully outside parliament, police said."
    )
    a = _article("sample-beirut-0303", title, body, "Levant Daily", "2026-03-03")
    t = a.text
    return Analysis(
        article=a,
        model="hand-made",
        entities=[
            Entity("E1", "organisers", "NORP", "group", [span(t, "organisers")]),
            Entity("E2", "police", "ORG", "institution", [span(t, "police")]),
        ],
        statements=[
            Statement(
                "S1",
                Source(span(t, "organisers"), "E1"),
                Cue(span(t, "said", 0), "say"),
                [
                    span(
                        t,
                        "Thousands of people marched through central Beirut on Tuesday to protest rising fuel prices",
                    )
                ],
                "indirect",
                "assert",
                0.9,
            ),
            Statement(
                "S2",
                Source(span(t, "police"), "E2"),
                Cue(span(t, "said", 1), "say"),
                [span(t, "The march ended peacefully outside parliament")],
                "indirect",
                "assert",
                0.9,
            ),
        ],
        places=[
            Place(span(t, "Beirut", 0), "Beirut", 276781, 33.89, 35.50, "LB", "Beyrouth", "PPLC"),
            Place(span(t, "Beirut", 1), "Beirut", 276781, 33.89, 35.50, "LB", "Beyrouth", "PPLC"),
        ],
        times=[Time(span(t, "Tuesday"), "DATE", "2026-03-03")],
        quantities=[Quantity(span(t, "Thousands of people"), 1000, ">", "people", None)],
        events=[
            Event(
                "V1",
                "Protests",
                "Peaceful protest",
                span(t, "marched"),
                "PROTEST",
                ["E1"],
                [],
                1,
                0,
                [0],
                ["S1", "S2"],
                [],
            )
        ],
    )


def sample_analyses() -> list[Analysis]:
    """The four sample articles with their hand-made analyses."""
    return [_ledger(), _wire(), _coast(), _beirut()]


def sample_claims() -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(claim row, link rows) for the sample corpus: one contested claim, one that nobody disputes."""
    contested = {
        "id": CONTESTED_CLAIM_ID,
        "text": "Government forces shelled Kafr Nabl, killing civilians",
        "event_type": "Explosions/Remote violence",
        "subtype": "Shelling/artillery/missile attack",
        "place_name": "Kafr Nabl",
        "first_seen": "2026-03-02",
        "last_seen": "2026-03-04",
        "contested": True,
        "n_sources": 4,
        "n_supports": 2,
        "n_denies": 2,
    }
    links = [
        (
            "sample-ledger-0302",
            "S2",
            "V1",
            "supports",
            "Rami Haddad",
            "We counted twelve dead, most of them children,",
            "2026-03-02",
        ),
        (
            "sample-wire-0303",
            "S1",
            "V1",
            "denies",
            "defence ministry",
            "its forces had shelled Kafr Nabl",
            "2026-03-03",
        ),
        (
            "sample-wire-0303",
            "S2",
            None,
            "denies",
            "Omar Saleh",
            "No shells were fired at civilian areas,",
            "2026-03-03",
        ),
        (
            "sample-coast-0304",
            "S1",
            "V2",
            "supports",
            "Hands Across",
            "14 people were killed in the attack",
            "2026-03-04",
        ),
    ]
    quiet = {
        "id": QUIET_CLAIM_ID,
        "text": "Thousands protested fuel prices in Beirut",
        "event_type": "Protests",
        "subtype": "Peaceful protest",
        "place_name": "Beirut",
        "first_seen": "2026-03-03",
        "last_seen": "2026-03-03",
        "contested": False,
        "n_sources": 1,
        "n_supports": 1,
        "n_denies": 0,
    }
    quiet_links = [
        (
            "sample-beirut-0303",
            "S1",
            "V1",
            "supports",
            "organisers",
            "Thousands of people marched",
            "2026-03-03",
        )
    ]

    def rows(claim_id: str, items: list[tuple]) -> list[dict[str, Any]]:
        keys = ("article_id", "statement_id", "event_id", "stance", "source_name", "quote", "published")
        return [
            dict(zip(keys, item, strict=True))
            | {"claim_id": claim_id, "score": 0.9, "source_key": item[4].lower()}
            for item in items
        ]

    return [(contested, rows(CONTESTED_CLAIM_ID, links)), (quiet, rows(QUIET_CLAIM_ID, quiet_links))]


def load_sample(store: Any) -> list[str]:
    """Add the sample analyses and claims to a `newsclaims.store.Store`; returns the article ids."""
    from sqlalchemy import delete, insert

    from newsclaims.store.models import ClaimLinkRow, ClaimRow

    ids = [store.add(analysis).article_id for analysis in sample_analyses()]
    with store.session() as session:
        for claim, links in sample_claims():
            session.execute(delete(ClaimLinkRow).where(ClaimLinkRow.claim_id == claim["id"]))
            session.execute(delete(ClaimRow).where(ClaimRow.id == claim["id"]))
            session.execute(insert(ClaimRow), [claim])
            session.execute(insert(ClaimLinkRow), links)
    return ids
