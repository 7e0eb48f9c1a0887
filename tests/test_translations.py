"""The Simplified Chinese catalogue: complete, compiled, and used by the pages."""

import ast
import gettext
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def read_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgid, msgid_plural, msgstr (the first form) and flags."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, field = {"flags": ""}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += line
                continue
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[0\])?) (".*")$', line)
            if match:
                field = match.group(1).replace("[0]", "")
                entry[field] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and field:
                entry[field] += ast.literal_eval(line)
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def english_fragments(msgid: str) -> list[str]:
    """The literal words of a message, between its placeholders and markup."""
    parts = re.split(r"%\(\w+\)s|\{\w+\}|<[^>]+>", msgid)
    return [part.strip(" .,:;()") for part in parts if re.search(r"[A-Za-z]{3}", part)]


def test_every_message_has_a_simplified_chinese_translation():
    entries = read_po(CATALOGUE)

    assert len(entries) > 100
    untranslated = [e["msgid"] for e in entries if not e.get("msgstr")]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_translations_keep_every_placeholder():
    for entry in read_po(CATALOGUE):
        placeholders = set(re.findall(r"%\(\w+\)s|\{\w+\}", entry["msgid"]))
        assert set(re.findall(r"%\(\w+\)s|\{\w+\}", entry["msgstr"])) == placeholders, entry


def test_the_compiled_catalogue_is_the_current_one():
    compiled = CATALOGUE.with_suffix(".mo")
    if not compiled.exists():
        pytest.fail("locale/zh_Hans/LC_MESSAGES/django.mo is missing: run bin/setup")
    catalogue = gettext.GNUTranslations(compiled.open("rb"))._catalog

    for entry in read_po(CATALOGUE):
        key = (entry["msgid"], 0) if "msgid_plural" in entry else entry["msgid"]
        assert catalogue.get(key) == entry["msgstr"], (
            f"stale .mo: run bin/setup ({entry['msgid']})"
        )
