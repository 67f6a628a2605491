"""Term rules that hold across vaults written by others (issue 17, second round): the note's
own subject, generic labels named with what they belong to, the lines that are never terms,
and definitions in the clause around a term. Through the real pipeline; every example is
written for these tests, in the layouts such vaults use.
"""
from __future__ import annotations

from pathlib import Path

from notedeck.pipeline import extract_cards


def run(tmp_path: Path, text: str, name: str = "note.md"):
    folder = tmp_path / f"notes-{len(list(tmp_path.iterdir()))}"      # one note a folder
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return extract_cards([folder])


def terms(found) -> dict[str, str]:
    return {c.fields["term"]: c.fields["definition"] for c in found.cards if c.kind == "term"}


def reasons(found) -> dict[str, str]:
    return {r.text: r.reason for n in found.notes for r in n.rejected if r.kind == "term"}


# ---------------------------------------------------------------- the note's own subject

def test_the_first_sentence_under_the_title_defines_the_subject(tmp_path):
    found = run(tmp_path, "# Thyroid storm\n\nThyroid storm is life-threatening complication "
                          "of thyrotoxicosis.\nIt is rare.\n\n## Causes\n\n- surgery\n- trauma\n",
                "thyroid storm.md")
    assert terms(found)["Thyroid storm"] == "Life-threatening complication of thyrotoxicosis."


def test_the_subject_named_by_an_alias_a_frame_or_its_initials(tmp_path):
    found = run(tmp_path, "---\naliases: [strabismus]\n---\nStrabismus (squint) is "
                          "characterised by misalignment of the visual axes.\n", "squint.md")
    assert terms(found) == {"Strabismus": "Misalignment of the visual axes."}
    found = run(tmp_path, "# User Datagram Protocol\n#UDP is a protocol that sends datagrams "
                          "without a connection.\n", "udp.md")
    assert terms(found)["UDP"] == "A protocol that sends datagrams without a connection."
    found = run(tmp_path, "# Defence_mechanism\n\nIn psychoanalytic theory, defence mechanisms "
                          "are unconscious processes that protect the self from anxiety.\n",
                "defence.md")
    assert terms(found) == {"defence mechanisms": "Unconscious processes that protect the self "
                                                  "from anxiety."}


def test_what_is_said_of_the_subject_does_not_define_it(tmp_path):
    found = run(tmp_path, "# SSH\n\nSSH was created to replace telnet.\n\n# Uses\n\nlogins\n",
                "ssh.md")
    assert "SSH" not in terms(found)
    found = run(tmp_path, "# Gout\n\nGout is common in older men who drink beer.\n", "gout.md")
    assert "Gout" not in terms(found)


def test_a_definition_callout_defines_the_note_or_names_its_own_term(tmp_path):
    note = ("# Haemochromatosis\n\n> [!Ontology]\n> up:: [[Genetic disorders]]\n> down::\n\n"
            "> [!Definition] Definition\n> A genetic disorder of iron absorption, leading to "
            "iron overload.\n\n## Types\n\n> [!definition] Primary haemochromatosis\n> The "
            "inherited form, due to HFE mutations.\n")
    found = run(tmp_path, note, "Haemochromatosis.md")
    assert terms(found) == {
        "Haemochromatosis": "A genetic disorder of iron absorption, leading to iron overload.",
        "Primary haemochromatosis": "The inherited form, due to HFE mutations."}
    assert not [c for c in found.cards if c.kind == "basic"]     # no "up" / "down" cards


def test_a_frontmatter_description_that_defines_the_subject(tmp_path):
    found = run(tmp_path, "---\ndescription: A protocol that resolves domain names to "
                          "addresses.\n---\n# DNS\n\nSee the lecture.\n", "DNS.md")
    assert terms(found) == {"DNS": "A protocol that resolves domain names to addresses."}
    found = run(tmp_path, "---\ndescription: In this post I explain how DNS works.\n---\n"
                          "# DNS\n\nSee the lecture.\n", "DNS.md")
    assert terms(found) == {}


# ---------------------------------------------------------------- labels and their owners

def test_generic_headings_take_the_note_subject_when_they_are_its_parts(tmp_path):
    note = ("Airborne spread.\n\n# Clinical Features\n- crops of red macules\n- itchy rash\n\n"
            "# Treatment\nReassure; calamine lotion for itch.\n\n# References\n1. [NHS](https://"
            "www.nhs.uk)\n")
    found = run(tmp_path, note, "chicken pox.md")
    assert terms(found) == {"Clinical features of Chicken pox": "Crops of red macules<br>itchy rash",
                            "Treatment of Chicken pox": "Reassure; calamine lotion for itch."}
    assert found.notes[0].cards[0].note_title == "Chicken pox"


