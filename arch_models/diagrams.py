"""Integration diagrams as Graphviz DOT, built from snapshots; rendering through ``dot``.

The builders are pure DOT assembly (tests read ``.source``). Links to pages come from callables
the caller passes, so the core never knows a route. Past ``max_nodes`` a landscape is drawn
aggregated, one node per OPD, rather than as an unreadable hairball.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter, defaultdict

import graphviz

from arch_models.errors import DiagramRenderError
from arch_models.landscape import Channel, Landscape, Lifecycle, LinkStatus
from arch_models.text import printable

__all__ = [
    "FORMATS",
    "build_aggregate",
    "build_blockers",
    "build_landscape",
    "build_neighbourhood",
    "build_unit",
    "content_key",
    "layout",
    "render",
    "to_svg",
]

FORMATS = ("svg", "png", "dot")
FONT = "DejaVu Sans"
BLOCKED, COMPLIANT, NEUTRAL = "#f8d7da", "#d1e7dd", "#e9ecef"
BLOCKED_LINE, COMPLIANT_LINE = "#b02a37", "#146c43"
CHANNEL_STYLE = {
    Channel.SERVICE_BUS: {"color": "#198754"},
    Channel.DIRECT_API: {"color": "#dc3545", "style": "dashed"},
    Channel.FILE_TRANSFER: {"color": "#fd7e14", "style": "dashed"},
    Channel.DATABASE_LINK: {"color": "#6f42c1", "style": "dashed"},
    Channel.HYPERLINK: {"color": "#adb5bd", "style": "dotted"},
}
BUS_NODE = "bus"
logger = logging.getLogger(__name__)


def _plain(text):
    r"""Give Graphviz a text as plain text, never markup.

    The graphviz package passes a value shaped ``<…>`` to dot unquoted, as an HTML-like label
    (which can read server files as images and carry links), and DOT reads backslashes as
    escapes (``\N``, a final ``\`` that swallows the closing quote). ``graphviz.escape``
    disables both, as the package documents; control characters (from records stored before
    input refused them) would break dot's JSON layout, so they are replaced.
    """
    return graphviz.escape(printable(str(text)))


def _digraph(name):
    dot = graphviz.Digraph(name=name)
    dot.attr(rankdir="LR", overlap="false", splines="true", fontname=FONT, fontsize="10",
             nodesep="0.25", ranksep="0.6")
    dot.attr("node", shape="box", style="rounded,filled", fontname=FONT, fontsize="10",
             fillcolor=NEUTRAL, color="#6c757d")
    dot.attr("edge", fontname=FONT, fontsize="8", arrowsize="0.6")
    return dot


def _label(text, width=28):
    """Wrap a long name over lines so boxes stay narrow (raw text: pass it through _plain)."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def _selected_links(landscape, app_ids, *, channels=None, statuses=(LinkStatus.ACTIVE,)):
    for link in sorted(landscape.links, key=lambda x: x.id):
        if link.status not in statuses or (channels and link.channel not in channels):
            continue
        if link.provider_id in app_ids and link.consumer_id in app_ids:
            yield link


def _app_node(dot, app, *, url_for_app, fill=NEUTRAL, tooltip=None, line=None, bold=False):
    attrs = {"label": _plain(_label(app.name)), "fillcolor": fill,
             "tooltip": _plain(tooltip or f"{app.name} ({app.code})")}
    if line:
        attrs["color"] = line
    if bold:
        attrs["penwidth"] = "2"
    if url_for_app:
        attrs.update(URL=_plain(url_for_app(app)), target="_top")
    dot.node(f"a{app.id}", **attrs)


def _edges(dot, links, *, via_bus=False):
    """Draw links; with ``via_bus`` the service-bus links run through the bus hub node."""
    seen = set()
    for link in links:
        style = CHANNEL_STYLE[link.channel]
        if via_bus and link.channel is Channel.SERVICE_BUS:
            for tail, head in ((f"a{link.provider_id}", BUS_NODE),
                               (BUS_NODE, f"a{link.consumer_id}")):
                if (tail, head) not in seen:
                    seen.add((tail, head))
                    dot.edge(tail, head, **style)
            continue
        dot.edge(f"a{link.provider_id}", f"a{link.consumer_id}", **style)


