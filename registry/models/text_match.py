"""Case-insensitive LIKE that each database runs at its own best.

SQLAlchemy's ``ilike`` becomes ``lower(column) LIKE lower(pattern)`` on SQLite: a function call
on every row of a search, three times slower over 30,000 applications than SQLite's own LIKE,
which already ignores the case of ASCII letters. PostgreSQL has ILIKE.
"""

from sqlalchemy import func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Boolean


class ci_like(FunctionElement):  # noqa: N801 - reads as the SQL function it stands for
    """``ci_like(column, pattern)``: the column matches the LIKE pattern, ignoring case."""

    type = Boolean()
    name = "ci_like"
    inherit_cache = True


@compiles(ci_like)
def _portable(element, compiler, **kw):
    column, pattern = (compiler.process(c, **kw) for c in element.clauses)
    return f"lower({column}) LIKE lower({pattern})"


@compiles(ci_like, "sqlite")
def _sqlite(element, compiler, **kw):
    column, pattern = (compiler.process(c, **kw) for c in element.clauses)
    return f"{column} LIKE {pattern}"


@compiles(ci_like, "postgresql")
def _postgresql(element, compiler, **kw):
    column, pattern = (compiler.process(c, **kw) for c in element.clauses)
    return f"{column} ILIKE {pattern}"


#: suffix of the trigram search indexes a migration adds on PostgreSQL only (0010)
SEARCH_INDEX_SUFFIX = "_trgm"
#: suffix of the unique indexes on lower(code) that migration 0012 adds on both databases
NOCASE_INDEX_SUFFIX = "_code_nocase"


def same_code(column, code):
    """Tell whether ``column`` holds ``code`` whatever the case.

    Codes are unique regardless of case (``APP-0001`` and ``app-0001`` are one code; migration
    0012's indexes enforce it).
    """
    return func.lower(column) == code.strip().lower()


def nocase(column):
    """Return the sort key of a name that ignores case.

    So "e-Kepegawaian" sorts between "Aplikasi …" and "Sistem …" (a plain ``ORDER BY name`` puts
    every capital before every small letter).
    """
    return func.lower(column)


def in_declared_schema(name, type_, parent_names):
    """Alembic's ``include_name``: leave the migration-only indexes out of comparisons.

    They are the search and case-insensitive code indexes: expressions the models do not declare.
    """
    return not (type_ == "index" and name.endswith((SEARCH_INDEX_SUFFIX, NOCASE_INDEX_SUFFIX)))
