"""What is no term, however it is laid out (issue 17, precision): generic labels on slides,
codes and places in a sequence, navigation, topic headings, lists of names. Through the real
pipeline; every example is written for these tests.
"""
from __future__ import annotations

from test_other_layouts import run, terms
from test_other_layouts import dropped as dropped_pairs


def dropped(found) -> dict[str, str]:
    return dict(dropped_pairs(found))


def test_a_slide_label_is_named_with_the_item_it_belongs_to(tmp_path):
    found = run(tmp_path, "Kidney\n\nNephrons\n\n  • Filter the blood\n  • Parts\n"
                          "      □ Glomerulus, a tuft of capillaries\n"
                          "      □ Loop of Henle, which concentrates urine\n\n"
                          "Fun facts about kidneys\n\n  • Filter 180 litres of plasma a day\n"
                          "  • Get a fifth of the heart's output\n", name="kidney.txt")
    got = terms(found)
    assert "Parts" not in got and "Fun facts about kidneys" not in got
    assert got["Parts of Nephrons"].startswith("Glomerulus, a tuft of capillaries")


def test_codes_over_claims_and_places_in_a_sequence_are_no_terms(tmp_path):
    found = run(tmp_path, "# Typing study\n\n## Hypotheses\n\n"
                          "H1: IF typists use a cognitive map, THEN a flat keyboard should not "
                          "slow them.\n"
                          "H2: Typists will slow down when the keys give no feedback.\n\n"
                          "## Thyroid\n\nT3: the more biologically active form\n\n"
                          "## Constipation\n\n- Step 1: start a bulk-forming laxative\n"
                          "- Step 2: add an osmotic laxative\n")
    got = terms(found)
    assert not {"H1", "H2", "Step 1", "Step 2"} & set(got), got
    assert got["T3"] == "The more biologically active form"     # a name, not a code
    assert dropped(found)["Step 1"] == "a place in a sequence, not a name"


def test_navigation_and_the_course_itself_are_no_terms(tmp_path):
    found = run(tmp_path, "# Circulation\n\n## Course Learning Goal\n\nAn important goal "
                          "of this course is reading primary research articles.\n\n"
                          "## Pacemaker\n\nA group of cells in the right atrium that set "
                          "the heart rate.\n\n## View the source on GitHub\n\n"
                          "Please send questions and suggestions by email.\n")
    assert set(terms(found)) == {"Pacemaker"}


def test_a_topic_heading_over_another_terms_definition_gives_only_that_term(tmp_path):
    found = run(tmp_path, "# Stereochemistry\n\n## Concept of superimposability and mirror "
                          "images\n\n**Chirality** in molecules refers to having a mirror "
                          "image that cannot be laid on the molecule itself.\n")
    assert set(terms(found)) == {"Chirality"}


def test_a_heading_over_questions_is_no_term(tmp_path):
    found = run(tmp_path, "# Cognition\n\n## Research Questions\n\nResearch questions ask "
                          "how an ability works. For example:\n\n- How do you move your "
                          "fingers?\n- How do you remember a phone number?\n- Why do we "
                          "forget names?\n")
    assert "Research Questions" not in terms(found)
    assert dropped(found)["Research Questions"] == "the text asks questions, it defines nothing"


def test_questions_on_one_line_ask_too_but_one_question_may_define(tmp_path):
    found = run(tmp_path, "# Recon\n\n- Network mapping: What addresses are local? What is "
                          "the subnet? What does the routing table hold?\n"
                          "- Inferences: What can the results of the experiment tell us?\n")
    assert set(terms(found)) == {"Inferences"}


def test_implications_are_an_aspect_not_a_term(tmp_path):
    found = run(tmp_path, "# Cognition\n\n## Social implications\n\nCognitive research has "
                          "had implications for society over the last century.\n")
    assert "Social implications" not in terms(found)


