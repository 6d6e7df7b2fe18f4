"""Errors the domain core raises when a rule is broken."""

__all__ = ["DiagramRenderError", "DomainError", "InvalidReferenceCodeError"]


class DomainError(Exception):
    """A rule of the domain was broken; the message says which, in Bahasa Indonesia."""


class InvalidReferenceCodeError(DomainError):
    """A text is not a reference-architecture code."""


class DiagramRenderError(DomainError):
    """Graphviz could not draw a diagram (``dot`` missing or failing)."""
