"""The command line: thin commands that parse, call the API and render."""

from __future__ import annotations

from redline.cli.app import app, main

__all__ = ["app", "main"]
