"""Export an agency's architecture as an ArchiMate 3.1 exchange file, for Archi and its kin."""

import logging

from arch_models import archimate, diagrams
from arch_models.errors import DiagramRenderError
from registry.services.analysis import resolve_agency
from registry.snapshots import load_landscape

logger = logging.getLogger(__name__)


def export_archimate(agency_id=None, *, agency_code=None) -> bytes:
    """Return the agency's exchange file (the default agency when none is named).

    The view's boxes come from Graphviz laying out the integration page's own drawing. Without
    Graphviz the file is still exported, without its view: the model is the evidence, the view
    a convenience.

    :raises NotFoundError: no such agency.
    """
    agency = resolve_agency(agency_id, agency_code)
    land = load_landscape(agency.id)
    dot = archimate.build_view_dot(land)
    positions = {}
    if dot is not None:
        try:
            positions = diagrams.layout(dot)
        except DiagramRenderError as error:
            logger.warning("ArchiMate export of %s without its view: %s", agency.code, error)
    return archimate.build_exchange(
        land, model_name=f"Arsitektur SPBE {agency.name}", agency_name=agency.name,
        positions=positions,
    )
