"""SPBE architecture core: snapshots, graph analysis, rules, scores and diagrams, in plain Python.

Nothing here imports Flask, SQLAlchemy, marshmallow or the ``registry`` package.
"""

__version__ = "0.1.0"
