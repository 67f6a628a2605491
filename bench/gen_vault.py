#!/usr/bin/env python3
"""Generate a synthetic, deterministic study-notes vault for benchmarking notedeck.

    python bench/gen_vault.py OUT --notes 1000 --seed 1

writes

    OUT/vault/            the notes, as notedeck reads them (an Obsidian vault:
        .obsidian/          has a .obsidian/ folder, notes in topic sub-folders)
        <topic>/<stem>.md   ~2/3 Obsidian-style Markdown
        <topic>/<stem>.txt  ~1/3 plain text (saved pages, typed notes)
    OUT/ankdown/          the same cards in ankdown's syntax, one .md per note
        <topic>/<stem>.md   (front / % / back / % / tags / --- between cards)
    OUT/manifest.json     counts: notes, bytes, intended cards per kind, seed

Every note is 3-6 KB and carries about 13.5 cards. Note i depends only on (seed, i), so the
vault of 1,000 notes is the first 1,000 notes of the vault of 10,000. Standard library only;
the vocabulary is built in (no downloads).
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

GENERATOR_VERSION = 1          # bump when the output changes (bench/run.py caches on it)

# --- vocabulary ---------------------------------------------------------------------------
# Words for names of concepts (terms, acronyms) and for filler prose. Deliberately free of
# the words notedeck's extractors key on ("is", "refers", "defined", "myth", "stands", ...)
# so the filler prose makes no cards by accident.

ADJECTIVES = """
adaptive affective ambient analytic anchored applied associative asymmetric attentional
autonomic balanced baseline behavioral bounded calibrated canonical causal central
chronic circular clinical cognitive collective comparative compensatory complex
conditioned contextual continuous convergent cooperative core cortical critical cumulative
cyclic deep default deliberate dense developmental differential diffuse direct discrete
distal distributed divergent dominant dynamic early ecological embedded emergent emotional
empirical encoded endogenous episodic evaluative executive explicit exploratory external
fast flexible fluid focal formal fragmented functional generative global gradual graded
habitual hidden hierarchical holistic implicit incremental indirect inferential inhibitory
integrative intentional interactive internal intrinsic inverse iterative latent lateral
layered linear local longitudinal low marginal mediated mental minimal modular motivational
narrative natural negative neural nominal normative novel objective operant optimal
organic parallel partial passive perceptual peripheral persistent phasic positive practical
predictive primary procedural prospective proximal reactive reciprocal recursive reflective
regulatory relational residual resilient retrospective reversible rhythmic robust salient
secondary selective semantic sensory sequential serial shared situational slow social
somatic spatial specific stable static structural subjective sustained symbolic synaptic
systemic tacit temporal tonic transient transitional umbral unified universal verbal
visceral working
""".split()

NOUNS = """
ability access account action activation adaptation affect agency alignment allocation
anchor appraisal arousal assessment association attention attunement avoidance awareness
balance barrier baseline belief bias binding boundary buffer capacity cascade category
challenge change channel choice circuit closure cluster coherence commitment comparison
competence completion compliance component concept conflict connection consistency
constraint context contingency contrast control cooperation coping cue curve cycle decay
decision defense deficit demand density dependence depth detection deviation dialogue
differentiation dimension discrimination disengagement distance distortion drift drive
effect effort encoding endurance engagement episode equilibrium error estimate evaluation
evidence exchange expectancy expectation exposure expression extinction factor feedback
filter fixation flexibility flow focus formation frame framework function gain gap
gradient growth habit habituation harmony hierarchy horizon identity imagery impulse
index inference influence inhibition input insight integration intensity intention
interface interference interval intuition inventory judgment latency layer learning level
load loop maintenance mapping marker memory method mode model momentum monitoring motive
network norm observation orientation outcome overlap pacing pathway pattern perception
performance persistence perspective phase plasticity practice precision prediction
preference pressure priming principle priority process profile projection pruning
quality range rate reaction readiness reasoning recall recognition recovery reflex
regulation rehearsal reinforcement relapse relevance repair repertoire representation
resistance resolution resource response retention retrieval reward rhythm rigidity role
routine rule salience sampling scaffold schema scope sensitivity sequence set shaping
shift signal skill span stability stage state strategy strength stress structure style
suppression surface switching synthesis system target task tempo tendency tension
threshold tolerance trace trajectory transfer transition trigger tuning uncertainty
unit update valence validation value variability variance vigilance window
""".split()

VERBS = """
adjusts alters amplifies anchors balances blocks broadens buffers captures channels
clarifies compresses constrains coordinates dampens delays directs drives emphasises
enables encodes expands filters frames guides highlights inhibits integrates links
maintains maps masks mediates moderates modulates narrows organises predicts primes
protects reduces reframes regulates reinforces reshapes restores sharpens shapes shifts
signals slows stabilises steers strengthens supports sustains tracks transforms tunes
""".split()

PREPOSITIONS = "across after before between during within without beyond through under".split()

PEOPLE = """
Abbott Adler Ainsley Baird Barlow Beck Bell Brandt Carver Cole Dalton Doyle Ellis Farrow
Fenwick Gale Garner Hale Hayes Hollis Ives Jarvis Keane Kerr Lang Lowe Marsh Mercer Nash
Norris Oakes Pryor Quinn Rao Reeve Rowe Sato Shaw Stone Thorne Underwood Vance Wade Webb
Whitlock Yates Zeller
""".split()

TOPICS = """
attention cognition development emotion habits learning memory motivation perception
regulation
""".split()

SECTION_HEADINGS = ["Background", "Core Ideas", "Mechanisms", "In Practice", "Research Notes",
                    "Applications", "Open Questions", "Summary"]


class Writer:
    """Sentences and names from one note's random stream."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def pick(self, seq):
        return self.rng.choice(seq)

    def term(self) -> str:
        """A 2-3 word concept name, unique within the note."""
        for _ in range(100):
            words = [self.pick(ADJECTIVES), self.pick(NOUNS)]
            if self.rng.random() < 0.3:
                words.insert(1, self.pick(NOUNS))
            name = " ".join(words)
            name = name[0].upper() + name[1:]
            if name.lower() not in self.used:
                self.used.add(name.lower())
                return name
        raise RuntimeError("vocabulary exhausted")

    def phrase(self) -> str:
        return f"{self.pick(ADJECTIVES)} {self.pick(NOUNS)}"

    def clause(self) -> str:
        return (f"{self.pick(VERBS)} the {self.phrase()} {self.pick(PREPOSITIONS)} "
                f"{self.pick(NOUNS)} {self.pick(NOUNS)}")

    def definition(self) -> str:
        """'A/The ... that ...' : reads as a definition, 9-20 words."""
        phrase = self.phrase()
        article = self.pick(["An" if phrase[0] in "aeiou" else "A", "The"])
        head = f"{article} {phrase} that {self.clause()}"
        if self.rng.random() < 0.6:
            head += f", and {self.clause()}"
        return head + "."

    def sentence(self) -> str:
        """Filler prose: 'The <adj> <noun> <verb> the <adj> <noun> <prep> <noun> <noun>.'"""
        s = f"The {self.phrase()} {self.clause()}"
        if self.rng.random() < 0.4:
            s += f" while the {self.phrase()} {self.clause()}"
        return s + "."

    def claim(self) -> str:
        return (f"{self.pick(['Every', 'Each', 'Any'])} {self.pick(NOUNS)} "
                f"{self.pick(VERBS)} the {self.phrase()} on its own")

    def correction(self) -> str:
        return (f"The {self.phrase()} {self.clause()}, so the {self.pick(NOUNS)} "
                f"{self.pick(VERBS)} only part of the {self.pick(NOUNS)}.")

    def acronym(self, letters: int | None = None) -> tuple[str, list[str]]:
        """(ABBR, expansion words): capitalised words whose initials spell ABBR."""
        n = letters or self.rng.randint(3, 5)
        for _ in range(200):
            words = [self.pick(ADJECTIVES) for _ in range(n - 1)] + [self.pick(NOUNS)]
            words = [w.capitalize() for w in words]
            abbr = "".join(w[0] for w in words).upper()
            if abbr not in self.used and len(set(words)) == n:
                self.used.add(abbr)
                return abbr, words
        raise RuntimeError("vocabulary exhausted")

    def question(self) -> tuple[str, str]:
        q = (f"How does the {self.phrase()} affect {self.pick(NOUNS)} "
             f"{self.pick(NOUNS)}?")
        a = f"It {self.clause()}."
        return q, a