def _filter_apps(landscape, unit_ids=None, only=None):
    apps = [a for a in landscape.applications if a.lifecycle != Lifecycle.RETIRED]
    if unit_ids:
        apps = [a for a in apps if a.unit_id in set(unit_ids)]
    if only is not None:
        apps = [a for a in apps if a.id in only]
    return sorted(apps, key=lambda a: (a.unit_id, a.name, a.id))


def _aggregated(landscape, apps, links, *, url_for_unit, blocked=None, name="landscape"):
    """Count the applications per OPD and the links per pair of OPDs, and draw them.

    The drawing is build_aggregate's.
    """
    unit_of = {a.id: a.unit_id for a in apps}
    counts = Counter(unit_of.values())
    weights = Counter()
    for link in links:
        pair = tuple(sorted((unit_of[link.provider_id], unit_of[link.consumer_id])))
        if pair[0] != pair[1]:
            weights[pair] += 1
    blocked_counts = None
    if blocked is not None:
        blocked_counts = Counter(unit_of[a] for a in blocked if a in unit_of)
    units = {unit_id: landscape.unit(unit_id) for unit_id in counts}
    return build_aggregate(units, counts, weights, url_for_unit=url_for_unit,
                           blocked_counts=blocked_counts, name=name)


def build_aggregate(units, counts, weights, *, url_for_unit=None, blocked_counts=None,
                    name="landscape"):
    """Draw one node per OPD, one line per pair of OPDs weighted by how many links join them.

    ``units`` maps an OPD's id to its snapshot, ``counts`` an OPD's id to its applications
    drawn (OPDs without any are left out), ``weights`` a sorted pair of OPD ids to the links
    between them; ``blocked_counts`` (blockers view) an OPD's id to its blocking applications.
    The caller may count them in the database, so a large landscape is never loaded.

    Drawn with neato (a spring layout) rather than dot's ranks: an OPD network has no
    direction to rank by, and ranks stretch it into a tall hairball.
    """
    dot = _digraph(name)
    dot.engine = "neato"
    dot.attr(overlap="prism", sep="+12", splines="true", mode="major")
    for unit_id in sorted(u for u, n in counts.items() if n):
        unit = units[unit_id]
        label = f"{_label(unit.acronym or unit.name, 22)}\n{counts[unit_id]} aplikasi"
        attrs = {"tooltip": _plain(unit.name)}
        if blocked_counts is not None:
            n = blocked_counts.get(unit_id, 0)
            label += f"\n{n} penghambat" if n else ""
            attrs["fillcolor"] = BLOCKED if n else COMPLIANT
        attrs["label"] = _plain(label)
        if url_for_unit:
            attrs.update(URL=_plain(url_for_unit(unit)), target="_top")
        dot.node(f"u{unit_id}", **attrs)
    for (tail, head), weight in sorted(weights.items()):
        if tail == head or not weight:
            continue
        dot.edge(f"u{tail}", f"u{head}", label=str(weight), dir="none", color="#6c757d80",
                 penwidth=str(min(0.6 + weight / 2, 6)), weight=str(weight))
    return dot


def build_landscape(landscape: Landscape, *, url_for_app=None, url_for_unit=None,
                    unit_ids=None, channels=None, statuses=(LinkStatus.ACTIVE,),
                    max_nodes=150):
    """Draw the landscape clustered by OPD (aggregated past ``max_nodes`` applications)."""
    apps = _filter_apps(landscape, unit_ids)
    ids = {a.id for a in apps}
    links = list(_selected_links(landscape, ids, channels=channels, statuses=statuses))
    if len(apps) > max_nodes:
        return _aggregated(landscape, apps, links, url_for_unit=url_for_unit)
    dot = _digraph("landscape")
    by_unit = defaultdict(list)
    for app in apps:
        by_unit[app.unit_id].append(app)
    for unit_id in sorted(by_unit):
        unit = landscape.unit(unit_id)
        with dot.subgraph(name=f"cluster_u{unit_id}") as cluster:
            cluster.attr(label=_plain(unit.acronym or unit.name), style="rounded",
                         color="#adb5bd", fontname=FONT, fontsize="10",
                         tooltip=_plain(unit.name))
            for app in by_unit[unit_id]:
                _app_node(cluster, app, url_for_app=url_for_app)
    _edges(dot, links)
    return dot


