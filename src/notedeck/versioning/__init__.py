"""Versioning: card identity between builds.

The card lock (what every card ever shipped was), the plan of a deck's next version
against it (added, changed, retired, revived, moved; mods kept while content is unchanged),
the changelog, and the build cache that makes a rebuild read only what changed.
"""
