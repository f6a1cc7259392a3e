"""`python -m kladoc` — the same as the `kladoc` command."""

from kladoc.cli import run

if __name__ == "__main__":
    run()
