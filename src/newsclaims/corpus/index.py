"""The inverted index of claims: term -> claims, so that linking looks up candidates, never scans all claims.

Its table (`claim_terms`) is created on first use beside the store's tables. Each look-up reads at most
`PER_TERM` postings of each of at most `QUERY_TERMS` query terms (the newest first), so its cost does not grow
with the number of stored claims.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, insert, select
from sqlalchemy.orm import Session

from newsclaims.corpus.features import content_tokens
from newsclaims.corpus.stance import load_model

QUERY_TERMS = 6  # the rarest terms of a proposition that are looked up
PER_TERM = 64  # newest postings read per term
MAX_CANDIDATES = 12

metadata = MetaData()
claim_terms = Table(
    "claim_terms",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("term", String(80), nullable=False),
    Column("claim_id", String(64), nullable=False),
    Index("ix_claim_terms_term_seq", "term", "seq"),
    Index("ix_claim_terms_claim", "claim_id"),
)
_ready: set[int] = set()


def ensure_index(session: Session) -> None:
    """Create the index table once per engine (a no-op when it exists), inside the session's transaction:
    a second connection would wait for the session's own write lock on SQLite."""
    engine = session.get_bind()
    key = id(engine)
    if key not in _ready:
        metadata.create_all(session.connection(), checkfirst=True)
        _ready.add(key)


def claim_terms_of(text: str, frame: Iterable[str | None] = ()) -> list[str]:
    """Index terms of a claim: its distinct stemmed content words, plus frame values ("place:idlib")."""
    terms = list(dict.fromkeys(t for t in content_tokens(text) if len(t) > 1 and not t.isdigit()))
    terms += [f"frame:{v.lower()}"[:80] for v in frame if v]
    return [t[:80] for t in terms]


def _rarest(terms: list[str], k: int) -> list[str]:
    # a static idf (from the stance training texts) ranks terms; unseen words, often names, rank first
    idf = load_model("headline").idf
    words = [t for t in terms if not t.startswith("frame:")]
    words.sort(key=lambda t: -idf.values.get(t, idf.default))
    return words[:k]


def add_claim_terms(session: Session, claim_id: str, terms: Iterable[str]) -> None:
    """Post a claim under its terms."""
    rows = [{"term": t, "claim_id": claim_id} for t in dict.fromkeys(terms)]
    if rows:
        session.execute(insert(claim_terms), rows)


def candidate_claims(session: Session, terms: list[str], min_shared: int = 2) -> list[tuple[str, int]]:
    """Claims sharing at least `min_shared` of the rarest query terms, most shared first (ids, counts)."""
    shared: Counter[str] = Counter()
    for term in _rarest(terms, QUERY_TERMS):
        ids = session.scalars(
            select(claim_terms.c.claim_id)
            .where(claim_terms.c.term == term)
            .order_by(claim_terms.c.seq.desc())
            .limit(PER_TERM)
        ).all()
        shared.update(set(ids))
    need = min(min_shared, max(1, len(terms)))
    return [(cid, n) for cid, n in shared.most_common(MAX_CANDIDATES) if n >= need]
