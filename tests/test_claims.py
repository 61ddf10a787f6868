"""Claims across articles: linking stored statements and events, independent sources, contested claims, the
`claims`, `claim` and `link` commands. Articles here are written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclaims.analysis import Analysis, Cue, Entity, Event, Place, Source, Statement
from newsclaims.article import Article
from newsclaims.cli import main
from newsclaims.corpus import index
from newsclaims.corpus.contested import same_organisation, source_key, summarise
from newsclaims.corpus.link import link_article, propositions
from newsclaims.corpus.queries import claim_detail, list_claims
from newsclaims.store import Store

SHARED_EXAMPLE = (
    Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "reuters-idlib-2019-07-18.md"
)

# Written for this test: an article in the project's own words reporting the Russian defense ministry's denial.
DENIAL_ARTICLE = """# Russia Denies Its Ground Forces Are Fighting in Syria's Idlib

By [Newsclaims Desk](#)

July 19, 2019

Russia's defense ministry on Friday denied that Russian ground forces have been deployed in Idlib, rejecting \
rebel claims that its special forces had joined the Syrian army's offensive in the northwest of the country.

"Russian servicemen are not taking part in any ground operations in Idlib," the ministry said in a statement, \
calling the rebel reports fabricated.

The ministry said its aircraft continued to strike militant positions at the request of the Syrian government.
"""


def _span(text: str, part: str) -> list[int]:
    start = text.index(part)
    return [start, start + len(part)]


def make_analysis(
    article_id: str,
    text: str,
    said: list[tuple[str, str, str, str]],
    *,
    published: str = "2024-05-14",
    outlet: str | None = None,
    event: tuple[str, str, str] | None = None,
    place: str | None = None,
) -> Analysis:
    """An Analysis by hand: `said` is (source words, cue word, content words, stance) per statement; `event` is
    (type, subtype, trigger word) asserted or denied by every statement."""
    entities, statements = [], []
    for i, (source, cue, content, stance) in enumerate(said, 1):
        entities.append(
            Entity(id=f"E{i}", name=source, type="ORG", kind="organisation", mentions=[_span(text, source)])
        )
        statements.append(
            Statement(
                id=f"S{i}",
                source=Source(span=_span(text, source), entity=f"E{i}"),
                cue=Cue(span=_span(text, cue), lemma=cue),
                content=[_span(text, content)],
                kind="indirect",
                stance=stance,
            )
        )
    places = [Place(span=_span(text, place), name=place)] if place else []
    events = []
    if event:
        events.append(
            Event(
                id="V1",
                type=event[0],
                subtype=event[1],
                trigger=_span(text, event[2]),
                place=0 if place else None,
                asserted_by=[s.id for s in statements if s.stance != "deny"],
                denied_by=[s.id for s in statements if s.stance == "deny"],
            )
        )
    article = Article(id=article_id, text=text, published=published, outlet=outlet, title=text.split(".")[0])
    return Analysis(article=article, entities=entities, statements=statements, places=places, events=events)


CLAIM_A = (
    "The Sudanese army said paramilitary fighters shelled the main hospital in El Fasher on Sunday, "
    "killing four patients."
)
CLAIM_B = (
    "The Rapid Support Forces denied that its fighters shelled the main hospital in El Fasher, blaming "
    "army artillery."
)
CLAIM_C = "Local medics said paramilitary fighters shelled the main hospital in El Fasher, where four patients died."
UNRELATED = "The central bank said inflation slowed to four percent in April as fuel prices fell sharply."
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelled")


@pytest.fixture()
def store(tmp_path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'claims.db'}")


def _add_all(store: Store) -> None:
    store.add(
        make_analysis(
            "a1",
            CLAIM_A,
            [
                (
                    "The Sudanese army",
                    "said",
                    "paramilitary fighters shelled the main hospital in El Fasher on Sunday, "
                    "killing four patients",
                    "assert",
                )
            ],
            outlet="Outlet One",
            event=SHELLING,
            place="El Fasher",
            published="2024-05-12",
        )
    )
    store.add(
        make_analysis(
            "b1",
            CLAIM_B,
            [
                (
                    "The Rapid Support Forces",
                    "denied",
                    "its fighters shelled the main hospital in El Fasher",
                    "deny",
                )
            ],
            outlet="Outlet Two",
            event=SHELLING,
            place="El Fasher",
            published="2024-05-13",
        )
    )


def test_source_keys_name_organisations_not_people() -> None:
    assert source_key("Russian defense ministry officials") == source_key("Russia's defence ministry")
    assert same_organisation(
        source_key("the Rapid Support Forces"), source_key("Rapid Support Forces spokesman")
    )
    assert not same_organisation(source_key("Sudanese army"), source_key("Rapid Support Forces"))


def test_summary_counts_sources_not_articles() -> None:
    links = [("supports", "sudan army", "2024-05-12")] * 3 + [
        ("denies", "rapid support forces", "2024-05-13")
    ]
    s = summarise(links)
    assert (s.n_sources, s.n_supports, s.n_denies, s.contested) == (2, 1, 1, True)
    assert (s.first_seen, s.last_seen) == ("2024-05-12", "2024-05-13")


def test_a_source_denying_what_it_said_does_not_make_a_claim_contested() -> None:
    s = summarise(
        [("supports", "rapid support forces", None), ("denies", "rapid support forces spokesman", None)]
    )
    assert not s.contested and s.n_sources == 1


def test_support_and_denial_from_two_organisations_make_one_contested_claim(store: Store) -> None:
    _add_all(store)
    with store.session() as session:
        contested = list_claims(session, contested=True)
        assert len(contested) == 1
        detail = claim_detail(session, contested[0]["id"])
    stances = {(link["source"], link["stance"]) for link in detail["links"]}
    assert stances == {("The Sudanese army", "supports"), ("The Rapid Support Forces", "denies")}
    assert [link["published"] for link in detail["links"]] == ["2024-05-12", "2024-05-13"]  # time order
    assert detail["n_sources"] == 2 and detail["place"] == "El Fasher"


def test_a_third_supporting_source_joins_the_same_claim(store: Store) -> None:
    _add_all(store)
    store.add(
        make_analysis(
            "c1",
            CLAIM_C,
            [
                (
                    "Local medics",
                    "said",
                    "paramilitary fighters shelled the main hospital in El Fasher, where four patients died",
                    "assert",
                )
            ],
            outlet="Outlet Three",
            event=SHELLING,
            place="El Fasher",
            published="2024-05-14",
        )
    )
    with store.session() as session:
        [claim] = list_claims(session, contested=True)
        assert claim["n_sources"] == 3 and claim["n_supports"] == 2 and claim["n_denies"] == 1
        assert claim["last_seen"] == "2024-05-14"


def test_unrelated_statement_starts_its_own_claim(store: Store) -> None:
    _add_all(store)
    store.add(
        make_analysis(
            "d1",
            UNRELATED,
            [
                (
                    "The central bank",
                    "said",
                    "inflation slowed to four percent in April as fuel prices fell sharply",
                    "assert",
                )
            ],
        )
    )
    with store.session() as session:
        claims = list_claims(session)
        assert len(claims) == 2
        assert len(list_claims(session, about="inflation")) == 1
        assert len(list_claims(session, actor="central bank")) == 1
        assert len(list_claims(session, place="Fasher")) == 1
        assert list_claims(session, since="2024-06-01") == []


def test_relinking_is_idempotent(store: Store) -> None:
    _add_all(store)
    with store.session() as session:
        before = claim_detail(session, list_claims(session)[0]["id"])
        link_article(session, "a1")
        link_article(session, "b1")
        after = claim_detail(session, list_claims(session)[0]["id"])
    assert len(after["links"]) == len(before["links"]) == 2
    assert after["contested"]


def test_vague_denial_goes_with_the_main_event_only() -> None:
    text = (
        "Rebels said Russian special forces joined the assault on the hilltops. Rebels said Russian jets "
        "bombed the town market. Officials denied the allegations."
    )
    analysis = make_analysis(
        "v1",
        text,
        [
            ("Rebels", "said", "Russian special forces joined the assault on the hilltops", "assert"),
            ("Officials", "denied", "the allegations", "deny"),
        ],
    )
    bombing = Event(
        id="V2",
        type="Explosions/Remote violence",
        subtype="Air/drone strike",
        trigger=_span(text, "bombed"),
        asserted_by=[],
        denied_by=["S2"],
    )
    first = Event(
        id="V1",
        type="Battles",
        subtype="Armed clash",
        trigger=_span(text, "assault"),
        asserted_by=["S1"],
        denied_by=["S2"],
    )
    analysis.events = [first, bombing]
    props = propositions(analysis)
    assert [p.key for p in props] == ["V1"]
    assert [s.id for s in props[0].denied_by] == ["S2"]


def test_candidates_come_from_a_bounded_index_look_up(store: Store, monkeypatch) -> None:
    monkeypatch.setattr(index, "MAX_CANDIDATES", 5)
    with store.session() as session:
        index.ensure_index(session)
        for i in range(40):
            index.add_claim_terms(session, f"C{i}", ["hospital", "fasher", f"unique{i}"])
        found = index.candidate_claims(session, ["hospital", "fasher"])
    assert 0 < len(found) <= 5
    assert all(n == 2 for _, n in found)


def test_cli_claims_claim_and_link(store: Store) -> None:
    _add_all(store)
    db = store.url
    runner = CliRunner()
    listed = runner.invoke(main, ["claims", "--db", db, "--contested", "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    [row] = [json.loads(x) for x in listed.stdout.splitlines()]
    shown = runner.invoke(main, ["claim", "--db", db, row["id"]])
    assert shown.exit_code == 0, shown.output
    assert (
        "CONTESTED" in shown.stdout
        and "The Rapid Support Forces" in shown.stdout
        and "denies" in shown.stdout
    )
    relinked = runner.invoke(main, ["link", "--db", db])
    assert relinked.exit_code == 0, relinked.output
    again = runner.invoke(main, ["claims", "--db", db, "--contested", "--format", "jsonl"])
    assert [json.loads(x)["id"] for x in again.stdout.splitlines()] == [row["id"]]
    missing = runner.invoke(main, ["claim", "--db", db, "Cnope"])
    assert missing.exit_code != 0 and "no claim" in missing.output


@pytest.mark.skipif(not SHARED_EXAMPLE.exists(), reason="../shared/examples is absent")
def test_reuters_example_and_a_ministry_denial_give_one_contested_claim(tmp_path) -> None:
    from newsclaims.ingest import read_path
    from newsclaims.pipeline import analyze

    denial = tmp_path / "russia-denies.md"
    denial.write_text(DENIAL_ARTICLE, encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'example.db'}")
    for path in (SHARED_EXAMPLE, denial):
        assert not store.add(analyze(read_path(path))).warnings
    with store.session() as session:
        contested = list_claims(session, contested=True)
        assert len(contested) == 1
        detail = claim_detail(session, contested[0]["id"])
    supporters = {link["source"] for link in detail["links"] if link["stance"] == "supports"}
    deniers = {link["source_key"] for link in detail["links"] if link["stance"] == "denies"}
    assert any("rebel" in (s or "").lower() for s in supporters)
    assert any("russia" in k or "ministry" in k for k in deniers)
    assert not any("rebel" in k for k in deniers)
    articles = {link["article"]["id"] for link in detail["links"] if link["stance"] == "denies"}
    assert len(articles) == 2  # the denial in the Reuters story and in the ministry article
    shown = CliRunner().invoke(main, ["claim", "--db", store.url, contested[0]["id"]])
    assert shown.exit_code == 0 and "denies" in shown.stdout and "supports" in shown.stdout
