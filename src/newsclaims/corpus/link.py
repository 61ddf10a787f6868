"""Linking a stored article's statements and events to claims, with each source's stance.

`link_article(session, article_id)` is called by the store after it writes an article (and by
`newsclaims link` to re-run over the store). For each proposition of the article (an event with the statements
that assert or deny it, or a statement that no event holds) it looks up candidate claims in the inverted index
(`newsclaims.corpus.index`), scores them by words and frame (event type, place), and links to the best one above
`LINK_THRESHOLD` or starts a new claim. Each statement becomes one link with a stance and an independent-source
key; the claim's counts and `contested` flag are then recomputed from its links.
"""

from __future__ import annotations

import dataclasses
import hashlib

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from newsclaims.analysis import Analysis, Event, Statement
from newsclaims.corpus.contested import same_organisation, source_key, summarise
from newsclaims.corpus.features import content_tokens, tfidf_cosine
from newsclaims.corpus.index import (
    add_claim_terms,
    candidate_claims,
    claim_terms,
    claim_terms_of,
    ensure_index,
)
from newsclaims.corpus.stance import load_model

# a proposition joins a stored claim at or above this score (cosine of words plus frame agreement)
LINK_THRESHOLD = 0.33
FRAME_BONUS = 0.08  # for the same event type, and again for the same place
MIN_CONTENT_WORDS = 3  # a statement with fewer content words ("denied the allegations") refers to another
MAX_CLAIM_CHARS = 300
DENIAL_MIN_PROBABILITY = 0.5  # the stance model must be this sure to read an assertion as a denial
DENIAL_MIN_SIMILARITY = 0.3  # and the assertion this close to the claim's words


@dataclasses.dataclass
class Proposition:
    """What one article states once: its text, frame, and the statements that assert or deny it."""

    key: str  # "V1" (an event) or "S3" (a statement alone)
    text: str
    event_id: str | None = None
    event_type: str | None = None
    subtype: str | None = None
    place_name: str | None = None
    asserted_by: list[Statement] = dataclasses.field(default_factory=list)
    denied_by: list[Statement] = dataclasses.field(default_factory=list)


def _content(analysis: Analysis, statement: Statement) -> str:
    return " … ".join(analysis.text_of(span) for span in statement.content).strip()


def _is_vague(analysis: Analysis, statement: Statement) -> bool:
    """A statement whose content does not state the proposition itself ("denied the allegations")."""
    return len(content_tokens(_content(analysis, statement))) < MIN_CONTENT_WORDS


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right + 1].strip()


def _event_text(analysis: Analysis, event: Event, asserting: list[Statement]) -> str:
    """The words that best state an event: a headline that asserts it, else the asserting statement around its
    trigger, else the longest asserting statement, else the sentence of its trigger."""
    for st in asserting:
        if st.kind == "headline" and not _is_vague(analysis, st):
            return _content(analysis, st)
    for st in asserting:
        if any(s <= event.trigger[0] and event.trigger[1] <= e for s, e in st.content):
            return _content(analysis, st)
    usable = [_content(analysis, st) for st in asserting if not _is_vague(analysis, st)]
    if usable:
        return max(usable, key=len)
    return _sentence_around(analysis.article.text, event.trigger[0], event.trigger[1])


def propositions(analysis: Analysis) -> list[Proposition]:
    """The propositions of one article: its events with their asserting and denying statements, then the
    statements that no event holds. A vague denial ("denied the allegations") goes with the first (main) event
    it denies only, not with every event of the article."""
    by_id = {st.id: st for st in analysis.statements}
    out: list[Proposition] = []
    used: set[str] = set()
    vague_denial_used: set[str] = set()
    for event in analysis.events:
        asserting = [by_id[s] for s in event.asserted_by if s in by_id]
        denying = []
        for sid in event.denied_by:
            st = by_id.get(sid)
            if st is None:
                continue
            if _is_vague(analysis, st):
                if sid in vague_denial_used:
                    continue
                vague_denial_used.add(sid)
            denying.append(st)
        if not asserting and not denying:
            continue
        text = _event_text(analysis, event, asserting)
        place = (
            analysis.places[event.place].name
            if event.place is not None and event.place < len(analysis.places)
            else None
        )
        out.append(
            Proposition(
                event.id,
                text[:MAX_CLAIM_CHARS],
                event.id,
                event.type,
                event.subtype,
                place,
                asserting,
                denying,
            )
        )
        used.update(st.id for st in asserting + denying)
    for st in analysis.statements:
        if st.id in used or _is_vague(analysis, st):
            continue
        prop = Proposition(st.id, _content(analysis, st)[:MAX_CLAIM_CHARS])
        (prop.denied_by if st.stance == "deny" else prop.asserted_by).append(st)
        out.append(prop)
    return out


