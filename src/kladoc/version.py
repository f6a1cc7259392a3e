"""The package version, in a module of its own so any layer can read it without importing
the `kladoc` package facade (which lazily reaches the core and the builders)."""

__version__ = "0.1.0"