def lower_first(s: str) -> str:
    return s[:1].lower() + s[1:]


def fill(w: Writer, text: str, target: int, heading, titles: list[str] | None) -> str:
    """Append prose sections (no cards) until ``text`` is about ``target`` bytes."""
    names = [n for n in SECTION_HEADINGS[3:]]
    w.rng.shuffle(names)
    size = len(text.encode())
    while size < target:
        para, count = [], 0
        while (size < target or count < 4) and count < 6:
            s = w.sentence()
            if titles and w.rng.random() < 0.25:
                s = s[:-1] + f", as in {wikilink(w, titles)}."
            para.append(s)
            size += len(s) + 1
            count += 1
        name = names.pop() if names else w.pick(SECTION_HEADINGS[3:]) + " (cont.)"
        text += "\n" + heading(name) + " ".join(para) + "\n"
        size = len(text.encode())
    return text


def wikilink(w: Writer, titles: list[str]) -> str:
    title = w.pick(titles)
    return f"[[{title}]]" if w.rng.random() < 0.7 else f"[[{title}|{title.lower()}]]"


def paragraph(w: Writer, titles: list[str] | None, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        s = w.sentence()
        if titles and w.rng.random() < 0.25:
            s = s[:-1] + f", as in {wikilink(w, titles)}."
        out.append(s)
    return " ".join(out)


def note_title(seed: int, i: int) -> str:
    rng = random.Random(f"title:{seed}:{i}")
    return f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS).capitalize()} " \
           f"{rng.choice(['Theory', 'Model', 'Notes', 'Framework', 'Basics', 'Review'])}"