def test_qualifiers_and_settings_are_named_with_their_parent(tmp_path):
    note = ("# Migraine\n\n## Asthma attack\n\n- **Severe**: cannot complete sentences\n"
            "- **Children**: use a spacer and mask\n\n## Treatment\n\n- **Acute**: triptan "
            "and an NSAID\n")
    found = run(tmp_path, note, "asthma.md")
    assert terms(found)["Severe asthma attack"] == "Cannot complete sentences"
    assert terms(found)["Asthma attack in children"] == "Use a spacer and mask"
    assert not any("Acute" in t for t in terms(found))      # acute what? treatment is generic
    assert "names a kind of something" in reasons(found)["Acute"]


# ---------------------------------------------------------------- lines that are no terms

def test_link_lists_citations_and_metadata_are_no_terms(tmp_path):
    note = ("# Sockets\n\nA socket is an endpoint of a two-way link between programs.\n\n"
            "> [!Resources]\n> - [Wikipedia: Network socket](https://en.wikipedia.org/x)\n\n"
            ">[!md]\n> **Title**:: Sockets lecture\n> **Citekey**:: smith2023\n\n"
            "- By University of Bristol: [Website](https://a.b/c), [PDF](https://a.b/d)\n"
            "- InnovAiT: https://journals.example.org/home/ino\n")
    found = run(tmp_path, note, "sockets.md")
    assert terms(found) == {"socket": "An endpoint of a two-way link between programs."}


def test_clauses_times_steps_and_cut_lines_are_no_terms(tmp_path):
    note = ("# Acne\n\n- If completely cleared: stop the antibiotic\n- At 3 months: review\n"
            "- Type 1 DM where: the test is done yearly\n- Between 80 - 90% of the maximum: "
            "hard training\n\n### Configure the hostapd file\n\nPut the interface name in the "
            "file.\n\n### Back in Firefox\n\nReload the page twice.\n\n"
            "- Comedones: blocked hair follicles that form the\n- Papules: small red bumps on "
            "the skin\n")
    found = run(tmp_path, note, "acne.md")
    assert terms(found) == {"Papules": "Small red bumps on the skin"}
    why = reasons(found)
    assert why["If completely cleared"] == "a condition or a circumstance, not a name"
    assert why["Configure the hostapd file"] == "a step to do, not a name"
    assert why["Comedones"] == "the definition stops mid-sentence"


def test_options_under_a_command_are_named_with_it_and_its_keys_are_dropped(tmp_path):
    note = ("# Phishing\n\n```bash\nwifiphisher -aI wlan0 -p wifi_connect\n```\n"
            "- `-aI`: interface to create the fake AP\n- `-p`: attack module to use\n\n"
            "```\nssid=guest\nchannel=6\n```\n- `ssid`: the name of the network\n"
            "- `channel`: the channel to use\n")
    found = run(tmp_path, note, "phishing.md")
    assert terms(found) == {"<code>wifiphisher -aI</code>": "Interface to create the fake AP",
                            "<code>wifiphisher -p</code>": "Attack module to use"}


def test_a_line_leading_into_its_list_takes_the_list(tmp_path):
    found = run(tmp_path, "# Bonds\n\nfixed-income security = investment that returns in form "
                          "of\n* fixed periodic payments and\n* the principal at maturity\n")
    assert terms(found)["fixed-income security"] == (
        "Investment that returns in form of<br>fixed periodic payments and<br>the principal "
        "at maturity")


# ---------------------------------------------------------------- the clause around a term

def test_a_which_clause_and_a_sentence_ending_on_its_term(tmp_path):
    note = ("# Groundwater\n\nBenzodiazepines, which are anti-anxiety sedative medications, "
            "act fast.\n\nThis is in contrast to an **aquitard**, which restricts water flow.\n\n"
            "The set of genes that exist in the population is the **gene pool**.\n\n"
            "The response times are *very fast*.\n")
    found = run(tmp_path, note)
    assert terms(found) == {"Benzodiazepines": "Anti-anxiety sedative medications",
                            "aquitard": "Restricts water flow",
                            "gene pool": "The set of genes that exist in the population"}


