"""What an instansi taught the import: its own words and headers, remembered for next time."""

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from registry.extensions import db
from registry.models.base import TimestampMixin

#: the group of a header mapping starts so; the rest is the sheet kind ("header:applications")
HEADER_GROUP = "header:"


class ImportMapping(TimestampMixin, db.Model):
    """A word of a choice column (or a header) the import reads as a known value (or column).

    ``group`` is the choice group (lifecycle, kind, channel, link_status, domain_status,
    yes_no, hosting) or ``header:<sheet kind>``; ``word`` is the typed text as compared (lower
    case, single spaces); ``value`` the stored value, the data centre's code for hosting, the
    column key for a header, or "" for "unknown" (a word) and "ignore" (a header).
    """

    __tablename__ = "import_mappings"
    __table_args__ = (UniqueConstraint("agency_id", "group", "word"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    group: Mapped[str] = mapped_column(String(40))
    word: Mapped[str] = mapped_column(String(200))
    value: Mapped[str] = mapped_column(String(200), default="")

    @property
    def is_header(self):
        """Tell whether this maps a header to a column."""
        return self.group.startswith(HEADER_GROUP)

    @property
    def sheet_kind(self):
        """Return the sheet kind of a header mapping (units, applications, links, domains)."""
        return self.group[len(HEADER_GROUP):] if self.is_header else None

    def __str__(self):
        return f"{self.group}: {self.word} \u2192 {self.value or '-'}"