# A card: (kind, front, back). Both renderers walk the same plan.

def plan_cards(w: Writer, shape: str) -> dict:
    """How many of each shape this note gets; on average 13.5 cards a note."""
    r = w.rng
    if shape == "md":
        return {"bullets": r.randint(4, 7), "bold_is": r.randint(1, 3),
                "myths": r.randint(2, 3), "stands_for": r.randint(1, 2),
                "paren": r.randint(1, 2), "qa": r.randint(0, 1)}
    return {"bullets": r.randint(2, 4), "glossary": r.randint(3, 5), "qa": r.randint(2, 3),
            "stands_for": r.randint(1, 2), "paren": r.randint(1, 2), "myths": r.randint(1, 2)}


def markdown_note(w: Writer, seed: int, i: int, title: str, topic: str, titles: list[str],
                  target: int) -> tuple[str, list[tuple[str, str, str]]]:
    r, cards = w.rng, []
    plan = plan_cards(w, "md")
    tags = sorted({topic, w.pick(TOPICS), f"{topic}/{w.pick(NOUNS)}"})
    fm = ["---", f'title: "{title}"', f"id: bench-{seed}-{i:06d}", "tags:"]
    fm += [f"  - {t}" for t in tags]
    fm += [f"created: 2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "aliases:",
           f"  - {title.split()[0]} {title.split()[1]}", "related:",
           f'  - "{wikilink(w, titles)}"', "---", ""]
    body = [f"# {title}", "", paragraph(w, titles, r.randint(2, 4)), ""]

    body += ["## Key Terms", ""]
    for _ in range(plan["bullets"]):
        t, d = w.term(), w.definition()
        body.append(f"- **{t}:** {d}")
        cards.append(("term", t, d))
    body.append("")

    # One section of prose that carries the "**Term** is ..." sentences and the acronyms;
    # it opens with prose so its heading reads as a topic, not as a concept to define.
    body += [f"## {w.pick(SECTION_HEADINGS[:3])}", "", paragraph(w, titles, r.randint(3, 4)), ""]
    for _ in range(plan["bold_is"]):
        t, d = w.term(), w.definition()
        body += [f"**{t}** is {lower_first(d)} {w.sentence()}", ""]
        cards.append(("term", t, d))
    for _ in range(plan["stands_for"]):
        abbr, words = w.acronym()
        exp = ", ".join(words[:-1]) + ", " + words[-1]
        body += [f"{abbr} stands for {exp}. {w.sentence()}", ""]
        cards.append(("acronym", abbr, " ".join(words)))
    for _ in range(plan["paren"]):
        abbr, words = w.acronym()
        body += [f"Work by {w.pick(PEOPLE)} on {' '.join(words)} ({abbr}) "
                 f"{w.pick(VERBS)} the {w.phrase()} {w.pick(PREPOSITIONS)} "
                 f"{w.pick(NOUNS)} {w.pick(NOUNS)}.", ""]
        cards.append(("acronym", abbr, " ".join(words)))
    body += [paragraph(w, titles, r.randint(2, 3)), ""]

    body += ["## Misconceptions", "", "| Myth | Reframe |", "|---|---|"]
    for _ in range(plan["myths"]):
        m, f = w.claim() + ".", w.correction()
        body.append(f"| {m} | {f} |")
        cards.append(("myth", m, f))
    body.append("")

    if plan["qa"]:
        q, a = w.question()
        body += ["## Check Yourself", "", f"Q: {q}", f"A: {a}", ""]
        cards.append(("qa", q, a))

    text = fill(w, "\n".join(fm + body), target - 150, lambda h: f"## {h}\n\n", titles)
    text += f"\n## Links\n\n- See also {wikilink(w, titles)} and {wikilink(w, titles)}.\n"
    return text, cards


