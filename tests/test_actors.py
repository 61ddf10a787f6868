"""Actors: mention grouping, roles, affiliations, kinds and the sources of statements, on written articles."""

from __future__ import annotations

from newsclaims import analyze
from newsclaims.analysis import Analysis, Entity
from newsclaims.extract.actor_roles import actor_kind


def entity_named(analysis: Analysis, name: str) -> Entity:
    return next(e for e in analysis.entities if e.name == name)


def mention_texts(analysis: Analysis, entity: Entity) -> list[str]:
    return [analysis.text_of(m) for m in entity.mentions]


ARTICLE = (
    "Fighting resumed near the border on Monday. "
    '"Our positions came under heavy fire," said Major Leila Haddad, a spokeswoman for the Iran-backed '
    "Northern Defence Front (NDF). "
    "Haddad said the front had lost two villages. "
    "The NDF later withdrew from the hills."
)


def test_surname_title_and_full_name_grouped():
    a = analyze(ARTICLE)
    haddad = entity_named(a, "Leila Haddad")
    assert haddad.type == "PERSON" and haddad.kind == "person"
    assert mention_texts(a, haddad)[:2] == ["Leila Haddad", "Haddad"]


def test_title_before_name_is_a_role():
    a = analyze(ARTICLE)
    haddad = entity_named(a, "Leila Haddad")
    assert "major" in [r.title for r in haddad.roles]


def test_apposition_role_with_organisation():
    a = analyze(ARTICLE)
    haddad = entity_named(a, "Leila Haddad")
    role = next(r for r in haddad.roles if r.title == "spokeswoman")
    assert a.text_of(role.span) == "spokeswoman"
    org = next(e for e in a.entities if e.id == role.org)
    assert "Northern Defence Front" in org.name


def test_acronym_grouped_with_full_name():
    a = analyze(ARTICLE)
    front = next(e for e in a.entities if "Northern Defence Front" in e.name)
    assert mention_texts(a, front).count("NDF") == 2


def test_affiliation_backed_by():
    a = analyze(ARTICLE)
    front = next(e for e in a.entities if "Northern Defence Front" in e.name)
    [affiliation] = front.affiliations
    assert affiliation.relation == "backed_by"
    assert a.text_of(affiliation.span) == "Iran-backed"
    assert affiliation.name == "Iran"


def test_pronoun_source_joins_the_person():
    text = "General Omar Salem visited the front on Friday. He said the army would hold the city."
    a = analyze(text)
    salem = entity_named(a, "Omar Salem")
    [s] = [s for s in a.statements if s.kind != "reporter"]
    assert s.source.entity == salem.id
    assert "He" in mention_texts(a, salem)


def test_group_source_and_they_are_one_entity():
    text = (
        "The army shelled the town overnight, senior rebel commanders said. "
        "They said the attack had killed at least ten fighters."
    )
    a = analyze(text)
    sources = [s.source.entity for s in a.statements if s.kind != "reporter" and s.source]
    assert len(sources) == 2 and sources[0] == sources[1] and sources[0] is not None
    group = next(e for e in a.entities if e.id == sources[0])
    assert group.type == "GROUP" and group.kind == "armed_group"


def test_description_source_resolves_to_role_holder():
    text = (
        "The head of a major rebel group said the offensive had stalled. "
        '"We will not retreat," said Karim Nasser, the head of the Free Hills Brigade.'
    )
    a = analyze(text)
    first = [s for s in a.statements if s.kind != "reporter"][0]
    assert a.text_of(first.source.span).startswith("The head")
    assert first.source.entity == entity_named(a, "Karim Nasser").id


def test_kinds():
    assert actor_kind("United Nations", "ORG") == "international_organisation"
    assert actor_kind("Jaish al Izza", "PERSON") == "armed_group"
    assert actor_kind("allied militias", "GROUP") == "militia"
    assert actor_kind("defense ministry officials", "GROUP") == "military"
    assert actor_kind("Reuters", "ORG") == "media"
    assert actor_kind("Maria Lopez", "PERSON") == "person"
    assert actor_kind("civilians", "GROUP") == "civilians"


def test_no_actors_in_empty_text():
    assert analyze("").entities == []
