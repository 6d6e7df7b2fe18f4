"""A landscape as it stood at the end of a past evaluation year, from dated fields.

A finalised year must not move when next year's data is entered: an application started after
the day judged did not exist yet, one retired after it was still running, and its review is
the last one dated up to that day (the review records keep the history the application's own
"last review" field overwrites).
"""

from __future__ import annotations

from dataclasses import replace

from arch_models.landscape import Landscape, Lifecycle

__all__ = ["landscape_at"]


def landscape_at(land: Landscape, *, not_started=frozenset(), retired_later=frozenset(),
                 reviews=None) -> Landscape:
    """Return ``land`` as it stood at a past day.

    :param not_started: ids of applications started after the day: left out, with their links
    :param retired_later: ids of applications retired after the day: still in production then
    :param reviews: {application id: (reviewed on, follow-up)} of the last review up to the day
    """
    reviews = reviews or {}
    apps = []
    for app in land.applications:
        if app.id in not_started:
            continue
        if app.id in retired_later and app.lifecycle is Lifecycle.RETIRED:
            app = app._replace(lifecycle=Lifecycle.PRODUCTION)
        if app.id in reviews:
            reviewed_on, followup = reviews[app.id]
            app = app._replace(last_review_on=reviewed_on, review_followup=followup or "")
        apps.append(app)
    links = tuple(link for link in land.links
                  if link.provider_id not in not_started and link.consumer_id not in not_started)
    return replace(land, applications=tuple(apps), links=links)
