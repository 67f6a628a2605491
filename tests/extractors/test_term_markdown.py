"""Term layouts of Markdown notes written by others (issue 17, sixth round): a run-in bold
heading whose sentence restates its name, a term's label on a line of its own over its
definition, an alias in brackets before "refers to". Through the real pipeline; every
example is written for these tests.
"""
from __future__ import annotations

from test_term_rules import run, terms


def test_a_run_in_heading_whose_sentence_restates_it_is_defined_by_that_sentence(tmp_path):
    found = run(tmp_path, "# Storage\n\n## Parts\n\n"
                          "* **Caches.** A cache is a small fast memory that keeps copies of\n"
                          "  recent data close to the processor.\n"
                          "* **Spindle**. The spindle is the motor shaft that turns the "
                          "platters.\n"
                          "* **CPUs.** Most machines contain more than one processor today.\n"
                          "* **Disks.** The disk is slow compared with the memory chips.\n\n"
                          "**Buffer.** A buffer is a region of memory used to hold data "
                          "while it moves between devices.\n")
    got = terms(found)
    assert got["Caches"] == ("A small fast memory that keeps copies of recent data close to "
                             "the processor.")
    assert got["Spindle"] == "The motor shaft that turns the platters."
    assert got["Buffer"] == "A region of memory used to hold data while it moves between devices."
    # a sentence about something else, or one that says how the thing is, defines nothing
    assert "CPUs" not in got and "Disks" not in got


def test_a_label_line_over_its_definition_in_one_paragraph(tmp_path):
    found = run(tmp_path, "# Caches\n\n## Kinds\n\n"
                          "Write-through cache:\nA cache that writes every change to memory "
                          "at once.\n\n"
                          "**Victim cache:**\nA small cache that holds lines recently thrown "
                          "out of the main cache.\n\n"
                          "[Disk cache:](https://example.org/disk)\nA region of main memory "
                          "that holds blocks read from the disk,\nkept so a second read needs "
                          "no disk access.\n\n"
                          "Example:\nA laptop with two levels of cache.\n\n"
                          "Geometry:\nSize: 32 KB\nWays: 8\n\n"
                          "Line sizes:\nSixty-four bytes on most current chips.\n")
    got = terms(found)
    assert got["Write-through cache"] == "A cache that writes every change to memory at once."
    assert got["Victim cache"] == ("A small cache that holds lines recently thrown out of the "
                                   "main cache.")
    assert got["Disk cache"] == ("A region of main memory that holds blocks read from the "
                                 "disk, kept so a second read needs no disk access.")
    # a label's content, not a definition: an aside, fields, a line that opens as no
    # definition does
    assert "Example" not in got and "Geometry" not in got and "Line sizes" not in got


def test_an_alias_in_brackets_before_refers_to_is_not_part_of_the_name(tmp_path):
    found = run(tmp_path, "# Memory\n\nSwap space (also called paging space) refers to a "
                          "disk area that holds pages moved out of memory.\n")
    assert terms(found)["Swap space"] == "A disk area that holds pages moved out of memory."


def test_an_encyclopaedia_pages_external_links_are_no_terms(tmp_path):
    found = run(tmp_path, "# Paging\n\nPaging is a memory scheme that moves fixed-size blocks "
                          "between memory and disk.\n\n## External links\n\n"
                          "- Virtual memory explained: pages and frames\n"
                          "- Early paging: the Atlas computer and its drum store\n")
    assert list(terms(found)) == ["Paging"]


def test_a_long_name_with_small_words_or_an_article_before_its_abbreviation(tmp_path):
    found = run(tmp_path, "# Bonds\n\nYield to maturity (YTM) is the total return expected "
                          "on a bond held to its end. The mean time to repair (MTTR) is the "
                          "average time needed to fix a failed part.\n\nMarkets move daily.\n")
    got = terms(found)
    assert got["Yield to maturity"] == "The total return expected on a bond held to its end."
    assert got["mean time to repair"] == "The average time needed to fix a failed part."


