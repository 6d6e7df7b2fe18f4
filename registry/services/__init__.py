"""The one write path (pages, API and CLI all call it) and the read models for pages."""
