"""Anki: note types, templates and media, and writing a plan as an .apkg package.

The last stage. Only package.py imports genanki; note type and field ids are frozen
(notetypes.py says why), and every field passes sanitize.py on its way into a package.
"""
