"""Kinds, settings and tests of a thing, and the body systems that sort its aspects.

A qualifier names a kind of the thing above it ("Severe" under "Asthma": "Severe asthma"),
a population a setting ("Children": "Asthma in children"), a test what it shows there
("X-ray" in a note on enterocolitis: "X-ray in enterocolitis"); a body system ("Skin:",
"CNS:") sorts an aspect's entries and says where, not what. None is a term alone.
"""
from __future__ import annotations

import unicodedata

from .text import squash

# A kind of the thing above ("Severe" under "Asthma"): named before it.
QUALIFIERS = {
    "mild", "moderate", "severe", "acute", "chronic", "subacute", "primary", "secondary",
    "tertiary", "early", "late", "viral", "bacterial", "fungal", "congenital", "acquired",
    "benign", "malignant", "localised", "localized", "generalised", "generalized", "focal",
    "diffuse", "recurrent", "refractory", "stable", "unstable", "complicated",
    "uncomplicated", "bilateral", "unilateral", "typical", "atypical",
    "mild-moderate", "moderate-severe", "life-threatening", "first line", "first-line",
    "medical", "surgical", "conservative", "pharmacological", "non-pharmacological",
    "supportive", "operative", "non-operative",
    "second line", "second-line", "third line", "third-line", "inflammatory",
    "non-inflammatory", "infectious", "non-infectious", "functional", "organic", "structural",
    "physiological", "pathological", "obstructive", "restrictive", "hereditary", "genetic",
    "idiopathic", "iatrogenic", "traumatic", "central", "peripheral", "upper", "lower"}
# A setting of the thing above ("Children" under "Asthma"): named after it.
POPULATIONS = {
    "children", "adults", "elderly", "women", "men", "pregnancy", "pregnant women",
    "infants", "neonates", "newborns", "adolescents", "teenagers", "older adults",
    "older people", "young people", "males", "females", "paediatrics", "pediatrics",
    "breastfeeding", "lactation"}
# A test of the thing above ("X-ray" under "Enterocolitis", "Urine dipstick:" in a note on
# renal colic): what it shows there, named after it ("X-ray in enterocolitis").
INVESTIGATIONS = {
    "x-ray": "X-ray", "xray": "X-ray", "cxr": "CXR", "axr": "AXR", "ct": "CT",
    "ct scan": "CT scan", "mri": "MRI", "ultrasound": "Ultrasound", "uss": "USS",
    "ecg": "ECG", "ekg": "EKG", "eeg": "EEG", "bloods": "Bloods", "blood tests": "Blood tests",
    "urine dipstick": "Urine dipstick", "urinalysis": "Urinalysis", "fbc": "FBC", "lfts": "LFTs",
    "abg": "ABG", "spirometry": "Spirometry", "endoscopy": "Endoscopy",
    "blood cultures": "Blood cultures", "serology": "Serology", "histology": "Histology",
    # tests a clinical note titles its own section ("## Fundoscopy" of a retinal disease)
    "fundoscopy": "Fundoscopy", "slit lamp": "Slit lamp", "colonoscopy": "Colonoscopy",
    "echocardiogram": "Echocardiogram", "echo": "Echo", "biopsy": "Biopsy",
    "lumbar puncture": "Lumbar puncture", "csf": "CSF", "dexa": "DEXA",
    "angiography": "Angiography", "mammogram": "Mammogram", "tfts": "TFTs",
    "u&e": "U&E", "u&es": "U&Es", "crp": "CRP", "esr": "ESR"}


# Body systems and regions: a clinical note's features, side effects or causes are sorted by
# them ("Skin: hyperpigmentation", "CNS: drowsiness"); alone they say where, not what.
BODY_SYSTEMS = {
    "skin", "heart", "lung", "lungs", "kidney", "kidneys", "liver", "eye", "eyes", "brain",
    "gi", "git", "gut", "cns", "pns", "cvs", "ent", "msk", "respiratory", "cardiovascular",
    "renal", "hepatic", "neuro", "neurological", "musculoskeletal", "gastrointestinal",
    "endocrine", "haematological", "hematological", "blood", "bone", "bones", "joints",
    "muscles", "systemic", "local", "mouth", "ears", "nose", "abdomen", "chest", "head",
    "neck", "limbs"}


def qualifier(name: str) -> str | None:
    """The lowered word when ``name`` is a qualifier, a population or a test alone, else
    None."""
    text = squash(unicodedata.normalize("NFKC", name).strip(" :*").casefold())
    return text if text in QUALIFIERS or text in POPULATIONS or text in INVESTIGATIONS \
        else None


def qualified(word: str, parent: str) -> str | None:
    """"Severe" + "Asthma" -> "Severe asthma"; "Children" + "Asthma" -> "Asthma in children";
    None when the parent names the word already ("Inflammatory vs non-inflammatory")."""
    if word in parent.casefold():
        return None
    low = parent if parent[:2].isupper() else parent[:1].lower() + parent[1:]
    if word in POPULATIONS:
        return f"{parent[:1].upper()}{parent[1:]} in {word}"
    if word in INVESTIGATIONS:
        return f"{INVESTIGATIONS[word]} in {low}"
    return f"{word[:1].upper()}{word[1:]} {low}"
