"""`newsclaims extract`: analyse articles and write the Analysis JSON (or a table, or an export)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

import click

from newsclaims.cli.options import analysis_options
from newsclaims.formats import available, writer
from newsclaims.pipeline import Failure


def report(items: Iterable, progress: bool = False) -> Iterator:
    """Pass items through, printing each failure and warning on stderr; remember whether any failed."""
    report.failed = 0  # type: ignore[attr-defined]
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit="article", file=sys.stderr, dynamic_ncols=True)
    for item in items:
        if isinstance(item, Failure):
            report.failed += 1  # type: ignore[attr-defined]
            click.echo(f"newsclaims: {item.source or item.id}: {item.error}", err=True)
        else:
            where = item.article.source or item.article.id
            for warning in item.article.warnings + item.warnings:
                click.echo(f"newsclaims: {where}: warning: {warning}", err=True)
        if bar is not None:
            bar.update(1)
        yield item
    if bar is not None:
        bar.close()


def _many(inputs: tuple[str, ...]) -> bool:
    """Whether to show a progress bar: several inputs (or a directory) and a terminal on stderr."""
    from pathlib import Path

    return sys.stderr.isatty() and (len(inputs) > 3 or any(Path(i).is_dir() for i in inputs))


@click.command()
@analysis_options
@click.option(
    "--format",
    "-f",
    "output_format",
    default="json",
    show_default=True,
    type=click.Choice(["json", "jsonl", "table", "acled-csv", "geojson"]),
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="Write to this file instead of standard output.",
)
def extract(
    inputs: tuple[str, ...],
    input_format: str,
    published: str | None,
    model: str | None,
    attribution: str,
    jobs: int,
    max_bytes: int,
    output_format: str,
    output: str,
) -> None:
    """Analyse articles: who says what happened, to whom, where, when and how many.

    INPUT is a file, a directory (read recursively), - for standard input, or an http(s) URL.

    \b
    Examples:
      newsclaims extract article.md
      newsclaims extract articles/ --format jsonl -o analyses.jsonl
      newsclaims extract --input-format jsonl --format jsonl - < texts.jsonl
      newsclaims extract https://example.com/news/story.html --format table
    """
    from newsclaims.ingest import read_inputs
    from newsclaims.nlp import ModelError
    from newsclaims.pipeline import analyze_many

    if output_format not in available():
        raise click.UsageError(f"format {output_format!r} is not available in this installation")
    write = writer(output_format)
    articles = read_inputs(inputs, input_format=input_format, max_bytes=max_bytes)
    try:
        results = report(
            analyze_many(articles, published=published, model=model, jobs=jobs, attribution=attribution),
            progress=_many(inputs),
        )
        with click.open_file(output, "w", encoding="utf-8", lazy=False) as out:
            write(results, out)
    except ModelError as err:
        raise click.ClickException(str(err)) from err
    if report.failed:  # type: ignore[attr-defined]
        sys.exit(1)
