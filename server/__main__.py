"""`python -m server ...` is the `agora` command."""

from server.cli import main

main()
