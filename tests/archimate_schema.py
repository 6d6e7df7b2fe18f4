"""The Open Group's ArchiMate exchange schema and the names the ArchiMate export tests share."""

import shutil
from functools import cache
from pathlib import Path

import pytest

from arch_models import archimate

XSD = Path(__file__).resolve().parent / "data" / "archimate-xsd"
NS = {"a": archimate.NAMESPACE}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")


@cache
def archimate_schema():
    """Return the Open Group's schema, read once, with xml.xsd resolved offline."""
    import xmlschema

    return xmlschema.XMLSchema(
        str(XSD / "archimate3_Diagram.xsd"),
        locations=[("http://www.w3.org/XML/1998/namespace", str(XSD / "xml.xsd"))],
        allow="local",
    )
