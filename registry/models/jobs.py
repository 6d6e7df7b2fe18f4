"""Long work run by a worker (or inline): an import, an export; its state, progress and result.

The row is the truth every app server reads: the job page and its JSON status show what the
worker last wrote here, so the owner follows a job from any server behind the proxy.
"""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from registry.extensions import db
from registry.models.base import AwareDateTime, enum_column, utcnow


class JobState(enum.StrEnum):
    """Where a job is: waiting for a worker, running, done or failed."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Job(db.Model):
    """One piece of long work a user asked for."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: what to run: "import", "export", "archimate", "levels" (registry.services.jobs.KINDS)
    kind: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    state: Mapped[JobState] = enum_column(JobState, default=JobState.QUEUED)
    #: how far: ``done`` of ``total`` units of work (rows read), and the step in words
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    step: Mapped[str] = mapped_column(String(200), default="")
    #: what the job was asked to do (the staged upload's token, the options)
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    #: the outcome when done (an import's report; an export's file name, size and media type:
    #: JSON data, kept in backups too), or None
    result: Mapped[dict | None] = mapped_column(JSON)
    #: why the job failed, for its owner
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(AwareDateTime())

    @property
    def finished(self):
        """Tell whether the job has ended, done or failed."""
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def percent(self):
        """Return how far the job is, 0 to 100.

        A running job shows at most 95: after its units of work come the checks and the writing.
        """
        if self.state is JobState.DONE:
            return 100
        if not self.total:
            return 0
        return min(95, int(100 * self.done / self.total))

    def __str__(self):
        return f"{self.kind} #{self.id} ({self.state.value})"
