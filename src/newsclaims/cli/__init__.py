"""The `newsclaims` command line: a thin layer over the library.

Each command lives in its own module and is loaded only when called, so `newsclaims --help` is instant and
one area's dependencies (a database driver, a web server) never slow another command.
"""

from __future__ import annotations

from importlib import import_module

import click

# command name -> "module:attribute" (modules under newsclaims.cli)
COMMANDS: dict[str, str] = {
    "extract": "extract:extract",
    "gazetteer": "gazetteer:gazetteer",
    "ingest": "store:ingest",
    "search": "store:search",
    "articles": "store:articles",
    "export": "store:export",
    "stats": "store:stats",
    "claims": "corpus:claims",
    "claim": "corpus:claim",
    "link": "corpus:link",
    "stance": "corpus:stance",
    "match": "corpus:match",
    "serve": "serve:serve",
}


class LazyGroup(click.Group):
    """A group whose sub-commands are imported on first use; commands whose module is absent are hidden."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._load(name) is not None]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        try:
            mod = import_module(f"newsclaims.cli.{module}")
        except ModuleNotFoundError as err:
            if err.name == f"newsclaims.cli.{module}":
                return None
            raise
        return getattr(mod, attr, None)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsclaims")
def main() -> None:
    """newsclaims: who claims what happened, to whom, where, when and how many, and who denies it."""


def run() -> None:
    """The console script: `main`, with torch kept out of `extract` processes that do not need it, and numpy's
    idle BLAS threads out of the commands that parse."""
    import os
    import sys

    command = sys.argv[1] if len(sys.argv) > 1 else None
    if command in ("extract", "ingest"):
        # numpy's OpenBLAS starts a thread pool when it loads, though spaCy multiplies with BLIS and never
        # uses it. A process that has ever had a second thread takes glibc's atomic path on every mutex, and
        # spaCy's parser hands the GIL over millions of times: ~10% of the parse's CPU, in --jobs workers too
        # (they are forked from this process). It must be set before numpy is imported; a user's own wins.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if command == "extract":
        from newsclaims.torch_guard import block_torch_import, model_argument

        if model_argument(sys.argv[2:], "--attribution") != "neural":  # the neural cue scorer runs on torch
            block_torch_import(model_argument(sys.argv[2:]))
    main()
