"""SPBE reference data: read-only, versioned, standard library only."""
