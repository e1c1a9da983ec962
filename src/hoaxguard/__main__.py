"""``python -m hoaxguard`` runs the command-line interface."""

import sys

from hoaxguard.cli import main

sys.exit(main())
