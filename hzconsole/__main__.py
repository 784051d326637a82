"""`python -m hzconsole`: what the kit's launchers and `hzconsole serve` run (no .exe
wrapper, which holds the venv's absolute path and breaks when the folder moves)."""

import sys

from hzconsole.cli import main

sys.exit(main())
