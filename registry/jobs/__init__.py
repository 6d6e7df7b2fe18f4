"""Job pages: a job's state and progress bar (polling its JSON status), then its result.

The area that owns a kind of job registers how its result is shown (``result_view``); the
import's result is the import page with its report, the same page an inline import shows.
"""

from flask import Blueprint

bp = Blueprint("jobs", __name__)

#: kind -> view(job) returning the response of a finished job's result page
RESULT_VIEWS = {}


def result_view(kind):
    """Register the view of the result of ``kind`` jobs."""
    def register(view):
        RESULT_VIEWS[kind] = view
        return view

    return register


from registry.jobs import routes  # noqa: E402,F401  (routes attach to bp)