def test_a_kind_of_thing_called_a_name_but_not_an_instance(tmp_path):
    note = ("# Soil\n\nApproximately 10% seeps into the ground through a process called "
            "infiltration, or percolation.\n\nCopy the hash into a file called paul.hash "
            "before you crack it.\n")
    found = run(tmp_path, note)
    assert list(terms(found)) == ["infiltration"]


def test_names_glossed_in_brackets_in_one_sentence(tmp_path):
    note = ("# Biases\n\nToo little info – availability bias (favour quickly accessible info), "
            "confirmation bias (seek info that confirms what you think), not-invented-here "
            "bias (ignore ideas from outside the team).\n\n"
            "Young (<20 years), old (>55 years) or frail (falls in the last year) are red flags.\n"
            "\nPeople with physical disabilities (blindness and deafness) and intellectual "
            "disabilities (Down syndrome, etc.) were tested.\n")
    found = run(tmp_path, note)
    assert terms(found) == {"availability bias": "Favour quickly accessible info",
                            "confirmation bias": "Seek info that confirms what you think",
                            "not-invented-here bias": "Ignore ideas from outside the team"}


def test_called_with_its_definition_after_it_or_before_a_semicolon(tmp_path):
    note = ("# Memory\n\nOur memory has two layers. The first is called long-term. It is "
            "where we store persistent information.\n\nThe habits to which there is an innate "
            "tendency are called instincts; others are called acts of reason.\n")
    found = run(tmp_path, note)
    assert terms(found)["long-term"] == "It is where we store persistent information."
    assert terms(found)["instincts"] == "The habits to which there is an innate tendency"


# ---------------------------------------------------------------- names glossed in brackets

def test_a_list_of_names_each_glossed_in_brackets(tmp_path):
    found = run(tmp_path, "## Units of language\n\n"
                          "- Phonemes (the smallest units of sound that tell words apart)\n"
                          "- Morphemes (The smallest units of a word that carry meaning)\n"
                          "\t- Bound morphemes (morphemes that cannot stand alone as words)\n"
                          "\t- Free morphemes (morphemes that can stand alone as words)\n"
                          "- Syntax\n")
    got = terms(found)
    assert got["Phonemes"] == "The smallest units of sound that tell words apart"
    assert got["Morphemes"] == "The smallest units of a word that carry meaning"
    assert got["Bound morphemes"] == "Morphemes that cannot stand alone as words"
    assert got["Free morphemes"] == "Morphemes that can stand alone as words"


def test_brackets_that_hold_an_aside_are_no_gloss(tmp_path):
    # doses, examples, references, a single aside in a list: what the name is not
    found = run(tmp_path, "## Drugs\n\n"
                          "- Aspirin (300 mg once a day with food)\n"
                          "- Ibuprofen (e.g. Nurofen, Brufen and others sold)\n"
                          "- Paracetamol (see the chapter on pain relief)\n\n"
                          "## Reading\n\n"
                          "- Chapter one (the part about the early history)\n"
                          "- Chapter two\n- Chapter three\n")
    assert terms(found) == {}


def test_a_bold_line_over_its_description_names_a_term(tmp_path):
    # the description names it again; a bold label over advice or over a list is no term
    found = run(tmp_path, "## Early kingdoms\n\n"
                          "**Magadha kingdom**  \nThe Magadha kingdom was the most powerful of "
                          "the sixteen great kingdoms. It lay in the east of the Ganges plain. "
                          "Its capital moved twice.\n\n"
                          "**Correction**  \nIf the baby was born early, add the weeks of "
                          "prematurity to the expected age.\n\n"
                          "**Steps to follow**\n\n- open the file\n- read it\n")
    assert terms(found) == {"Magadha kingdom": "The Magadha kingdom was the most powerful of "
                                               "the sixteen great kingdoms. It lay in the east "
                                               "of the Ganges plain."}


# ---------------------------------------------------------------- a name glossed mid-sentence

def test_a_name_glossed_by_its_kind_at_the_end_of_a_sentence(tmp_path):
    found = run(tmp_path, "# Low blood sugar\n\nSevere lows can be treated with glucagon, a "
                          "hormone that raises blood sugar quickly.\n\n"
                          # a verb or a clause before the comma: no gloss
                          "The complex inhibits calcineurin, a phosphatase that activates T "
                          "cells.\n\nIt is often sold as malware, a trojan is software which "
                          "hides its purpose.\n")
    assert terms(found) == {"glucagon": "A hormone that raises blood sugar quickly"}
