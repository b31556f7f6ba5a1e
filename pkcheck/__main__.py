"""Entry point for ``python -m pkcheck``."""

from pkcheck.cli import main

if __name__ == "__main__":
    main()
