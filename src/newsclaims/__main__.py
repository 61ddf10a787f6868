"""`python -m newsclaims`: the command line."""

from newsclaims.cli import main

main()
