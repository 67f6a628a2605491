"""Which of a note's term cards stand when two rules read the same definition: one
definition makes one card (the widest reading is kept)."""
from __future__ import annotations

from .text import normalize_key


def one_per_definition(found: list) -> list:
    """One definition makes one card: when a section's definitions contain one another
    (the heading "Bids for Connection" over "A bid is any attempt ...", read again by the
    sentence rule), the wider reading is kept."""
    by_section: dict[str, list] = {}
    for f in found:
        by_section.setdefault(f.section, []).append(f)
    dropped: set[int] = set()
    for group in by_section.values():
        if len(group) < 2 or len(group) > 400:
            continue
        # A definition's first line: the items of a list under it are other terms.
        texts = [normalize_key(str(f.fields.get("definition", "")).split("<br>")[0])
                 for f in group]
        # (equal readings: the callout that marks a definition over its sentence read again,
        # "Atoms" named by the note over the sentence's "atom")
        order = sorted(range(len(group)), key=lambda i: (-len(texts[i]), -group[i].confidence,
                                                         group[i].rule != "definition-callout"))
        for n, i in enumerate(order):
            if id(group[i]) in dropped:
                continue
            for j in order[n + 1:]:
                # the same place read by two rules: not two terms that share a wording
                # (a gloss in brackets names the word beside it, not the term of the list
                # or the glossary line it sits in)
                if group[j].key != group[i].key and texts[j] and texts[j] in texts[i] \
                        and not (group[j].rule == "item-gloss" or group[j].rule == "inline-gloss"
                                 and group[i].rule == "glossary-line") \
                        and group[j].rule != group[i].rule \
                        and abs(group[j].line - group[i].line) <= 4:
                    dropped.add(id(group[j]))
    return [f for f in found if id(f) not in dropped]
