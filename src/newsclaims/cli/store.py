"""The store's commands: `ingest`, `search`, `articles`, `export`, `stats`.

Every command takes `--db URL` (default `$NEWSCLAIMS_DB`, else `sqlite:///newsclaims.db`).
"""

from __future__ import annotations

import collections
import functools
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import click

from newsclaims.cli.options import analysis_options

EXPORT_FORMATS = ("jsonl", "json", "csv", "acled-csv", "geojson", "parquet")


def db_option(func: Callable) -> Callable:
    return click.option(
        "--db",
        metavar="URL",
        envvar="NEWSCLAIMS_DB",
        help="Database: sqlite:///FILE or postgresql://USER@HOST/DB [default: $NEWSCLAIMS_DB, else "
        "sqlite:///newsclaims.db].",
    )(func)


def filter_options(func: Callable) -> Callable:
    """`--source`, `--since`, `--until`, `--place`, `--no-near-duplicates`, given to the command as one
    `filters` dict of the keyword arguments `Store.articles` and `Store.analyses` take."""
    decorators = [
        click.option("--source", metavar="NAME", help='Outlet, or a source quoted in the article ("UN").'),
        click.option("--since", metavar="DATE", help="Published on or after this date (ISO, 2019-07-01)."),
        click.option("--until", metavar="DATE", help="Published on or before this date."),
        click.option("--place", metavar="NAME", help="A place named in the article."),
        click.option(
            "--no-near-duplicates",
            is_flag=True,
            help="One article per syndication cluster (the first stored).",
        ),
    ]

    @functools.wraps(func)
    def with_filters(
        *args: Any,
        source: str | None,
        since: str | None,
        until: str | None,
        place: str | None,
        no_near_duplicates: bool,
        **kwargs: Any,
    ) -> Any:
        filters = {
            "source": source,
            "since": since,
            "until": until,
            "place": place,
            "near_duplicates": not no_near_duplicates,
        }
        return func(*args, filters=filters, **kwargs)

    for decorator in reversed(decorators):
        with_filters = decorator(with_filters)
    return with_filters


def open_store(db: str | None, link: bool = True):
    from newsclaims.store import Store, StoreError

    try:
        return Store(db, link=link)
    except StoreError as err:
        raise click.ClickException(str(err)) from err


# ---- ingest ------------------------------------------------------------------------------------------


class Summary:
    """Counts of what an ingest did, and the reasons of its failures."""

    def __init__(self) -> None:
        self.counts: collections.Counter[str] = collections.Counter()
        self.reasons: collections.Counter[str] = collections.Counter()

    def failed(self, source: str | None, reason: str) -> None:
        self.counts["failed"] += 1
        self.reasons[reason.split(":")[0] if len(reason) > 80 else reason] += 1
        click.echo(f"newsclaims: {source}: {reason}", err=True)

    def as_dict(self) -> dict[str, Any]:
        keys = ("added", "near-duplicate", "duplicate", "updated", "failed")
        return {k: self.counts[k] for k in keys} | {"reasons": dict(self.reasons.most_common())}

    def line(self) -> str:
        c = self.counts
        parts = [
            f"{c['added']} added",
            f"{c['near-duplicate']} near-duplicate{'s' * (c['near-duplicate'] != 1)}",
            f"{c['duplicate']} duplicate{'s' * (c['duplicate'] != 1)}",
        ]
        if c["updated"]:
            parts.append(f"{c['updated']} re-analysed")
        parts.append(f"{c['failed']} failed")
        text = ", ".join(parts)
        if self.reasons:
            text += "\n" + "\n".join(f"  failed {n}x: {reason}" for reason, n in self.reasons.most_common(10))
        return text


def _skip_stored(store, items: Iterable, summary: Summary, replace: bool) -> Iterator:
    """Drop inputs that are already stored before they are parsed (unless re-analysing)."""
    from newsclaims.pipeline import Failure

    for item in items:
        if not isinstance(item, Failure) and not replace and store.find_existing(item) is not None:
            summary.counts["duplicate"] += 1
            continue
        yield item


def _stored_articles(store, ids: list[str]) -> Iterator:
    for article_id in ids:
        try:
            yield store.get_analysis(article_id).article
        except KeyError:
            continue


def _progress(total: int | None, show: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True, disable=not show)


