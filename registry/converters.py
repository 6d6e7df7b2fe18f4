"""URL converters: an id in a path never exceeds what the database can store."""

from werkzeug.routing import IntegerConverter

#: the largest integer SQLite stores (and PostgreSQL's bigint)
MAX_STORED_INT = 2**63 - 1
#: the largest id: ids are INTEGER columns, 32-bit on PostgreSQL
MAX_ID = 2**31 - 1


class StoredIntConverter(IntegerConverter):
    """``<int:...>`` bounded to a stored id: a larger one is a 404, not a database error."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 - werkzeug's name
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def register_converters(app):
    """Install the converters; must run before any route is added."""
    app.url_map.converters["int"] = StoredIntConverter
