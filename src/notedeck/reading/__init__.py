"""Reading: note files in a vault -> Note (decoded, repaired, frontmatter) -> Document.

The first stage. It knows nothing of cards: a Document is sections of blocks, every block
with the line of the file it came from, the same model for Markdown and plain text.
"""
from .clean import clean_document
from .document import Document, Note
from .markdown import parse_document
from .note import read_note
from .sources import (
           NoteFile,
           Options,
           Source,
           example_notes,
           find_notes,
           plan_sources,
           vault_of,
)

__all__ = ["Document", "Note", "NoteFile", "Options", "Source", "clean_document",
           "example_notes", "find_notes", "parse_document", "plan_sources", "read_note",
           "vault_of"]
