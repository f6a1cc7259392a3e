"""Renderers of a CheckResult: terminal, JSON (and later Excel, HTML, Markdown)."""
