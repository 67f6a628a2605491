"""Which folders a build reads: all but hidden ones and the templates and attachments
folders a vault's .obsidian/ names, and the build says what it left out."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from notedeck.cli import main
from notedeck.pipeline import extract_cards

NOTE = "- **Tern:** a slender seabird with a forked tail.\n"


def vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    (root / ".obsidian" / "plugins" / "templater-obsidian").mkdir(parents=True)
    (root / ".obsidian" / "templates.json").write_text(json.dumps({"folder": "Templates"}))
    (root / ".obsidian" / "app.json").write_text(json.dumps({"attachmentFolderPath": "Files"}))
    (root / ".obsidian" / "plugins" / "templater-obsidian" / "data.json").write_text(
        json.dumps({"templates_folder": "Meta/Skeletons"}))
    for folder in ("_posts", "_archive/2023", "Templates", "Files", "Meta/Skeletons", ".trash",
                   ".git"):
        (root / folder).mkdir(parents=True)
        (root / folder / "note.md").write_text(NOTE, encoding="utf-8")
    return root


def test_folders_starting_with_underscore_are_read(tmp_path):
    found = extract_cards([vault(tmp_path)])
    assert sorted(c.source for c in found.cards) == ["_archive/2023/note.md", "_posts/note.md"]


def test_templates_attachments_and_hidden_notes_are_left_out_and_said(tmp_path):
    found = extract_cards([vault(tmp_path)])
    (said,) = [d for d in found.diagnostics if d.code == "not-read"]
    assert said.level == "info"
    assert "1 note in 'Templates', the templates folder of .obsidian/templates.json" in said.message
    assert "1 note in 'Files', the attachments folder of .obsidian/app.json" in said.message
    assert "'Skeletons', the templates folder of .obsidian/plugins/templater-obsidian" \
        in said.message
    assert "hidden folder with notes (.trash)" in said.message
    assert ".git" not in said.message


def test_a_folder_without_obsidian_settings_reads_everything_visible(tmp_path):
    root = tmp_path / "notes"
    for folder in ("Templates", "_drafts"):
        (root / folder).mkdir(parents=True)
        (root / folder / "n.md").write_text(NOTE, encoding="utf-8")
    found = extract_cards([root])
    assert len(found.cards) == 2
    assert not [d for d in found.diagnostics if d.code == "not-read"]


def test_attachments_beside_each_note_set_no_folder_apart(tmp_path):
    root = vault(tmp_path)
    (root / ".obsidian" / "app.json").write_text(json.dumps({"attachmentFolderPath": "./"}))
    found = extract_cards([root])
    assert "Files/note.md" in {c.source for c in found.cards}


def test_what_was_left_out_does_not_fail_a_strict_run(tmp_path, monkeypatch):
    root = vault(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["cards", "--strict", str(root)])
    assert result.exit_code == 0, result.output
    assert "info: not read:" in result.stderr