def test_bullets_over_names_only_are_no_terms(tmp_path):
    found = run(tmp_path, "# Languages\n\n- Afro-Asiatic\n  - Semitic Languages\n"
                          "- Biology\n  1. Cell structure\n  2. Substance movement into and out "
                          "of cells\n  3. Cell division\n  4. Higher-level organisation\n"
                          "- Metformin\n  - first choice in type 2 diabetes\n")
    assert set(terms(found)) == {"Metformin"}


def test_a_line_ending_in_a_semicolon_reads_on_into_a_lowercase_line(tmp_path):
    found = run(tmp_path, "# MVC\n\n- Screen: display the current state; generate events "
                          "for user actions;\ncontains functions to display states\n"
                          "- Engine: performs the task; reports its status\n")
    assert terms(found)["Screen"] == ("Display the current state; generate events for user "
                                    "actions; contains functions to display states")


def test_pointers_and_questions_name_no_term(tmp_path):
    found = run(tmp_path, "# Stress\n\n- **Listed below:** the common signs of distress\n"
                          "- **Stressor? What is a stress response:** the body's answer to a "
                          "stressor\n- **Stressor:** a demand that strains the body\n")
    assert set(terms(found)) == {"Stressor"}


def test_a_label_is_named_with_its_topic_not_the_course_part(tmp_path):
    found = run(tmp_path, "# Anatomy\n\n## Topic 1 GI Tract\n\n- **Overview:**\n"
                          "    - Function: converts food into molecules small enough to absorb\n"
                          "    - Processes: digestion, absorption, secretion\n")
    assert terms(found)["Function of GI Tract"] == ("Converts food into molecules small "
                                                    "enough to absorb")


def test_under_a_heading_that_classifies_a_criterion_is_no_term(tmp_path):
    found = run(tmp_path, "Neurons\n\nClassifying neurons\n\n  • Functional role\n"
                          "      □ Input (sensory), output (motor), interneurons\n  • Anatomy\n"
                          "      □ Unipolar\n      □ Bipolar\n      □ Multipolar\n",
                name="neurons.txt")
    assert "Functional role" not in terms(found)


def test_an_aspect_section_is_named_with_the_notes_subject(tmp_path):
    found = run(tmp_path, "# Telnet\n\n## Security\n\nTelnet sends everything, passwords "
                          "too, in plain text.\n\n## Key point\n\nUse SSH instead.\n",
                name="Telnet.md")
    assert terms(found) == {"Security of Telnet": "Telnet sends everything, passwords too, in "
                                                  "plain text."}


def test_a_body_system_under_an_aspect_is_no_term(tmp_path):
    found = run(tmp_path, "# Whipple disease\n\n## Clinical features\n\n"
                          "- Skin: hyperpigmentation and photosensitivity\n"
                          "- Heart: pericarditis and endocarditis\n\n"
                          "# Digestion\n\n## Mouth\n\nIn the mouth, the teeth cut and break "
                          "down the food.\n")
    got = terms(found)
    assert "Skin" not in got and "Heart" not in got
    assert "Mouth" in got       # a topic of its own, not an entry of an aspect


def test_a_label_under_a_set_of_aspects_belongs_to_no_one_thing(tmp_path):
    found = run(tmp_path, "# DBMS\n\n## Essential Features\n\n### Security\n\nFine-grained "
                          "permissions keep data from unauthorised eyes.\n")
    assert not any(name.startswith("Security") for name in terms(found))


def test_the_rest_of_a_list_a_bound_and_a_kind_of_management_are_no_terms(tmp_path):
    found = run(tmp_path, "# Fever in children\n\n## Temperature\n\n- Under 5 years: temp "
                          "below 36C\n- Over 65: check for sepsis\n\n## Management\n\n"
                          "### Medical\n\nParacetamol or ibuprofen, not both at once.\n\n"
                          "## Causes\n\n- Otitis media: infection of the middle ear\n"
                          "- Other infections: shingles until crusted over\n")
    assert set(terms(found)) == {"Otitis media"}


