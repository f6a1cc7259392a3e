"""`python -m kladoc` and the `kladoc` command.

The CLI is imported only when the command runs: worker processes started with the spawn
method import the main module again, and they need none of the CLI."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    from kladoc.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
