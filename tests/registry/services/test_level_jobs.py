"""Issue 22 item 2: recomputing an assessment's computed levels as a job, indicator by indicator.

The job does what the scorecard's "Ambil ulang level terhitung" does in the request
(``assessments.refresh_computed``), writing its progress after each computed indicator; a stale
version or a user who is not the Koordinator fails the job with why, and nothing changes.
"""

from datetime import date

import pytest

from arch_models.levels import computed_indicators
from registry import models
from registry.extensions import db
from registry.models import JobState
from registry.services import assessment_team, assessments, changelog, documents, jobs
from tests.registry.job_queue import work

YEAR = 2025


@pytest.fixture
def opened(agency):
    return assessments.open_assessment(agency.id, YEAR, actor=None)


@pytest.fixture
def coordinator(opened, make_user):
    user = make_user("architect")
    assessment_team.set_coordinator(opened.id, user.id, actor=None,
                                    expected_version=opened.version)
    return user


def new_policy(agency):
    documents.save_document(agency.id, "kebijakan_jaringan_intra",
                            {"number": "Pergub 1/2023", "issued_on": date(2023, 1, 2),
                             "complete": True}, actor=None)


def levels_job(assessment, user, *, queue=None, version=None):
    db.session.refresh(assessment)
    params = jobs.levels_params(assessment.id,
                                assessment.version if version is None else version)
    return jobs.submit("levels", params, owner=user, agency_id=assessment.agency_id,
                       queue=queue)


def indicator_count(assessment):
    return len(computed_indicators(assessments.instrument_of(assessment)))


def test_without_a_queue_the_job_recomputes_at_once(agency, opened, coordinator):
    assert assessments.score_of(opened, 6).computed_level == 1
    new_policy(agency)
    job = levels_job(opened, coordinator)
    assert job.state is JobState.DONE, job.error
    db.session.refresh(opened)
    assert assessments.score_of(opened, 6).computed_level == 3
    assert changelog.history("assessments", opened.id)[0].after == {"computed_levels": {"6": 3}}
    total = indicator_count(opened)
    assert (job.done, job.total) == (total, total)
    assert job.result == {"assessment_id": opened.id, "changed": 1}


def test_the_job_writes_its_progress_after_each_indicator(agency, opened, coordinator,
                                                          monkeypatch):
    seen = []
    real_set = jobs.Progress.set

    def record(self, **values):
        if "done" in values:
            seen.append(values["done"])
        real_set(self, **values)

    monkeypatch.setattr(jobs.Progress, "set", record)
    levels_job(opened, coordinator)
    assert seen == list(range(indicator_count(opened) + 1))


def test_the_levels_are_those_the_request_computes(agency, opened, coordinator):
    new_policy(agency)
    levels_job(opened, coordinator)
    db.session.refresh(opened)
    by_job = {s.indicator: (s.computed_level, s.explanation) for s in opened.scores}
    other = assessments.refresh_computed(opened.id, actor=None, expected_version=opened.version)
    assert {s.indicator: (s.computed_level, s.explanation) for s in other.scores} == by_job


def test_a_queued_job_waits_for_the_worker(agency, opened, coordinator, redis_queue):
    new_policy(agency)
    job = levels_job(opened, coordinator, queue=redis_queue)
    assert job.state is JobState.QUEUED
    assert assessments.score_of(opened, 6).computed_level == 1
    work(redis_queue)
    job = db.session.get(models.Job, job.id)
    db.session.refresh(job)
    assert job.state is JobState.DONE, job.error
    db.session.expire_all()
    assert assessments.score_of(assessments.get_assessment(opened.id), 6).computed_level == 3


def test_a_stale_version_fails_the_job_and_changes_nothing(agency, opened, coordinator):
    new_policy(agency)
    job = levels_job(opened, coordinator, version=opened.version - 1)
    assert job.state is JobState.FAILED
    assert "telah diubah orang lain" in job.error
    db.session.expire_all()
    assert assessments.score_of(assessments.get_assessment(opened.id), 6).computed_level == 1


def test_only_the_coordinator_recomputes(agency, opened, coordinator, make_user):
    new_policy(agency)
    job = levels_job(opened, make_user("architect", suffix="2"))
    assert job.state is JobState.FAILED
    assert "Koordinator" in job.error
    db.session.expire_all()
    assert assessments.score_of(assessments.get_assessment(opened.id), 6).computed_level == 1
