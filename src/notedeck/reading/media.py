"""Images referenced by notes: found, checked, and named by their content.

An image travels in the package under ``nd-<sha256 of its bytes>.<ext>``, so an edited
image gets a new name, changes its card, and always reaches the phone. Only files inside
the notes root are packaged: absolute paths, ``..`` that leaves the root, links pointing
out of it, ``file://`` and remote URLs are refused with a warning, never read.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import unquote

from .document import Document, Image, ListBlock, Quote

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".avif"}
MAX_IMAGE_BYTES = 20 * 1024 * 1024
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def image_refs(doc: Document) -> list[tuple[int, int, str]]:
    """(line, first line of its paragraph, target) of every image in the note, in order."""
    out: list[tuple[int, int, str]] = []

    def walk(blocks):
        for block in blocks:
            if isinstance(block, Image):
                out.append((block.line, block.block or block.line, block.target))
            elif isinstance(block, ListBlock):
                for item in block.items:
                    walk(item.children)
            elif isinstance(block, Quote):
                walk(block.blocks)

    for section in doc.sections:
        walk(section.blocks)
    return out


def resolve_image(target: str, note_path: Path, root: Path) -> tuple[Path | None, str, str]:
    """(file, "", "") for an image inside the notes root, else (None, why it was refused,
    the kind of problem: a Diagnostic code)."""
    raw = unquote(target.strip())
    # Shown as the note wrote it (markdown.py escaped the colon of a scheme to parse it).
    target = re.sub(r"^(file|javascript|vbscript|data)%3A", r"\1:", target.strip(), flags=re.I)
    target = target if len(target) <= 120 else target[:117] + "..."
    if _SCHEME.match(raw) or raw.startswith("//"):
        return None, f"image '{target}' is a URL; only image files inside the notes folder " \
                     "are packaged", "image-url"
    if raw.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", raw):
        return None, f"image '{target}' is an absolute path outside the notes folder; " \
                     "refused", "image-outside"
    if Path(raw).suffix.lower() not in IMAGE_SUFFIXES:
        return None, f"'{target}' is not an image file " \
                     f"({', '.join(sorted(IMAGE_SUFFIXES))})", "image-not-image"
    root = root.resolve()
    candidates = [note_path.parent / raw, root / raw]
    if "/" not in raw:      # Obsidian's ![[name.png]] finds the file anywhere in the vault
        candidates += sorted(root.rglob(raw))[:1]
    for candidate in candidates:
        try:
            real = candidate.resolve()
        except (OSError, RuntimeError):      # a symlink loop
            continue
        if not real.is_relative_to(root):
            return None, f"image '{target}' is outside the notes folder; refused", \
                "image-outside"
        if real.is_file():
            if real.stat().st_size > MAX_IMAGE_BYTES:
                return None, f"image '{target}' is larger than " \
                             f"{MAX_IMAGE_BYTES // (1024 * 1024)} MB; skipped", "too-large"
            return real, "", ""
    return None, f"image '{target}' not found", "image-missing"


def media_name(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:20]
    return f"nd-{digest}{path.suffix.lower()}"
