"""`python -m storefronts.feeds ...` is the `agora-feeds` command."""

import sys

from storefronts.feeds.cli import main

sys.exit(main())
