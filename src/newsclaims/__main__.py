"""`python -m newsclaims`: the command line."""

from newsclaims.cli import run

run()
