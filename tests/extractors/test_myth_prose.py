"""Myths as people write them in prose and in labelled lists: the misconception and the
note's correction of it, through the real pipeline. Every example is written for these
tests (about sleep, bees and statistics, not taken from any note)."""
from __future__ import annotations

from pathlib import Path

import pytest

from notedeck.pipeline import extract_cards


def myths(tmp_path: Path, text: str, name: str = "note.md") -> list[tuple[str, str]]:
    folder = tmp_path / "notes"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    found = extract_cards([folder])
    return [(c.fields["myth"], c.fields["reframe"]) for c in found.cards if c.kind == "myth"]


@pytest.mark.parametrize("text, myth, reframe", [
    # a belief the note names a myth or a mistake
    ("The idea that we use only 10% of our brains is a myth. Imaging shows activity across "
     "the whole brain.", "We use only 10% of our brains",
     "Imaging shows activity across the whole brain."),
    ("Melatonin is frequently (and wrongly) described as a sleeping pill. It shifts the "
     "timing of sleep rather than sedating.",
     "Melatonin is frequently (and wrongly) described as a sleeping pill.",
     "It shifts the timing of sleep rather than sedating."),
    ("One common mistake is to treat the mean as the typical value when data are skewed; "
     "the median is better.", "The mean is the typical value when data are skewed",
     "The median is better."),
    ("As noted in Chapters 2, 3, and 4, insomnia is often confused with sleep deprivation. "
     "Insomnia is trouble sleeping despite the chance to sleep.",
     "Insomnia is often confused with sleep deprivation.",
     "Insomnia is trouble sleeping despite the chance to sleep."),
    # a belief people hold, corrected in the same sentence
    ("It was also thought that naps ruin night sleep, but short naps before 3 pm rarely do.",
     "Naps ruin night sleep", "Short naps before 3 pm rarely do."),
    ("While many people believe that they can multi-task, the reality is that attention "
     "focuses on one thing at a time.", "Many people believe that they can multi-task",
     "Attention focuses on one thing at a time."),
    ("Although it may seem that cracking knuckles causes arthritis, studies have found no "
     "link.", "Cracking knuckles causes arthritis", "Studies have found no link."),
    ("Sugar is commonly blamed for hyperactivity, yet controlled trials find no effect.",
     "Sugar is commonly blamed for hyperactivity", "Controlled trials find no effect."),
    # ... or in the next sentence, which opens as a correction
    ("People often think that the brain shuts down during sleep. Actually, it stays very "
     "active.", "The brain shuts down during sleep.", "It stays very active."),
    ("Students often assume that correlation implies causation. However, a third variable "
     "may explain both.", "Correlation implies causation.",
     "A third variable may explain both."),
    ("It is common to think of a novice as an empty vessel. Unfortunately, this analogy "
     "is misleading.", "A novice is an empty vessel.",
     "Unfortunately, this analogy is misleading."),
    ("Some people feel concerned that guided practice is hand-holding. This view fails to "
     "account for cognitive load.", "Guided practice is hand-holding.",
     "This view fails to account for cognitive load."),
    ("Antibiotics are widely believed to cure colds. They have no effect on viruses.",
     "Antibiotics are widely believed to cure colds.", "They have no effect on viruses."),
    # corrections that carry their myth
    ("Don't think of sleep as wasted time. It is when memories are consolidated.",
     "Sleep is wasted time",
     "Don't think of sleep as wasted time. It is when memories are consolidated."),
    ("Contrary to its name, a sleep debt is not repaid by one long night.",
     "A sleep debt is repaid by one long night", "A sleep debt is not repaid by one long night."),
    ("That is not to say that all naps are bad. A 20-minute nap improves alertness.",
     "All naps are bad", "A 20-minute nap improves alertness."),
    ("Sleep loss only affects mood. This is not true! It also impairs memory.",
     "Sleep loss only affects mood.", "This is not true! It also impairs memory."),
    ("These counts challenge the common view that bees sleep little and show that workers "
     "rest for hours each night.", "Bees sleep little", "Workers rest for hours each night."),
    ("Sleep is not a luxury to cut before exams. Instead, it is when the day's learning is "
     "stored.", "Sleep is a luxury to cut before exams", "It is when the day's learning is stored."),
    ("Jet lag isn't just tiredness. Rather, it is a body clock out of step with the day.",
     "Jet lag is just tiredness", "It is a body clock out of step with the day."),
    ("**Do not confuse insomnia with sleep apnoea**. Apnoea is breathing that stops during "
     "sleep.", "<b>Do not confuse insomnia with sleep apnoea</b>.",
     "Apnoea is breathing that stops during sleep."),
    ("Don't confuse drowsiness and fatigue: drowsiness is the urge to sleep, fatigue a lack "
     "of energy.", "Don't confuse drowsiness and fatigue",
     "Drowsiness is the urge to sleep, fatigue a lack of energy."),
    ("The eight-hour rule is commonly attributed to sleep scientists, but it came from "
     "factory shifts.", "The eight-hour rule is commonly attributed to sleep scientists",
     "It came from factory shifts."),
    ("A tricky one: the sleep spindle looks like an artefact, but it is actually a normal "
     "wave of light sleep.", "The sleep spindle looks like an artefact",
     "It is actually a normal wave of light sleep."),
    ("I was sure that snoring was harmless, but it is in fact a sign of blocked airways.",
     "I was sure that snoring was harmless", "It is in fact a sign of blocked airways."),
    ("In recent years, the two-process model has been challenged by lab studies suggesting "
     "that a third process matters.", "The two-process model", "A third process matters."),
    # ... also when the correction opens the next paragraph (slides, short paragraphs)
    ("There are many sleep apps that claim to improve deep sleep.\n\nUnfortunately, trials "
     "have not shown these apps to be effective.",
     "There are many sleep apps that claim to improve deep sleep.",
     "Unfortunately, trials have not shown these apps to be effective."),
])
def test_prose_myths(tmp_path, text, myth, reframe):
    assert myths(tmp_path, f"# Notes\n\n{text}\n") == [(myth, reframe)]