def test_a_test_is_named_with_what_it_tests(tmp_path):
    found = run(tmp_path, "# Renal colic\n\n- Main symptom: loin to groin pain\n"
                          "- Urine dipstick: haematuria supports the diagnosis, nitrites point "
                          "to an infection\n\n"
                          "# Necrotising enterocolitis\n\nMainly in premature babies.\n\n"
                          "## X-Ray\n\n- Distended bowel loops\n- Gas in the bowel wall\n\n"
                          "# Hypokalaemia\n\n## Clinical features\n\n**ECG**: U waves and a "
                          "long QT interval\n\n# Cardiology\n\n- ECG: a recording of the "
                          "electrical activity of the heart\n", name="Paediatrics.md")
    got = terms(found)
    assert not {"Urine dipstick", "X-Ray", "X-ray"} & set(got), got
    assert got["Urine dipstick in renal colic"].startswith("Haematuria supports")
    assert got["X-ray in necrotising enterocolitis"].startswith("Distended bowel loops")
    assert got["ECG in hypokalaemia"] == "U waves and a long QT interval"
    assert got["ECG"].startswith("A recording of")     # defined, not a finding


def test_a_drug_under_management_is_named_with_what_it_treats(tmp_path):
    found = run(tmp_path, "---\ntitle: COPD exacerbation\n---\n# Causes\n\nViral or bacterial "
                          "infection.\n\n# Primary care management\n\n## Steroids\n\n"
                          "Prednisolone 30 mg once a day for 5 days.\n\n## Infective "
                          "exacerbation\n\nAntibiotics when the sputum turns purulent.\n\n"
                          "## Other classes\n\n"
                          "IL-1 antagonist: anakinra\n\n"
                          "# Oxygen therapy\n\n## Venturi mask\n\nA Venturi mask is a mask that "
                          "gives a fixed fraction of oxygen.\n")
    got = terms(found)
    assert got["Steroids in COPD exacerbation"].startswith("Prednisolone 30 mg")
    assert "Steroids" not in got
    assert "Infective exacerbation" in got      # names its owner already
    assert not any(name.startswith("Other classes") for name in got), got
    assert "Venturi mask" in got                # defined outright, not an entry


def test_an_entry_of_a_feature_cause_or_requirement_is_named_with_its_owner(tmp_path):
    # A sign under "Clinical features", a cause under "Causes", a part under "Requirements"
    # is its owner's, not a thing of its own; a body system that sorts them stays no term,
    # and a kind heading ("Pharmacological") between a treatment and "Management" is passed.
    found = run(tmp_path, "---\ntitle: Gout\n---\n# Clinical Features\n\n"
                          "- Hot swollen joint, often the big toe.\n- Pain is worst at night.\n"
                          "\t- **Fever**: low grade, in attacks of many joints\n"
                          "\t- **Skin**: shiny and red over the joint\n\n"
                          "# Causes\n\n- Kidney disease: less urate leaves in the urine\n"
                          "- Purine-rich diet: red meat, seafood, beer\n\n"
                          "# Management\n\n## Pharmacological\n\n### Colchicine\n\n"
                          "Half a milligram twice a day during a flare.\n")
    got = terms(found)
    assert got["Fever in Gout"] == "Low grade, in attacks of many joints"
    assert got["Kidney disease as a cause of gout"] == "Less urate leaves in the urine"
    assert got["Purine-rich diet as a cause of gout"] == "Red meat, seafood, beer"
    assert got["Colchicine in Gout"].startswith("Half a milligram")
    assert not {"Fever", "Kidney disease", "Colchicine"} & set(got), got
    assert not any(name.startswith("Skin") for name in got), got
    found = run(tmp_path, "# Secrets vault\n\nA secrets vault stores credentials in one place "
                          "and hands them out on request.\n\n## Basic Requirements\n\n"
                          "### Rotation\n\nThe vault changes stored passwords on a schedule "
                          "so that a leaked one soon stops working.\n")
    got = terms(found)
    assert got["Rotation in Secrets vault"].startswith("The vault changes stored passwords")