def build_unit(landscape: Landscape, unit_id: int, **kwargs):
    """Draw one OPD's applications and the partners they exchange data with."""
    own = {a.id for a in landscape.applications if a.unit_id == unit_id}
    partners = {x for link in landscape.links if link.status is LinkStatus.ACTIVE
                for x in (link.provider_id, link.consumer_id)
                if own & {link.provider_id, link.consumer_id}}
    sub = Landscape(units=landscape.units,
                    applications=tuple(a for a in landscape.applications if a.id in own | partners),
                    links=landscape.links)
    return build_landscape(sub, **kwargs)


def build_neighbourhood(landscape: Landscape, app_id: int, *, depth=1, url_for_app=None,
                        statuses=(LinkStatus.ACTIVE,)):
    """Draw one application and the applications within ``depth`` links of it."""
    depth = max(1, min(int(depth), 2))
    adjacent = defaultdict(set)
    for link in landscape.links:
        if link.status in statuses:
            adjacent[link.provider_id].add(link.consumer_id)
            adjacent[link.consumer_id].add(link.provider_id)
    reached, frontier = {app_id}, {app_id}
    for _ in range(depth):
        frontier = {n for f in frontier for n in adjacent[f]} - reached
        reached |= frontier
    dot = _digraph("neighbourhood")
    for app in sorted((a for a in landscape.applications if a.id in reached),
                      key=lambda a: (a.id != app_id, a.name, a.id)):
        _app_node(dot, app, url_for_app=url_for_app, bold=app.id == app_id,
                  fill="#cfe2ff" if app.id == app_id else NEUTRAL)
    _edges(dot, _selected_links(landscape, reached, statuses=statuses))
    return dot


#: the tooltip of an application that blocks nothing, per language
NO_BLOCKER = {"id": "tidak ada hambatan", "en": "no blockers"}


def build_blockers(landscape: Landscape, blockers, *, url_for_app=None, url_for_unit=None,
                   unit_ids=None, only_blockers=False, app_ids=None, max_nodes=150,
                   locale=None):
    """Draw applications red when they block level 5 (reasons in the tooltip), green otherwise.

    The service bus is one hub node that its links run through, so point-to-point links
    (dashed) stand out against the hub. ``only_blockers`` draws only the applications that
    block; ``app_ids`` only those applications (the few whose fix lifts a level most).
    The reasons in the tooltips are in the language of ``locale`` (default Indonesian).
    """
    providers = {link.id: link.provider_id for link in landscape.links}
    reasons = defaultdict(list)
    for blocker in blockers:
        text = f"[{blocker.indicator}≤{blocker.caps_at}] {blocker.reason_in(locale)}"
        if blocker.subject_kind == "application":
            reasons[blocker.subject_id].append(text)
        elif blocker.subject_kind == "link" and blocker.subject_id in providers:
            reasons[providers[blocker.subject_id]].append(text)
    blocked = set(reasons)
    keep = set(app_ids) if app_ids is not None else blocked if only_blockers else None
    apps = _filter_apps(landscape, unit_ids, only=keep)
    if unit_ids:  # show the partners one OPD's applications exchange data with, too
        own = {a.id for a in apps}
        partners = {x for link in landscape.links if link.status is LinkStatus.ACTIVE
                    and own & {link.provider_id, link.consumer_id}
                    for x in (link.provider_id, link.consumer_id)}
        apps = _filter_apps(landscape, only=own | partners)
    ids = {a.id for a in apps}
    links = list(_selected_links(landscape, ids))
    if len(apps) > max_nodes:
        return _aggregated(landscape, apps, links, url_for_unit=url_for_unit,
                           blocked=blocked, name="blockers")
    dot = _digraph("blockers")
    if any(link.channel is Channel.SERVICE_BUS for link in links):
        dot.node(BUS_NODE, label="Service bus\n(SPLP)", shape="hexagon", fillcolor="#0d6efd",
                 fontcolor="white", color="#0a58ca", tooltip="Service bus / SPLP")
    for app in apps:
        if app.id in blocked:
            _app_node(dot, app, url_for_app=url_for_app, fill=BLOCKED, line=BLOCKED_LINE,
                      tooltip=f"{app.name}:\n" + "\n".join(reasons[app.id]))
        else:
            _app_node(dot, app, url_for_app=url_for_app, fill=COMPLIANT, line=COMPLIANT_LINE,
                      tooltip=f"{app.name}: " + NO_BLOCKER.get(str(locale), NO_BLOCKER["id"]))
    _edges(dot, links, via_bus=True)
    return dot


