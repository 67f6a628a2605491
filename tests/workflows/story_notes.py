"""Notes as the stories' user writes them: an Obsidian vault with a psychology folder."""

STRESS = """\
---
tags: [stress]
---
# Stress and the body

**Allostasis** is achieving stability through change in the body's systems.

Two more words come up again and again:

- **Allostatic load:** The wear and tear that builds up from chronic stress.
- **Eustress:** Stress that feels positive and motivating.

| Myth | Reframe |
| --- | --- |
| All stress is harmful. | Short bouts of stress can sharpen focus. |
"""

SLEEP = """\
# Sleep

- **Circadian rhythm:** The roughly 24-hour internal clock that times sleep and waking.
- **Sleep pressure:** The growing need for sleep that builds the longer one stays awake.
"""

FOCUS = """\
---
id: focus
aliases: [Attention]
---
# Focus

Attention is limited; these two ideas explain most lapses.

- **Vigilance:** Keeping attention on a dull task over a long stretch of time.
- **Divided attention:** Sharing attention between two tasks at once.
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
