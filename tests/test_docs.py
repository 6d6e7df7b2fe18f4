"""The project documents itself: docs/ holds the architecture and the SPBE/Pemdi reference, and
nothing in the repository points to notes kept outside it.

Docstrings cite the reference by section ("docs/reference.md §2-§4, §7"); every section cited
must exist there, so a renumbering cannot leave a citation pointing at nothing.
"""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
REFERENCE = DOCS / "reference.md"

#: spelled in pieces, so this file does not match itself
OUTSIDE_REFERENCES = ("../" + "shared", "spbe-" + "reference.md")

#: "docs/reference.md" then a run of sections: "§3", "§2-§4, §7", "§1\nand §7"
CITATION = re.compile(r"docs/reference\.md((?:[\s,\-–]*(?:and\s+)?§\d+)+)")
SECTION_HEADING = re.compile(r"^## (\d+)\. ", re.MULTILINE)


def repository_files():
    """Return the files of the repository: tracked, and new ones not ignored."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, check=True, text=True,
    ).stdout
    return [ROOT / name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def text_of(path):
    """Return a file's text, or None for a binary file."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None


def test_docs_hold_the_architecture_and_the_reference():
    for name in ("architecture.md", "reference.md"):
        assert (DOCS / name).is_file(), f"docs/{name} is missing"


def test_no_file_refers_to_notes_outside_the_repository():
    offenders = []
    for path in repository_files():
        data = path.read_bytes()
        offenders += [f"{path.relative_to(ROOT)}: {outside}" for outside in OUTSIDE_REFERENCES
                      if outside.encode() in data]
    assert offenders == []


def test_reference_keeps_its_sections_in_order():
    sections = [int(n) for n in SECTION_HEADING.findall(REFERENCE.read_text(encoding="utf-8"))]
    assert sections == list(range(1, 8))


def test_every_citation_names_a_section_of_the_reference():
    sections = {int(n) for n in SECTION_HEADING.findall(REFERENCE.read_text(encoding="utf-8"))}
    cited, missing = 0, []
    for path in repository_files():
        text = text_of(path)
        if text is None:
            continue
        for match in CITATION.finditer(text):
            for number in re.findall(r"§(\d+)", match.group(1)):
                cited += 1
                if int(number) not in sections:
                    missing.append(f"{path.relative_to(ROOT)}: §{number}")
    assert cited > 0, "no docstring cites docs/reference.md"
    assert missing == []


def test_readme_links_the_documents():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Documentation" in readme
    for name in ("architecture.md", "reference.md", "benchmarks.md"):
        assert f"(docs/{name})" in readme