@click.command()
@analysis_options
@db_option
@click.option(
    "--reanalyse",
    is_flag=True,
    help="Re-run extraction: on the given inputs even when stored, and (without INPUT) on stored articles "
    "analysed by another newsclaims version or model.",
)
@click.option(
    "--all", "all_stored", is_flag=True, help="With --reanalyse and no INPUT: every stored article."
)
@click.option(
    "--link/--no-link", default=True, show_default=True, help="Link statements to claims as stored."
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON line.")
def ingest(
    inputs: tuple[str, ...],
    input_format: str,
    published: str | None,
    model: str | None,
    attribution: str,
    jobs: int,
    max_bytes: int,
    db: str | None,
    reanalyse: bool,
    all_stored: bool,
    link: bool,
    as_json: bool,
) -> None:
    """Analyse articles and store them, once each: files, directories, URLs, feeds, WARC, JSONL.

    The same URL or the same text is stored once (a rerun adds nothing); syndicated copies of a story are
    stored and linked as near-duplicates. Each article is one transaction: after a crash or Ctrl-C, run the
    same command again to resume.

    \b
    Examples:
      newsclaims ingest articles/ --jobs 2
      newsclaims ingest https://example.com/feed.rss --input-format feed
      newsclaims ingest CC-NEWS-20240101.warc.gz --db postgresql://me@localhost/news
      newsclaims ingest --reanalyse            # after upgrading newsclaims or the model
    """
    from newsclaims.ingest import read_inputs
    from newsclaims.nlp import ModelError, model_name
    from newsclaims.nlp import load as load_model
    from newsclaims.pipeline import Failure, analyze_many
    from newsclaims.store import StoreError

    if not inputs and not reanalyse:
        raise click.UsageError("give at least one INPUT (or --reanalyse to re-analyse stored articles)")
    store = open_store(db, link=link)
    summary = Summary()
    if inputs:
        source = _skip_stored(
            store, read_inputs(inputs, input_format=input_format, max_bytes=max_bytes), summary, reanalyse
        )
        total = None
    else:
        try:
            current = model_name(load_model(model, attribution))
        except ModelError as err:
            raise click.ClickException(str(err)) from err
        ids = store.article_ids() if all_stored else store.outdated(current)
        source, total = _stored_articles(store, ids), len(ids)
    show = sys.stderr.isatty()
    bar = _progress(total, show)
    try:
        for item in analyze_many(
            source, published=published, model=model, jobs=jobs, attribution=attribution
        ):
            bar.update(1)
            if isinstance(item, Failure):
                summary.failed(item.source or item.id, item.error)
                continue
            result = store.add(item, replace=reanalyse)
            summary.counts[result.status] += 1
            for warning in item.article.warnings + item.warnings + result.warnings:
                click.echo(
                    f"newsclaims: {item.article.source or item.article.id}: warning: {warning}", err=True
                )
    except ModelError as err:
        raise click.ClickException(str(err)) from err
    except StoreError as err:
        bar.close()
        click.echo(f"stopped; stored so far: {summary.line()}", err=True)
        raise click.ClickException(str(err)) from err
    except KeyboardInterrupt:
        bar.close()
        click.echo(
            f"\ninterrupted; stored so far: {summary.line()}\nrun the same command again to resume", err=True
        )
        sys.exit(130)
    finally:
        bar.close()
    if as_json:
        click.echo(json.dumps(summary.as_dict()))
    else:
        click.echo(f"{store!r}: {summary.line()}")
    if summary.counts["failed"]:
        sys.exit(1)


# Readers of `analysis_options` require INPUT; `ingest --reanalyse` runs without one.
for _param in ingest.params:
    if _param.name == "inputs":
        _param.required = False


# ---- search ------------------------------------------------------------------------------------------


def highlighted(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the given spans in bold yellow (plain when not written to a terminal)."""
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(click.style(text[start:end], fg="yellow", bold=True))
        last = end
    out.append(text[last:])
    return "".join(out)


@click.command()
@click.argument("text")
@db_option
@click.option("--source", metavar="NAME", help='Outlet, or the source of the statement ("UN").')
@click.option("--since", metavar="DATE", help="Published on or after this date.")
@click.option("--place", metavar="NAME", help="A place named in the article.")
@click.option(
    "--limit", "-n", type=click.IntRange(1), default=10, show_default=True, help="Hits of each kind."
)
@click.option(
    "--kind",
    type=click.Choice(["all", "article", "statement"]),
    default="all",
    show_default=True,
    help="Search articles, statements or both.",
)
@click.option(
    "--format", "-f", "output_format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True
)
def search(
    text: str,
    db: str | None,
    source: str | None,
    since: str | None,
    place: str | None,
    limit: int,
    kind: str,
    output_format: str,
) -> None:
    """Full-text search over stored articles and statements, ranked, matching words highlighted.

    TEXT: words that must all occur ("quoted phrases" kept together, OR between alternatives).

    \b
    Examples:
      newsclaims search "air strike" --place Idlib
      newsclaims search ceasefire --source UN --since 2019-07-01
    """
    import dataclasses

    from newsclaims.store import StoreError

    store = open_store(db)
    kinds = ("article", "statement") if kind == "all" else (kind,)
    try:
        hits = store.search(text, source=source, since=since, place=place, limit=limit, kinds=kinds)
    except StoreError as err:
        raise click.ClickException(str(err)) from err
    except Exception as err:  # a query the full-text engine cannot parse
        raise click.ClickException(f"search failed: {err}") from err
    if output_format == "jsonl":
        for hit in hits:
            click.echo(json.dumps(dataclasses.asdict(hit), ensure_ascii=False))
        return
    if not hits:
        click.echo("no match", err=True)
        return
    for hit in hits:
        where = " · ".join(x for x in (hit.published and hit.published[:10], hit.outlet, hit.title) if x)
        if hit.kind == "statement":
            head = f"{hit.source_name or '(no source)'} [{hit.stance}] {hit.article_id}/{hit.statement_id}"
            click.echo(click.style(head, bold=True) + (f"  {where}" if where else ""))
        else:
            click.echo(click.style(f"article {hit.article_id}", bold=True) + (f"  {where}" if where else ""))
        click.echo("    " + highlighted(hit.snippet, hit.highlights))


# ---- articles ----------------------------------------------------------------------------------------


@click.command()
@db_option
@filter_options
@click.option("--limit", "-n", type=click.IntRange(1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["table", "jsonl", "ids"]),
    default="table",
    show_default=True,
)
def articles(
    db: str | None,
    filters: dict[str, Any],
    limit: int,
    offset: int,
    output_format: str,
) -> None:
    """List stored articles, newest first.

    \b
    Examples:
      newsclaims articles --place Idlib --since 2019-07-01
      newsclaims articles --source reuters --format jsonl
    """
    store = open_store(db)
    rows = store.articles(limit=limit, offset=offset, **filters)
    for row in rows:
        if output_format == "ids":
            click.echo(row.id)
        elif output_format == "jsonl":
            data = {
                "id": row.id,
                "url": row.url,
                "title": row.title,
                "outlet": row.outlet,
                "published": row.published,
                "near_duplicate_of": row.near_duplicate_of,
                "chars": len(row.text),
                "ingested_at": row.ingested_at.isoformat() if row.ingested_at else None,
            }
            click.echo(json.dumps(data, ensure_ascii=False))
        else:
            title = row.title or " ".join(row.text[:80].split())
            near = f"  ≈ {row.near_duplicate_of}" if row.near_duplicate_of else ""
            click.echo(
                f"{row.id}  {(row.published or '')[:10]:10}  {(row.outlet or '')[:24]:24}  {title[:70]}{near}"
            )


# ---- export ------------------------------------------------------------------------------------------


@click.command()
@db_option
@filter_options
@click.option(
    "--format", "-f", "output_format", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True
)
@click.option(
    "--table",
    type=click.Choice(["statements", "articles", "entities", "places", "times", "quantities", "events"]),
    default="statements",
    show_default=True,
    help="For csv and parquet: which table to write.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Output file."
)
def export(
    db: str | None,
    filters: dict[str, Any],
    output_format: str,
    table: str,
    output: str,
) -> None:
    """Write stored analyses: jsonl (schema newsclaims/1, lossless), csv, acled-csv, geojson, parquet.

    \b
    Examples:
      newsclaims export -o corpus.jsonl
      newsclaims export --format csv --table statements --source UN -o un.csv
      newsclaims export --format parquet --table events -o events.parquet
    """
    from newsclaims.formats import writer

    store = open_store(db)
    analyses = store.analyses(**filters)
    if output_format in ("csv", "parquet"):
        from newsclaims.formats.csv import write_csv

        if output_format == "parquet":
            from newsclaims.formats.parquet import write_parquet

            if output == "-" and sys.stdout.isatty():
                raise click.UsageError("parquet is binary: give -o FILE")
            try:
                with click.open_file(output, "wb") as out:
                    write_parquet(analyses, out, table=table)
            except RuntimeError as err:
                raise click.ClickException(str(err)) from err
            return
        with click.open_file(output, "w", encoding="utf-8", lazy=False) as out:
            write_csv(analyses, out, table=table)
        return
    try:
        write = writer(output_format)
    except (KeyError, ModuleNotFoundError) as err:
        raise click.ClickException(f"format {output_format!r} is not available in this installation") from err
    with click.open_file(output, "w", encoding="utf-8", lazy=False) as out:
        write(analyses, out)


# ---- stats -------------------------------------------------------------------------------------------


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print as one JSON object.")
def stats(db: str | None, as_json: bool) -> None:
    """What the store holds: articles, near-duplicates, statements, events, claims, outlets, size."""
    store = open_store(db)
    data = store.stats()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    click.echo(repr(store))
    for key in ("articles", "near_duplicates", "analyses", "entities", "statements", "places", "times",
                "quantities", "events", "claims", "contested_claims", "claim_links"):  # fmt: skip
        click.echo(f"  {key.replace('_', ' '):18} {data[key]:>10,}")
    first, last = data["published"]
    if first:
        click.echo(f"  {'published':18} {first[:10]} to {last[:10]}")
    if data["bytes"] is not None:
        click.echo(f"  {'size':18} {data['bytes'] / 1e6:>10,.1f} MB")
    for model, version, n in data["models"]:
        click.echo(f"  model {model or '?'} (newsclaims {version}): {n:,} analyses")
    if data["outlets"]:
        click.echo("  top outlets: " + ", ".join(f"{o} ({n:,})" for o, n in data["outlets"]))