def _source_name(analysis: Analysis, statement: Statement) -> str | None:
    if statement.source is None:
        return None
    if statement.source.entity:
        for entity in analysis.entities:
            if entity.id == statement.source.entity:
                return entity.name
    if statement.source.span:
        return analysis.text_of(statement.source.span)
    return None


def _organisation_of(analysis: Analysis, statement: Statement) -> str | None:
    """The organisation a person speaks for ("spokesman for the NLF" -> the NLF's name), when known."""
    if statement.source is None or not statement.source.entity:
        return None
    names = {e.id: e.name for e in analysis.entities}
    for entity in analysis.entities:
        if entity.id == statement.source.entity:
            for role in entity.roles:
                if role.org and role.org in names:
                    return names[role.org]
    return None


def link_stance(claim_text: str, statement_text: str, denied: bool, kind: str | None) -> tuple[str, float]:
    """The stance of one statement toward a claim: a denial cue decides `denies`; otherwise the trained
    headline model decides between supports, reports (hedged: "reportedly") and denies ("a hoax")."""
    if denied:
        return "denies", 0.9
    if not statement_text:
        return "supports", 0.5
    model = load_model("headline")
    pred = model.predict(claim_text, statement_text)
    # an assertion turns into a denial only when it is clearly about the claim ("the report is a hoax"), not
    # when it merely holds a negation somewhere ("Russia did not only fail")
    related = tfidf_cosine(
        content_tokens(claim_text), content_tokens(statement_text), model.idf.values, model.idf.default
    )
    if pred.stance == "denies" and pred.score >= DENIAL_MIN_PROBABILITY and related >= DENIAL_MIN_SIMILARITY:
        return "denies", round(pred.score, 3)
    if pred.stance == "reports" and kind in ("reporter", "according_to") and pred.score >= 0.6:
        return "reports", round(pred.score, 3)
    return "supports", round(max(pred.probabilities.get("supports", 0.0), 0.5), 3)


def _claim_id(article_id: str, key: str) -> str:
    return "C" + hashlib.sha1(f"{article_id}/{key}".encode()).hexdigest()[:15]


def _best_claim(session: Session, prop: Proposition, terms: list[str]) -> tuple[str | None, float]:
    from newsclaims.store.models import ClaimRow

    found = candidate_claims(session, terms)
    if not found:
        return None, 0.0
    idf = load_model("headline").idf
    words = content_tokens(prop.text)
    rows = session.execute(
        select(ClaimRow.id, ClaimRow.text, ClaimRow.event_type, ClaimRow.place_name).where(
            ClaimRow.id.in_([cid for cid, _ in found])
        )
    ).all()
    best: tuple[str | None, float] = (None, 0.0)
    for cid, text, event_type, place_name in rows:
        score = tfidf_cosine(words, content_tokens(text), idf.values, idf.default)
        if prop.event_type and event_type == prop.event_type:
            score += FRAME_BONUS
        if prop.place_name and place_name and place_name.lower() == prop.place_name.lower():
            score += FRAME_BONUS
        if score > best[1]:
            best = (cid, score)
    return best if best[1] >= LINK_THRESHOLD else (None, best[1])


def _load(session: Session, article_id: str):
    from newsclaims.store.models import AnalysisRow, ArticleRow
    from newsclaims.store.rows import analysis_from_json

    row = session.execute(
        select(AnalysisRow.json, ArticleRow.text, ArticleRow.near_duplicate_of, ArticleRow.outlet)
        .join(ArticleRow, ArticleRow.id == AnalysisRow.article_id)
        .where(AnalysisRow.article_id == article_id)
    ).first()
    if row is None:
        return None, None
    analysis = analysis_from_json(row.json, row.text)
    outlet = row.outlet
    if row.near_duplicate_of:  # a copy of a wire story speaks with the voice of the first copy
        root_outlet = session.scalar(select(ArticleRow.outlet).where(ArticleRow.id == row.near_duplicate_of))
        outlet = root_outlet or f"article {row.near_duplicate_of}"
    return analysis, outlet or f"article {article_id}"


def unlink_article(session: Session, article_id: str) -> set[str]:
    """Remove an article's links; returns the claims they pointed at (to be recounted)."""
    from newsclaims.store.models import ClaimLinkRow

    claims = set(session.scalars(select(ClaimLinkRow.claim_id).where(ClaimLinkRow.article_id == article_id)))
    session.execute(delete(ClaimLinkRow).where(ClaimLinkRow.article_id == article_id))
    return claims


