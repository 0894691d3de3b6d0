"""Interoperability with the field's file formats (GENIUS XML; KTAB and DEU readers to come)."""

from redline.interop.genius import GeniusError, load_genius, read_domain, read_profile
from redline.interop.genius_export import to_genius, write_genius

__all__ = ["GeniusError", "load_genius", "read_domain", "read_profile", "to_genius",
           "write_genius"]