def content_key(source: str) -> str:
    """Return the cache key of a diagram: the SHA-256 of its DOT source."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def render(dot, fmt: str) -> bytes:
    """Render a diagram as SVG, PNG or its DOT source."""
    if fmt not in FORMATS:
        raise DiagramRenderError(f"Format '{fmt}' tidak dikenal; pilih salah satu dari {FORMATS}.")
    if fmt == "dot":
        return dot.source.encode("utf-8")
    try:
        return dot.pipe(format=fmt)
    except graphviz.ExecutableNotFound as error:
        raise DiagramRenderError("Graphviz (dot) tidak terpasang di server.") from error
    except graphviz.CalledProcessError as error:
        # dot's message may name server paths: it is logged, never shown
        logger.warning("dot failed on %s (%s): %s", dot.name, content_key(dot.source),
                       error.stderr)
        raise DiagramRenderError("Graphviz gagal menggambar diagram ini.") from error


def to_svg(dot) -> str:
    """Render a diagram as SVG text."""
    return render(dot, "svg").decode("utf-8")


def layout(dot, *, dpi=96) -> dict[str, tuple[int, int, int, int]]:
    """Lay a diagram out with its engine; return the box of every node and cluster, in pixels.

    Keys are the DOT names (``a42`` for an application, ``cluster_u3`` for an OPD's cluster,
    ``u3`` for an OPD drawn as one node); values are ``(x, y, w, h)``: the top-left corner and
    the size, at ``dpi`` pixels per inch. Graphviz puts y upward in points (1/72 inch); the
    result puts y downward from the drawing's top-left corner, as SVG and ArchiMate views do.
    """
    try:
        data = json.loads(dot.pipe(format="json", encoding="utf-8"))
    except graphviz.ExecutableNotFound as error:
        raise DiagramRenderError("Graphviz (dot) tidak terpasang di server.") from error
    except graphviz.CalledProcessError as error:
        logger.warning("dot failed to lay out %s: %s", dot.name, error.stderr)
        raise DiagramRenderError("Graphviz gagal menata diagram ini.") from error
    left, _bottom, _right, top = (float(v) for v in data["bb"].split(","))
    scale = dpi / 72

    def box(x0, y_top, width, height):
        return (max(0, round((x0 - left) * scale)), max(0, round((top - y_top) * scale)),
                max(1, round(width * scale)), max(1, round(height * scale)))

    boxes = {}
    for obj in data.get("objects", ()):
        if "bb" in obj:  # a cluster: its bounding box, label included
            llx, lly, urx, ury = (float(v) for v in obj["bb"].split(","))
            boxes[obj["name"]] = box(llx, ury, urx - llx, ury - lly)
        elif "pos" in obj:  # a node: its centre, and its size in inches
            x, y = (float(v) for v in obj["pos"].split(",")[:2])
            width, height = float(obj["width"]) * 72, float(obj["height"]) * 72
            boxes[obj["name"]] = box(x - width / 2, y + height / 2, width, height)
    return boxes
