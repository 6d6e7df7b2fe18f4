"""A page of results: two statements whatever the page size (the rows, and the count)."""

import math
from dataclasses import dataclass

from sqlalchemy import func, select

from registry.extensions import db


@dataclass(frozen=True)
class Page:
    """One page of a list."""

    items: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self):
        """Return how many pages the list has (at least one)."""
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self):
        """Tell whether a previous page exists."""
        return self.page > 1

    @property
    def has_next(self):
        """Tell whether a next page exists."""
        return self.page < self.pages


def paginate(stmt, *, page, per_page, scalars=False):
    """Run ``stmt`` for one page and count all its rows."""
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    # a page past the last shows the last: the offset stays within what the database takes
    page = min(max(1, int(page)), max(1, -(-total // per_page)))
    rows = db.session.execute(stmt.limit(per_page).offset((page - 1) * per_page))
    items = list(rows.scalars().unique() if scalars else rows.unique())
    return Page(items=items, total=total, page=page, per_page=per_page)