def refresh_claims(session: Session, claim_ids: set[str]) -> None:
    """Recount sources and stances of claims from their links; drop claims left without links."""
    from newsclaims.store.models import ClaimLinkRow, ClaimRow

    for cid in claim_ids:
        # one row per (stance, source): a much-repeated claim costs its distinct sources, not its links
        links = session.execute(
            select(ClaimLinkRow.stance, ClaimLinkRow.source_key, func.min(ClaimLinkRow.published))
            .where(ClaimLinkRow.claim_id == cid)
            .group_by(ClaimLinkRow.stance, ClaimLinkRow.source_key)
        ).all()
        last_seen = session.scalar(
            select(func.max(ClaimLinkRow.published)).where(ClaimLinkRow.claim_id == cid)
        )
        claim = session.get(ClaimRow, cid)
        if claim is None:
            continue
        if not links:
            session.execute(delete(claim_terms).where(claim_terms.c.claim_id == cid))
            session.delete(claim)
            continue
        summary = summarise((s, k, p) for s, k, p in links)
        summary.last_seen = max(filter(None, [summary.last_seen, last_seen]), default=None)
        for field, value in dataclasses.asdict(summary).items():
            setattr(claim, field, value)


def link_article(session: Session, article_id: str) -> list[str]:
    """Link the stored article's propositions to claims (new or existing); returns the claim ids touched.

    Re-running it on the same article replaces its links: linking can be re-run over the store.
    """
    from newsclaims.store.models import ClaimLinkRow, ClaimRow

    ensure_index(session)
    touched = unlink_article(session, article_id)
    analysis, outlet = _load(session, article_id)
    if analysis is None:
        refresh_claims(session, touched)
        return sorted(touched)
    published = analysis.article.published
    links = []
    for prop in propositions(analysis):
        terms = claim_terms_of(prop.text, (prop.event_type, prop.place_name))
        claim_id, _ = _best_claim(session, prop, terms)
        if claim_id is None:
            claim_id = _claim_id(article_id, prop.key)
            if session.get(ClaimRow, claim_id) is None:
                session.add(
                    ClaimRow(
                        id=claim_id,
                        text=prop.text,
                        event_type=prop.event_type,
                        subtype=prop.subtype,
                        place_name=prop.place_name,
                        first_seen=published,
                        last_seen=published,
                    )
                )
                session.flush()
                add_claim_terms(session, claim_id, terms)
        claim_text = session.get(ClaimRow, claim_id).text
        seen: set[str] = set()
        for statement, denied in [(s, False) for s in prop.asserted_by] + [(s, True) for s in prop.denied_by]:
            if statement.id in seen:
                continue
            seen.add(statement.id)
            content = _content(analysis, statement)
            stance, score = link_stance(
                claim_text, content, denied or statement.stance == "deny", statement.kind
            )
            name = _source_name(analysis, statement)
            key = source_key(_organisation_of(analysis, statement) or name) or f"outlet {source_key(outlet)}"
            links.append(
                {
                    "claim_id": claim_id,
                    "article_id": article_id,
                    "statement_id": statement.id,
                    "event_id": prop.event_id,
                    "stance": stance,
                    "score": score,
                    "source_name": name or outlet,
                    "source_key": key,
                    "quote": content[:1000],
                    "published": published,
                }
            )
        touched.add(claim_id)
    _one_stance_per_source(links)
    if links:
        session.execute(ClaimLinkRow.__table__.insert(), links)
    session.flush()
    refresh_claims(session, touched)
    return sorted(touched)


def _one_stance_per_source(links: list[dict]) -> None:
    """Within one article a source that denies a claim denies it throughout: its other statements on that claim
    ("Russian servicemen are not taking part in any ground operations") are part of the denial, even where the
    stance model alone is unsure."""
    deniers: dict[str, list[str]] = {}
    for link in links:
        if link["stance"] == "denies":
            deniers.setdefault(link["claim_id"], []).append(link["source_key"])
    for link in links:
        keys = deniers.get(link["claim_id"], [])
        if link["stance"] != "denies" and any(same_organisation(link["source_key"], k) for k in keys):
            link["stance"] = "denies"


def relink_all(session: Session, article_ids: list[str] | None = None) -> int:
    """Re-run linking over stored articles (all, oldest first, or the given ones); returns how many."""
    from newsclaims.store.models import ArticleRow

    ensure_index(session)
    if article_ids is None:
        article_ids = list(
            session.scalars(select(ArticleRow.id).order_by(ArticleRow.published, ArticleRow.ingested_at))
        )
    for article_id in article_ids:
        link_article(session, article_id)
    return len(article_ids)