@pytest.mark.parametrize("text", [
    # a belief with nothing after it that says it is wrong
    "It is thought that the disease is caused by a virus. The incubation period is two weeks.",
    "Many people think bees are lovely. Bees visit flowers all day in summer.",
    "Some researchers believe the drug blocks calcium channels. Further trials are under way.",
    # an expert view a "However" qualifies rather than corrects
    "Many clinicians believe that early mobilisation helps recovery. However, evidence "
    "from trials is limited.",
    "It is generally thought that the protein inhibits growth. However, its other roles "
    "have rarely been studied.",
    # not beliefs at all
    "Patients often feel tired after the infusion. It does not last more than a day.",
    "You might think about using a cache here. The next section shows how.",
    "The new method may seem complex, so read the manual first.",
    "It is common to use a tourniquet above the site. Apply pressure for five minutes.",
    "I can sound smarter than I am by using big words. But in the process I am dishonest.",
    "Methadone in its liquid form can be mistaken for fruit juice. Keep it locked away.",
    "It is easy to see words you look at, but harder to see the words around them.",
    "It is common to see patients with both conditions, but only one needs treatment.",
    # advice and additions, not corrections: no "is not", or "not only"
    "Do not nap after 3 pm. Instead, take a short walk outside.",
    "Sleep is not only rest. Rather, it is also when memory is consolidated.",
    "Do not confuse the reader.",
    # a look that the sentence does not overturn
    "The sleep spindle looks like a burst on the trace, but it is much shorter.",
    # a step list: the next step is no correction
    "3. Simplify. A common mistake is to optimise a step that should not exist. "
    "4. Accelerate cycle time.",
])
def test_prose_without_a_correction_gives_no_myth(tmp_path, text):
    assert myths(tmp_path, f"# Notes\n\n{text}\n") == []


def test_myth_labels_on_one_line_and_over_an_unlabelled_correction(tmp_path):
    found = myths(tmp_path, "# Sleep\n\n- Myth: Yawning means you are tired.\n"
                            "  Truth: Yawning may help cool the brain.\n"
                            "- **Myth:** Sleepwalkers should never be woken. **Fact:** Waking "
                            "them gently is safe.\n\n"
                            "Myth: You get used to sleeping less.\n"
                            "Studies show performance keeps falling with chronic restriction.\n")
    assert found == [
        ("Yawning means you are tired.", "Yawning may help cool the brain."),
        ("Sleepwalkers should never be woken.", "Waking them gently is safe."),
        ("You get used to sleeping less.",
         "Studies show performance keeps falling with chronic restriction.")]


def test_a_fiction_label_over_the_paragraph_that_corrects_it(tmp_path):
    found = myths(tmp_path, "Fact or fiction?\n\nFICTION: It's been raining a lot, so it must be "
                            "earthquake weather!\n\nMany people believe that earthquakes are "
                            "more common in some weather. In fact, no link with weather has "
                            "been found. Earthquakes begin miles below the weather. People "
                            "notice the quakes that fit the pattern.\n", name="quakes.txt")
    assert found == [("It's been raining a lot, so it must be earthquake weather!",
                      "Many people believe that earthquakes are more common in some weather. "
                      "In fact, no link with weather has been found. Earthquakes begin miles "
                      "below the weather.")]


def test_a_misconception_table_with_any_second_header(tmp_path):
    found = myths(tmp_path, "# Sleep\n\n| Misconception | Correct understanding |\n|---|---|\n"
                            "| Lying in bed awake helps you rest | Staying in bed awake keeps "
                            "the brain alert |\n")
    assert found == [("Lying in bed awake helps you rest",
                      "Staying in bed awake keeps the brain alert")]


def test_ticks_and_crosses_are_myths_only_under_a_myth_heading(tmp_path):
    text = "- ❌ Sugar makes children hyperactive\n- ✅ Trials show sugar does not change behaviour\n"
    assert myths(tmp_path, "# Diet\n\n## Myth or fact\n\n" + text) == [
        ("Sugar makes children hyperactive", "Trials show sugar does not change behaviour")]
    assert myths(tmp_path, "# Asthma\n\n## Drugs to avoid\n\n- ❌ Aspirin and beta blockers "
                           "worsen asthma\n- ✅ Paracetamol is safe to give\n") == []



def test_false_claims_as_sub_headings_of_a_myths_heading(tmp_path):
    found = myths(tmp_path, "# Sleep\n\n## Common misconceptions\n\nSome beliefs about sleep "
                            "are wrong.\n\n### Alcohol Helps You Sleep\n\nIt shortens the time "
                            "to fall asleep. But it breaks up sleep later in the night.\n\n"
                            "### Adults Need Less\n\nMost adults need seven to nine hours.\n\n"
                            "### Why do they last?\n\nThey are easy to repeat.\n\n"
                            "## Sleep stages\n\n### Deep and REM\n\nTwo stages alternate all "
                            "night long.\n")
    assert found == [("Alcohol Helps You Sleep", "It shortens the time to fall asleep. But it "
                      "breaks up sleep later in the night."),
                     ("Adults Need Less", "Most adults need seven to nine hours.")]