def plain_note(w: Writer, i: int, title: str, titles: list[str],
               target: int) -> tuple[str, list[tuple[str, str, str]]]:
    r, cards = w.rng, []
    plan = plan_cards(w, "txt")
    lines = [f"{title} - Study Notes", "", paragraph(w, None, r.randint(2, 3)), ""]

    lines += ["Overview", paragraph(w, None, r.randint(2, 4))]
    for _ in range(plan["stands_for"]):
        abbr, words = w.acronym()
        lines.append(f"{abbr} stands for {', '.join(words[:-1])}, {words[-1]}. {w.sentence()}")
        cards.append(("acronym", abbr, " ".join(words)))
    for _ in range(plan["paren"]):
        abbr, words = w.acronym()
        lines.append(f"Researchers such as {w.pick(PEOPLE)} describe {' '.join(words)} "
                     f"({abbr}) in {w.pick(NOUNS)} {w.pick(NOUNS)} studies.")
        cards.append(("acronym", abbr, " ".join(words)))
    lines.append("")

    lines += [f"{w.pick(SECTION_HEADINGS[:3])}"]
    for _ in range(plan["bullets"]):
        t, d = w.term(), w.definition()
        lines.append(f"  \u2022 {t} \u2014 {d}")
        cards.append(("term", t, d))
    lines.append("")

    lines += ["Key Terms"]
    for _ in range(plan["glossary"]):
        t, d = w.term(), w.definition()
        lines.append(f"{t} \u2014 {lower_first(d)}")
        cards.append(("term", t, d))
    lines.append("")

    lines += ["Common Myths"]
    for _ in range(plan["myths"]):
        m, f = w.claim() + ".", w.correction()
        lines += [f"Myth: {m}", f"Fact: {f}", ""]
        cards.append(("myth", m, f))

    lines += ["Review Questions"]
    for _ in range(plan["qa"]):
        q, a = w.question()
        lines += [f"Q: {q}", f"A: {a}", ""]
        cards.append(("qa", q, a))

    text = fill(w, "\n".join(lines), target, lambda h: f"{h}\n", None)
    return text, cards