def test_clauses_of_place_and_negation_are_no_terms(tmp_path):
    found = run(tmp_path, "# B12 deficiency\n\n## Treatment\n\nIM B12\n"
                          "- no neurological features: 3 injections a week for 2 weeks\n"
                          "- more frequent doses with neurological features\n\n## Anatomy\n\n"
                          "- Near the stomach: the lower oesophageal sphincter\n\n## Books\n\n- **No Bad Parts**: a book on "
                          "the parts of the self\n")
    got = terms(found)
    assert "no neurological features" not in got and "Near the stomach" not in got, got
    assert "No Bad Parts" in got
    assert dropped(found)["no neurological features"] == \
        "a condition or a circumstance, not a name"


def test_a_table_column_that_names_an_aspect_names_the_card(tmp_path):
    found = run(tmp_path, "# Endocrine glands\n\n| Organ | Location |\n| --- | --- |\n"
                          "| Pituitary gland | Base of the brain |\n"
                          "| Thyroid gland | Front of the neck |\n\n"
                          "| Hormone | Description |\n| --- | --- |\n"
                          "| Insulin | A hormone that lowers blood glucose |\n"
                          "| Glucagon | A hormone that raises blood glucose |\n\n"
                          "# RDAP\n\nRDAP is a protocol for querying domain registration data."
                          "\n\n## Compared to WHOIS\n\nRDAP returns structured JSON and "
                          "supports authentication.\n")
    got = terms(found)
    assert got["Location of Pituitary gland"] == "Base of the brain"
    assert "Pituitary gland" not in got
    assert got["Insulin"] == "A hormone that lowers blood glucose"
    assert not any(name.startswith("Compared") for name in got), got


def test_a_number_ending_a_heading_is_its_place_not_a_count(tmp_path):
    found = run(tmp_path, "# Handshake\n\n## Challenge 2\n\nThe server sends a random "
                          "number.\n\nThe client encrypts the hash with it.\n\n"
                          "## Two hashes\n\nLM hashes are the older kind.\n\nNT hashes "
                          "are the newer kind.\n")
    got = terms(found)
    assert "The client" not in got and "The server" not in got, got
    assert got["LM hashes"] == "LM hashes are the older kind."


def test_an_adjective_alone_is_named_with_the_noun_it_qualifies(tmp_path):
    found = run(tmp_path, "# Firewalls\n\n## Types\n\n### Stateless\n\nStateless firewalls "
                          "compare each packet against static rules.\n\n"
                          "# Costs\n\nThree kinds:\n\n- Direct - those tied to the care given, "
                          "such as staff time\n- Indirect - those incurred by lost work\n\n"
                          "# Advantages\n\n- Scalable - those that grow with the load\n\n"
                          "# Birds\n\n## Altricial\n\nHatched blind and helpless.\n")
    got = terms(found)
    assert got["Stateless firewalls"].startswith("Stateless firewalls compare")
    assert got["Indirect costs"] == "Those incurred by lost work"
    assert "Scalable" in got and "Altricial" in got      # a quality; a term of its own


def test_parameters_under_a_lead_are_named_with_their_program(tmp_path):
    # "The `svcctl` command takes four options:" over "1. start: ...": the options are the
    # program's ("svcctl start"), so are a config's keys under "## `mailrelay`"; code-named
    # arguments under a lead that names no program are no terms; "Treatment options:" over
    # named treatments is no parameter list.
    found = run(tmp_path, "# Service tools\n\n## Managing services\n\nA service manager "
                          "starts programs at boot. To stop one, you use `svcctl`. "
                          "The `svcctl` command takes three options:\n"
                          "1. start: launch one or more services now\n"
                          "2. stop: halt one or more running services\n"
                          "3. enable: start the service at every boot from now on\n\n"
                          "## `mailrelay`\n\nThe relay's configuration file holds a few "
                          "key settings:\n\n- **listen**: the address and port the relay "
                          "accepts mail on\n\n## Handlers\n\nEach handler receives two "
                          "arguments:\n\n- `parent`: the result the enclosing handler "
                          "returned\n- `input`: the values the caller passed to this field\n"
                          "\n## Treatment options:\n\n- Surgery: removal of the damaged "
                          "joint surface\n- Physiotherapy: exercises that strengthen the "
                          "muscles around the joint\n")
    got = terms(found)
    assert got["<code>svcctl start</code>"] == "Launch one or more services now"
    assert got["<code>svcctl enable</code>"] == "Start the service at every boot from now on"
    assert got["<code>mailrelay listen</code>"] == "The address and port the relay accepts " \
                                                   "mail on"
    assert not any(name in got for name in ("start", "stop", "listen", "<code>parent</code>",
                                            "<code>input</code>")), got
    assert "Surgery" in got and "Physiotherapy" in got
    assert dropped(found)["parent"] == "a parameter of a program the note does not name"


