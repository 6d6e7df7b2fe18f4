"""Issue 22 item 2 on the scorecard: "Ambil ulang level terhitung" as a job when Redis is set.

The page checks who asks and which version before any job; the worker computes the levels
indicator by indicator (the job page's bar advances per indicator), and the finished job leads
back to the scorecard. Without Redis the button recomputes in the request, as before.
"""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from arch_models.levels import computed_indicators
from registry import models
from registry.extensions import db
from registry.services import assessment_team, assessments, documents
from tests.registry.job_queue import work

YEAR = 2025


@pytest.fixture
def opened(agency):
    assessment = assessments.open_assessment(agency.id, YEAR, actor=None)
    documents.save_document(agency.id, "kebijakan_jaringan_intra",
                            {"number": "Pergub 1/2023", "issued_on": date(2023, 1, 2),
                             "complete": True}, actor=None)
    return assessment


def coordinate(opened, user):
    assessment_team.set_coordinator(opened.id, user.id, actor=None,
                                    expected_version=opened.version)
    db.session.refresh(opened)
    return user


def job_count():
    return db.session.scalar(select(func.count()).select_from(models.Job))


def level_6(opened):
    db.session.expire_all()
    return assessments.score_of(assessments.get_assessment(opened.id), 6).computed_level


def test_without_redis_the_button_recomputes_in_the_request(client, auth, opened):
    coordinate(opened, auth.login("architect"))
    response = client.post(f"/assessments/{opened.id}/refresh",
                           data={"version": opened.version})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/assessments/{opened.id}")
    assert level_6(opened) == 3
    assert job_count() == 0


def test_with_redis_the_button_answers_with_a_job_the_worker_runs(client, auth, opened,
                                                                  redis_queue):
    coordinate(opened, auth.login("architect"))
    response = client.post(f"/assessments/{opened.id}/refresh",
                           data={"version": opened.version})
    assert response.status_code == 303
    job_url = response.headers["Location"]
    assert re.fullmatch(r"/jobs/\d+", job_url)
    assert level_6(opened) == 1
    waiting = client.get(job_url)
    assert "menunggu pekerja" in waiting.text
    assert "job-progress.js" in waiting.text
    assert "Hitung ulang level terhitung" in waiting.text

    work(redis_queue)
    status = client.get(job_url + ".json").get_json()
    assert status["state"] == "done"
    total = len(computed_indicators(assessments.instrument_of(opened)))
    assert status["progress"] == {"done": total, "total": total, "percent": 100,
                                  "step": "Selesai"}
    done = client.get(job_url)
    assert done.status_code == 302
    assert done.headers["Location"].endswith(f"/assessments/{opened.id}")
    page = client.get(done.headers["Location"])
    assert "Level terhitung diperbarui dari data registri." in page.text
    assert level_6(opened) == 3


def test_a_stale_version_is_refused_before_any_job(client, auth, opened, redis_queue):
    coordinate(opened, auth.login("architect"))
    response = client.post(f"/assessments/{opened.id}/refresh",
                           data={"version": opened.version - 1}, follow_redirects=True)
    assert "telah diubah orang lain" in response.text
    assert job_count() == 0


def test_only_the_coordinator_gets_a_job(client, auth, opened, make_user, redis_queue):
    coordinate(opened, make_user("architect", suffix="koordinator"))
    auth.login("architect")
    response = client.post(f"/assessments/{opened.id}/refresh",
                           data={"version": opened.version}, follow_redirects=True)
    assert "Koordinator" in response.text
    assert job_count() == 0
    assert level_6(opened) == 1
