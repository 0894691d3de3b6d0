"""Interoperability with the field's file formats (GENIUS XML; KTAB SMP CSV and DEU III TSV)."""

from redline.interop.genius import load_genius, read_domain, read_profile
from redline.interop.genius_export import to_genius, write_genius
from redline.interop.genius_numeric import GeniusError
from redline.interop.spatial import read_spatial, space_document

__all__ = ["GeniusError", "load_genius", "read_domain", "read_profile", "read_spatial",
           "space_document", "to_genius", "write_genius"]
