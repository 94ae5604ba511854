"""`python -m ceasefire ...`: the same command line as `ceasefire ...`."""

from ceasefire.cli import main

main()
