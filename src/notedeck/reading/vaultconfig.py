"""Which folders of an Obsidian vault hold no notes to study: what .obsidian/ names.

A vault keeps its note templates in the folder the Templates core plugin (or Templater)
is set to, and pasted files in the attachment folder of its settings. Notes there are
skeletons or drawings, not study notes, so the build leaves them out, and says so; every
other folder is read (``_posts``, ``_archive``...), except hidden ones (``.git``,
``.trash``, ``.obsidian``); hidden folders that hold notes are named in the report.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

# (settings file under .obsidian/, key naming a folder, what the folder is for)
_SETTINGS = (
    ("templates.json", "folder", "templates"),
    ("plugins/templater-obsidian/data.json", "templates_folder", "templates"),
    ("app.json", "attachmentFolderPath", "attachments"),
)


@dataclass(frozen=True)
class SkippedFolder:
    path: Path          # the folder
    why: str            # "templates" or "attachments": what .obsidian/ says it is for
    setting: str        # the settings file that names it, for the message


@functools.lru_cache(maxsize=256)
def vault_skips(vault: Path) -> tuple[SkippedFolder, ...]:
    """The folders of ``vault`` its settings name as templates or attachments."""
    out = []
    for name, key, why in _SETTINGS:
        try:
            data = json.loads((vault / ".obsidian" / name).read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        folder = data.get(key) if isinstance(data, dict) else None
        # "./" or "./assets" are relative to each note (an attachment beside it), "/" the
        # vault itself: neither is a folder set apart.
        if not isinstance(folder, str) or not folder.strip("/ ") or folder.startswith("."):
            continue
        path = (vault / folder.strip("/")).resolve()
        if path != vault.resolve() and path.is_relative_to(vault.resolve()):
            out.append(SkippedFolder(path, why, f".obsidian/{name}"))
    return tuple(out)


def skipped_folder(folder: Path, vault: Path | None) -> SkippedFolder | None:
    """The setting that sets ``folder`` apart, if any."""
    if vault is None:
        return None
    try:
        resolved = folder.resolve()
    except (OSError, RuntimeError):
        return None
    return next((s for s in vault_skips(vault) if s.path == resolved), None)


@dataclass
class Skips:
    """What a walk of the notes left out: hidden folders, and the notes in the folders
    .obsidian/ sets apart."""

    hidden: list[Path] = field(default_factory=list)
    set_apart: dict[SkippedFolder, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One line saying what was left out and why ('' when nothing was)."""
        parts = []
        for folder, count in self.set_apart.items():
            if not count:
                continue
            parts.append(f"{count} note{'s' * (count != 1)} in '{folder.path.name}', the "
                         f"{folder.why} folder of {folder.setting}")
        if self.hidden:
            names = sorted({p.name for p in self.hidden})
            shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
            parts.append(f"hidden folder{'s' * (len(names) != 1)} with notes ({shown})")
        return "not read: " + "; ".join(parts) if parts else ""
