"""The assessment report as a real PDF, rendered on the server (WeasyPrint with Pango).

Rendered from ``templates/assessments/report_pdf.html``, which carries its own styles and
draws its charts as inline SVG: WeasyPrint fetches nothing (every URL is refused), so no
address typed into the evidence can make the server reach out while it prints.
"""

import io
from datetime import UTC, datetime

from flask import render_template

from registry.services import assessments, evidence, evidence_pack


def _refuse_every_url(url, *args, **kwargs):
    raise ValueError(f"the report fetches nothing: {url}")


def report_context(assessment):
    """Return what the report shows: the scorecard, the gaps, the files per indicator."""
    card = assessments.scorecard(assessment, moves=5)
    entries = evidence_pack.pack_entries(assessment)
    files = {}
    for entry in entries:
        files.setdefault(entry.indicator, []).append(entry)
    return {"card": card, "gaps": evidence.completeness(assessment, card.instrument),
            "files": files, "file_count": len({e.file.sha256 for e in entries}),
            "now": datetime.now(UTC)}


def render_report_pdf(assessment):
    """Return the report of an assessment as PDF bytes (needs an app and request context)."""
    from weasyprint import HTML  # a heavy import, only when a PDF is asked for
    from weasyprint.urls import URLFetcher

    class _NoFetch(URLFetcher):
        def fetch(self, url, headers=None):
            return _refuse_every_url(url)

    html = render_template("assessments/report_pdf.html", **report_context(assessment))
    out = io.BytesIO()
    HTML(string=html, url_fetcher=_NoFetch()).write_pdf(out)
    return out.getvalue()


def write_pack(assessment, out):
    """Write the evidence pack (the report as PDF, every file, the index) into ``out``."""
    return evidence_pack.write_pack(assessment, out, report_pdf=render_report_pdf(assessment))
