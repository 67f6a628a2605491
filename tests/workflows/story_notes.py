"""Notes as the stories' user writes them: an Obsidian vault with a psychology folder."""

STRESS = """\
---
tags: [stress]
---
# Stress

## Key terms

- **Allostasis:** Achieving stability through change in the body's systems.
- **Allostatic load:** The wear and tear that builds up from chronic stress.
- **Eustress:** Stress that feels positive and motivating.

## Myths

| Myth | Reframe |
| --- | --- |
| All stress is harmful. | Moderate, short stress can sharpen focus and build resilience. |
"""

SLEEP = """\
# Sleep

- **Circadian rhythm:** The roughly 24-hour internal clock that times sleep and waking.
- **Sleep pressure:** The growing need for sleep that builds the longer one stays awake.
"""

FOCUS = """\
---
id: focus
---
# Focus

- **Selective attention:** Attending to one stream of input while ignoring the others.
- **Vigilance:** Keeping attention on a dull task over a long stretch of time.
"""

GRIEF = """\
# Grief

- **Cognitve reappraisal:** Changing how one thinks about a situation to change how one feels.
- **Anticipatory grief:** Grief felt before an expected loss.

| Myth | Reframe |
| --- | --- |
| Grief follows a fixed order of stages. | People move between the stages in any order. |

Q: What is complicated grief?
A: Grief that stays intense and disabling for a long time.

Cognitive Behavioural Therapy (CBT) is a talking therapy.
"""

STAGES = """\
# Change

The main stages of change are:

- Precontemplation
- Contemplation
- Action
- Maintenance
"""


def vault_of_psychology(study) -> None:
    study.write("psychology/stress.md", STRESS)
    study.write("psychology/sleep.md", SLEEP)
    study.write("focus.md", FOCUS)