def ankdown_text(cards: list[tuple[str, str, str]], tags: str) -> str:
    """ankdown's format: front, a line '%', back, a line '%', tags, a line '---'."""
    blocks = [f"{front}\n\n%\n\n{back}\n\n%\n\n{tags}, {kind}\n"
              for kind, front, back in cards]
    return "\n---\n\n".join(blocks)


def make_note(seed: int, i: int) -> dict:
    """Note i of the vault for this seed: {'rel', 'text', 'cards', 'topic'}."""
    rng = random.Random(f"note:{seed}:{i}")
    w = Writer(rng)
    topic = TOPICS[i % len(TOPICS)]
    title = note_title(seed, i)
    span = max(50, i + 1)                       # links point at nearby notes
    titles = [note_title(seed, j) for j in rng.sample(range(max(0, i - span), i + span), 6)]
    target = rng.randint(3200, 5600)
    slug = title.lower().replace(" ", "-")
    plain = rng.random() < 1 / 3
    if plain:
        text, cards = plain_note(w, i, title, titles, target)
    else:
        text, cards = markdown_note(w, seed, i, title, topic, titles, target)
    ext = ".txt" if plain else ".md"
    return {"rel": f"{topic}/{i:06d}-{slug}{ext}", "text": text, "cards": cards,
            "topic": topic, "shape": "plain" if plain else "markdown"}


def generate(out: Path, notes: int, seed: int, quiet: bool = False) -> dict:
    vault, ank = out / "vault", out / "ankdown"
    for d in (vault, ank):
        if d.exists():
            shutil.rmtree(d)
    (vault / ".obsidian").mkdir(parents=True)
    (vault / ".obsidian" / "app.json").write_text("{}\n")
    kinds: dict[str, int] = {}
    total_bytes, shapes = 0, {"markdown": 0, "plain": 0}
    sizes = []
    for i in range(notes):
        note = make_note(seed, i)
        path = vault / note["rel"]
        path.parent.mkdir(parents=True, exist_ok=True)
        data = note["text"].encode()
        path.write_bytes(data)
        total_bytes += len(data)
        sizes.append(len(data))
        shapes[note["shape"]] += 1
        apath = ank / note["topic"] / (Path(note["rel"]).stem + ".md")
        apath.parent.mkdir(parents=True, exist_ok=True)
        apath.write_text(ankdown_text(note["cards"], note["topic"]))
        for kind, _, _ in note["cards"]:
            kinds[kind] = kinds.get(kind, 0) + 1
        if not quiet and notes >= 10000 and (i + 1) % 10000 == 0:
            print(f"  generated {i + 1}/{notes} notes", file=sys.stderr)
    cards = sum(kinds.values())
    manifest = {"generator_version": GENERATOR_VERSION, "seed": seed, "notes": notes,
                "notes_by_shape": shapes, "bytes": total_bytes,
                "note_bytes_min": min(sizes) if sizes else 0,
                "note_bytes_max": max(sizes) if sizes else 0,
                "cards": cards, "cards_by_kind": dict(sorted(kinds.items())),
                "cards_per_note": round(cards / notes, 2) if notes else 0,
                "vault": "vault", "ankdown": "ankdown"}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="output folder (vault/, ankdown/, manifest.json)")
    ap.add_argument("--notes", type=int, default=1000, help="how many notes [1000]")
    ap.add_argument("--seed", type=int, default=1, help="random seed [1]")
    args = ap.parse_args(argv)
    if args.notes < 1:
        ap.error("--notes must be at least 1")
    manifest = generate(args.out, args.notes, args.seed)
    print(json.dumps(manifest, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
