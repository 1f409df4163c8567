"""`python -m pioc_metrics`: the command line (see pioc_metrics.cli)."""

import sys

from pioc_metrics.cli import main

sys.exit(main())
