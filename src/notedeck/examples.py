"""Where the example notes that ship with notedeck live (in a checkout or installed)."""
from __future__ import annotations

from pathlib import Path


def example_notes() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "_examples" / "notes"
    if installed.is_dir():
        return installed
    return here.parent.parent / "examples" / "notes"   # a source checkout (editable install)