def test_a_name_in_quotes_is_a_term_and_a_quoted_sentence_is_not(tmp_path):
    found = run(tmp_path, "# Caches\n\nSome words about memory first. A 'victim cache' is a "
                          "small cache that holds lines recently evicted from the main cache."
                          "\n\nThe term \"cache line\" refers to the unit of data moved "
                          "between memory and cache.\n\n\"Bile is a fluid made by the liver "
                          "that breaks down fats in the gut.\"\n")
    got = terms(found)
    assert got["victim cache"] == ("A small cache that holds lines recently evicted from the "
                                   "main cache.")
    assert got["cache line"] == "The unit of data moved between memory and cache."
    assert "Bile" not in got and not any("Bile" in name for name in got)


def test_a_bold_name_defined_by_its_parts_keeps_the_verb(tmp_path):
    found = run(tmp_path, "# Networks\n\n## Parts\n\n"
                          "* **Backbone** includes the core routers and the long-haul links "
                          "between cities.\n"
                          "* **Access layer** comprises the switches that users plug into.\n\n"
                          "A LAN is a network that joins the machines of one building. The "
                          "campus **distribution block** consists of two routers and a "
                          "firewall.\n\nLastly, the edge is responsible for routing "
                          "traffic from homes, offices, and shops.\n")
    got = terms(found)
    assert got["Backbone"] == ("Includes the core routers and the long-haul links between "
                               "cities.")
    assert got["Access layer"] == "Comprises the switches that users plug into."
    assert got["distribution block"] == "Consists of two routers and a firewall."
    # the paragraph's first sentence still defines its own name
    assert got["LAN"] == "A network that joins the machines of one building."
    assert "Lastly" not in got      # a connective opening a sentence names nothing


def test_a_heading_and_the_sentence_under_it_that_defines_it_make_one_card(tmp_path):
    found = run(tmp_path, "# Biochemistry\n\n## Proteins\n\n### Enzymes\n\n"
                          "An **enzyme** is a protein that *speeds up* one chemical reaction. "
                          "Most enzymes work best at body temperature. Well-known ones are "
                          "amylase and pepsin.\n\n"
                          "![An enzyme at work](https://example.org/enzyme.png)\n\n"
                          "## Messengers\n\n"
                          "The blood carries messages as well as food.\n\n"
                          "A hormone is a chemical messenger carried by the blood to the organ "
                          "that answers it (\"signal\").\n\n"
                          "### Why they matter\n\n"
                          "Hormones are advantageous for a few reasons, most of which have to "
                          "do with reaching every organ through the blood.\n")
    named = [card.fields["term"] for card in found.cards if card.kind == "term"]
    got = terms(found)
    # one card for the enzyme, read from its verb: not a second under the plural heading
    assert [n for n in named if n.lower().startswith("enzyme")] == ["enzyme"]
    assert got["enzyme"] == ("A protein that <i>speeds up</i> one chemical reaction. Most "
                             "enzymes work best at body temperature.")
    # "are advantageous" says how good they are, not what they are; the quoted word glosses
    # the sentence's last words, not the hormone it defines
    assert "Hormones" not in got and "signal" not in got
    assert got["hormone"].startswith("A chemical messenger carried by the blood")


def test_a_bullet_naming_a_class_with_its_abbreviation_is_defined_by_its_sub_bullets(tmp_path):
    found = run(tmp_path, "# Acid\n\nDrugs that lower gastric acid:\n"
                          "* Proton Pump Inhibitors (PPIs)\n"
                          "  * Block the proton pump of the parietal cell\n"
                          "  * Taken half an hour before breakfast\n"
                          "* Histamine Receptor Antagonists\n"
                          "  * Block the H2 receptor of the parietal cell\n"
                          "  * Weaker than the pump blockers\n"
                          "* Omeprazole (BNF)\n"
                          "  * Headache and diarrhoea as side effects\n"
                          "  * Low magnesium in long use\n")
    got = terms(found)
    assert got["Proton Pump Inhibitors (PPIs)"] == ("Block the proton pump of the parietal "
                                                    "cell<br>Taken half an hour before breakfast")
    assert "Histamine Receptor Antagonists" in got
    # letters that do not spell the name are a source cited, not its abbreviation
    assert not any(name.startswith("Omeprazole") for name in got), got
