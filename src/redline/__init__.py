"""redline: analyse multi-party negotiations with red lines."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
