"""Which of a note's term cards stand when two rules read the same definition: one
definition makes one card (the widest reading is kept)."""
from __future__ import annotations

import re
from itertools import combinations

from .text import normalize_key

# "An aldehyde is ..." read whole under the heading "Aldehydes" and again from its verb by
# the sentence rule: the name restating itself is no part of what the reading says.
_SAID_OF_ITSELF = re.compile(r"^(?:an? |the )?([\w -]{2,60}?) (?:is|are) ")


def _bare_reading(definition: str, key: str) -> str:
    """A definition's first line in words (no markup), without its name restating itself."""
    text = normalize_key(re.sub(r"<[^>]*>", "", definition.split("<br>")[0]))
    m = _SAID_OF_ITSELF.match(text) if " is " in text[:80] or " are " in text[:80] else None
    return text[m.end():] if m and m.group(1).rstrip("s") == key.rstrip("s") else text


def _one_name_twice(group: list, dropped: set[int]) -> None:
    """One name in the singular and the plural, a few lines apart, read by two rules
    ("Aldehydes" over "An **aldehyde** is ...", "Thread Pools" over "A thread pool is ..."):
    when one reading holds the other, the narrower goes."""
    keys = {f.key for f in group}
    if len({k.rstrip("s") for k in keys}) == len(keys):
        return      # (most sections: no name twice, nothing to compare)
    by_name: dict[str, list] = {}
    for f in group:
        if id(f) not in dropped:
            by_name.setdefault(f.key.rstrip("s"), []).append(f)
    for same in by_name.values():
        if len(same) < 2:
            continue
        bare = [_bare_reading(str(f.fields.get("definition", "")), f.key) for f in same]
        for i, j in combinations(range(len(same)), 2):
            x, y = same[i], same[j]
            if x.key == y.key or x.rule == y.rule or abs(x.line - y.line) > 4 \
                    or id(x) in dropped or id(y) in dropped:
                continue
            a, b = bare[i], bare[j]
            if a and b and (a in b or b in a):
                dropped.add(id(x) if (len(a), x.confidence) < (len(b), y.confidence) else id(y))


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
        _one_name_twice(group, dropped)
    return [f for f in found if id(f) not in dropped]
