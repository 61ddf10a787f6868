"""Options shared by the commands that read and analyse articles (`extract`, `ingest`)."""

from __future__ import annotations

from collections.abc import Callable

import click

from newsclaims.ingest import FORMATS
from newsclaims.ingest.dates import parse_date
from newsclaims.ingest.decode import DEFAULT_MAX_BYTES
from newsclaims.nlp import ATTRIBUTION_MODES


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    date = parse_date(value)
    if date is None:
        raise click.BadParameter(f"not a date: {value!r} (try 2019-07-18)")
    return date


def analysis_options(func: Callable) -> Callable:
    """`INPUT...`, `--input-format`, `--published`, `--model`, `--attribution`, `--jobs`, `--max-bytes`."""
    decorators = [
        click.argument("inputs", nargs=-1, required=True, metavar="INPUT..."),
        click.option(
            "--input-format",
            type=click.Choice(FORMATS),
            default="auto",
            show_default=True,
            help="Format of the inputs; auto goes by file extension, then by content.",
        ),
        click.option(
            "--published",
            callback=_published,
            metavar="DATE",
            help="Publication date for inputs that carry none (anchors 'last week').",
        ),
        click.option("--model", metavar="NAME", help="spaCy pipeline: installed package name or path."),
        click.option(
            "--attribution",
            type=click.Choice(ATTRIBUTION_MODES),
            default="crf",
            show_default=True,
            help="How statements find their cues: the shipped CRF, or neural (adds a MiniLM cue scorer: "
            "extra newsclaims[embeddings], more accurate, about half the speed).",
        ),
        click.option(
            "--jobs", "-j", type=click.IntRange(1), default=1, show_default=True, help="Worker processes."
        ),
        click.option(
            "--max-bytes",
            type=click.IntRange(1),
            default=DEFAULT_MAX_BYTES,
            show_default=True,
            help="Refuse an input larger than this, before parsing.",
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func