def test_how_a_thing_spreads_or_is_prescribed_is_no_term_alone(tmp_path):
    found = run(tmp_path, "# Rubella\n\nA mild viral illness with a rash and swollen glands."
                          "\n\n- Pink, fine rash\n- **Spread**: the face first, then the "
                          "trunk, then the limbs\n\n## Transmission\n\nDroplets from the "
                          "nose and throat, from a week before the rash until after it.\n")
    got = terms(found)
    assert "Spread" not in got and "Transmission" not in got, got
    assert got["Transmission of Rubella"].startswith("Droplets from the nose")


def test_a_note_filed_under_lowercase_initials_is_named_as_its_aliases_write_them(tmp_path):
    # "hocm.md" with the alias "Hypertrophic obstructive cardiomyopathy" (or "HOCM"): the
    # card names HOCM, not "Hocm"; an alias that is the plain word changes nothing.
    note = ("---\naliases:\n  - Hypertrophic obstructive cardiomyopathy\n---\n"
            "An inherited thickening of the heart muscle.\n\n# Clinical features\n\n"
            "- breathlessness on exertion\n- murmurs\n"
            "    - **ejection systolic murmur**: louder on standing, quieter on squatting\n")
    found = run(tmp_path, note, name="hocm.md")
    got = terms(found)
    assert got["ejection systolic murmur in HOCM"] == "Louder on standing, quieter on squatting"
    prompts = [c.fields["prompt"] for c in found.cards if c.kind == "list"]
    assert prompts == ["Name the 2 clinical features of HOCM"], prompts
    got = terms(run(tmp_path, note.replace("Hypertrophic obstructive cardiomyopathy", "HOCM"),
                    name="hocm.md"))
    assert "ejection systolic murmur in HOCM" in got, got
    got = terms(run(tmp_path, note.replace("Hypertrophic obstructive cardiomyopathy", "gout"),
                    name="gout.md"))
    assert "ejection systolic murmur in gout" in got, got


def test_a_bold_entry_right_under_an_aspect_and_a_test_heading_take_the_owner(tmp_path):
    # "- **Gottron papules**: ..." straight under "## Clinical features", an entry under
    # "### Rare causes (Endocrine)", a "## Fundoscopy" heading in a note on an eye disease
    found = run(tmp_path, "# Retinal vein occlusion\n\nA blocked vein of the retina.\n\n"
                          "## Clinical features\n\n- **Painless blurring**: sudden, in one eye"
                          "\n- **Floaters**: from bleeding into the vitreous\n\n## Causes\n\n"
                          "### Rare causes (Haematological)\n\n- **Myeloma**: the blood "
                          "thickens and flows slowly\n\n## Fundoscopy\n\nFlame haemorrhages "
                          "in every quadrant, a swollen disc.\n")
    got = terms(found)
    assert got["Painless blurring in Retinal vein occlusion"] == "Sudden, in one eye"
    assert got["Myeloma as a cause of retinal vein occlusion"].startswith("The blood thickens")
    assert got["Fundoscopy in retinal vein occlusion"].startswith("Flame haemorrhages")
    assert not {"Painless blurring", "Myeloma", "Fundoscopy"} & set(got), got
