"""Imports every command module so that each registers its commands on the app."""

from redline.cli import analysis  # noqa: F401
from redline.cli import present  # noqa: F401
