"""The scorecard's charts keep their labels inside the picture, on screen, in print and in PDF."""

import re
import xml.etree.ElementTree as ET

from registry.services import assessments

SVG = "{http://www.w3.org/2000/svg}"


def _charts(html):
    return [ET.fromstring(svg.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))
            for svg in re.findall(r'<svg class="scorecard-chart.*?</svg>', html, re.S)]


def _labels(chart):
    """The texts left of the bars: an indicator's or a group's number and name."""
    return [t for t in chart.iter(f"{SVG}text") if re.match(r"\d+\. ", t.text or "")]


def test_chart_labels_start_inside_the_chart_and_stop_at_the_bars(client, auth, agency):
    opened = assessments.open_assessment(agency.id, 2025, actor=None)
    auth.login("reviewer")
    for path in (f"/assessments/{opened.id}", f"/assessments/{opened.id}/report"):
        charts = _charts(client.get(path).text)
        assert len(charts) >= 4, path  # a chart per domain (and on the scorecard, their bars)
        for chart in charts:
            clips = {c.get("id"): c.find(f"{SVG}rect") for c in chart.iter(f"{SVG}clipPath")}
            labels = _labels(chart)
            assert labels
            for label in labels:
                # anchored at its start inside the picture: a wider font cuts the end of a
                # long name at the bars, never the indicator's number on the left
                assert label.get("text-anchor", "start") == "start"
                assert 0 <= float(label.get("x")) < 10
                clip = clips[re.fullmatch(r"url\(#(.+)\)", label.get("clip-path")).group(1)]
                bars = [float(r.get("x")) for r in chart.iter(f"{SVG}rect")
                        if r.get("fill") and r not in clips.values()]
                assert float(clip.get("width")) < min(bars)
