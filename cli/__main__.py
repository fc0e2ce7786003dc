"""`python -m cli` is the `agentiq` command."""

from cli.main import main

main()
