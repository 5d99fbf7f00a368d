"""Run the command line as ``python -m generator``."""

import sys

from generator.cli.app import main

sys.exit(main())
