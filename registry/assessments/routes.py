"""Routes of the self-assessment: parse, call the assessments service, render."""

import io
import tempfile
from datetime import UTC, datetime

from flask import Response, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from registry.assessments import bp, report
from registry.auth import current_actor
from registry.clock import local_today, zone
from registry.forms import error_text, parse_form, run_service, submit
from registry.jobs import result_view
from registry.jobs.queue import current_queue
from registry.models import AssessmentStatus
from registry.schemas.assessment import (
    AssessmentOpenFormSchema,
    AttachFormSchema,
    CoordinatorFormSchema,
    EvidenceUploadFormSchema,
    ExternalScoreFormSchema,
    IndicatorScoreFormSchema,
    IndicatorTeamFormSchema,
    InstrumentChangeSchema,
    StepFormSchema,
    VersionSchema,
)
from registry.services import (
    assessment_team,
    assessments,
    evidence,
    evidence_pack,
    evidence_store,
    instruments,
    jobs,
    organisation,
)
from registry.services.permissions import can_assess, is_admin
from registry.services.scoring_facts import as_of_for


def _agency_id():
    agency_id = request.args.get("agency", type=int)
    if agency_id is None and (agency := organisation.default_agency()) is not None:
        agency_id = agency.id
    return agency_id


def _what_if_levels(card_levels):
    """Read ``w<number>=<level>`` from the query string: the levels to try."""
    changes = {}
    for number in card_levels:
        value = request.args.get(f"w{number}", type=int)
        if value is not None and 1 <= value <= 5:
            changes[number] = value
    return changes


def _list_page(agency_id, **extra):
    """Render the assessments page of an agency.

    It shows every year's index under its own instrument, and the latest result of each instrument
    side by side.
    """
    rows = []
    for assessment in assessments.list_assessments(agency_id) if agency_id else []:
        card = assessments.scorecard(assessments.get_assessment(assessment.id), moves=0)
        rows.append((assessment, card.instrument, card.result))
    values = {"errors": {}, "form": None, "conflict": None} | extra
    return render_template(
        "assessments/list.html", agency_id=agency_id, agencies=organisation.list_agencies(),
        rows=rows, latest=assessments.results_by_instrument(agency_id) if agency_id else [],
        can_assess=can_assess(current_actor()),
        is_admin=is_admin(current_actor()),
        instruments=instruments.catalogue().instruments, **values,
    )


@bp.get("")
def list_assessments():
    """List an agency's assessments by year, with their index, and open a new one."""
    return _list_page(_agency_id())


@bp.post("")
def open_assessment():
    """Open an agency's assessment of a year, with the levels the registry computes."""
    sent = submit(AssessmentOpenFormSchema(), lambda data, _version: assessments.open_assessment(
        data["agency_id"], data["year"], actor=current_actor(),
        instrument_id=data.get("instrument_id") or None, reason=data.get("reason")))
    if sent.saved is None:
        return _list_page(request.form.get("agency_id", type=int), errors=sent.errors,
                          conflict=sent.conflict, form=sent.form), sent.status
    flash(_("Penilaian tahun %(year)s dibuka.", year=sent.saved.year), "success")
    return redirect(url_for("assessments.show_scorecard", assessment_id=sent.saved.id))


@bp.get("/<int:assessment_id>")
def show_scorecard(assessment_id):
    """Show the scorecard: index, predicate, a chart per domain, the 47 indicators and what-if."""
    assessment = assessments.get_assessment(assessment_id)
    levels = assessments.levels_of(assessment)
    card = assessments.scorecard(assessment, changes=_what_if_levels(levels))
    actor = current_actor()
    admin = is_admin(actor)
    draft = assessment.status is AssessmentStatus.DRAFT
    return render_template(
        "assessments/scorecard.html", card=card, can_assess=can_assess(actor),
        is_coordinator=assessments.is_coordinator(actor, assessment),
        may_appoint=draft and assessment_team.may_appoint(actor, assessment),
        candidates=assessment_team.team_candidates(assessment) if draft else [],
        unsent=assessments.unsent_indicators(assessment) if draft else [],
        gaps=evidence.completeness(assessment, card.instrument),
        can_change_instrument=admin and draft
        and len(instruments.catalogue().instruments) > 1,
        instruments=instruments.catalogue().instruments)


@bp.get("/<int:assessment_id>/report")
def show_report(assessment_id):
    """Show the printable report an evaluator can take as evidence."""
    card = assessments.scorecard(assessments.get_assessment(assessment_id), moves=5)
    return render_template("assessments/report.html", card=card, now=datetime.now(UTC))


@bp.route("/<int:assessment_id>/indicators/<int:indicator>", methods=["GET", "POST"])
def edit_indicator(assessment_id, indicator):
    """Show and edit one indicator.

    Why the registry computed its level, the team's level and evidence, its state, and the external
    assessors' levels.
    """
    sent = submit(IndicatorScoreFormSchema(), lambda data, version: assessments.set_indicator(
        assessment_id, indicator, data, actor=current_actor(), expected_version=version))
    if sent.saved is None:
        return _indicator_page(assessment_id, indicator, errors=sent.errors,
                               conflict=sent.conflict, form=sent.form)
    flash(_("Indikator %(n)s disimpan.", n=indicator), "success")
    return redirect(url_for("assessments.show_scorecard", assessment_id=assessment_id,
                            _anchor=f"i{indicator}"))


def _explained_today(assessment):
    """Tell whether an assessment's stored blockers are today's.

    They are when its year is running and it was computed today, so the blockers page (read today)
    counts the same records.
    """
    computed = assessment.computed_at
    if computed is None or as_of_for(assessment.year) != local_today():
        return False
    if computed.tzinfo is None:
        computed = computed.replace(tzinfo=UTC)
    return computed.astimezone(zone()).date() == local_today()


def _indicator_page(assessment_id, indicator, *, errors=None, conflict=None, form=None,
                    panel_errors=None, status=None):
    """Render the indicator page.

    ``panel_errors`` are those of a side form (files, team, steps, the asesor's levels), keyed by
    the form.
    """
    assessment = assessments.get_assessment(assessment_id)
    score = assessments.score_of(assessment, indicator)
    card = assessments.scorecard(assessment, moves=0)
    row = next(r for r in card.rows if r.indicator.number == indicator)
    actor = current_actor()
    draft = assessment.status is AssessmentStatus.DRAFT
    appoint = draft and assessment_team.may_appoint(actor, assessment)
    may_edit = assessments.may_edit(actor, assessment, score)
    attached = {a.evidence_file_id for a in score.attachments}
    errors = errors or {}
    status = status or (409 if conflict else 422 if errors or panel_errors else 200)
    return render_template(
        "assessments/indicator_form.html", card=card, row=row, score=score,
        blockers_as_today=_explained_today(assessment),
        can_assess=may_edit, may_edit=may_edit,
        duties=assessments.duties_of(actor, assessment, score),
        actions=assessment_team.actions_for(actor, assessment, score),
        may_appoint=appoint,
        candidates=assessment_team.team_candidates(assessment) if appoint else [],
        may_assess_externally=assessment_team.may_assess_externally(actor, assessment),
        library=[f for f in evidence.agency_files(assessment.agency_id) if f.id not in attached]
        if may_edit else [],
        accepted=", ".join(f".{ext}" for ext in evidence_store.ACCEPTED_EXTENSIONS),
        max_mb=evidence_store.max_bytes() // (1024 * 1024),
        max_files=evidence.MAX_UPLOAD_FILES,
        form=form, errors=errors, conflict=conflict, panel_errors=panel_errors or {},
    ), status


def _back_to_indicator(assessment_id, indicator, anchor):
    return redirect(url_for("assessments.edit_indicator", assessment_id=assessment_id,
                            indicator=indicator, _anchor=anchor))


def _panel(assessment_id, indicator, name, call, done, anchor):
    """Run a side form's service: on success flash and go back; else show its errors."""
    result, errors, conflict = run_service(call)
    if result is None:
        return _indicator_page(assessment_id, indicator,
                               panel_errors={name: errors or {"_schema": [conflict]}},
                               status=409 if conflict else 422)
    flash(done, "success")
    return _back_to_indicator(assessment_id, indicator, anchor)


def _panel_form(assessment_id, indicator, name, schema, call, done, anchor):
    """Parse a side form with ``schema``, then run ``call(data)`` as ``_panel`` does."""
    data, errors = parse_form(schema, request.form)
    if errors:
        return _indicator_page(assessment_id, indicator, panel_errors={name: errors})
    return _panel(assessment_id, indicator, name, lambda: call(data), done, anchor)


@bp.post("/<int:assessment_id>/indicators/<int:indicator>/evidence")
def upload_evidence(assessment_id, indicator):
    """Upload evidence files to an indicator (its team, before it is checked)."""
    data, errors = parse_form(EvidenceUploadFormSchema(), request.form)
    if errors:
        return _indicator_page(assessment_id, indicator, panel_errors={"files": errors})
    limit = evidence_store.max_bytes()
    uploads = [(f.filename, f.read(limit + 1)) for f in request.files.getlist("files")
               if f and f.filename]
    return _panel(assessment_id, indicator, "files", lambda: evidence.upload_evidence_files(
        assessment_id, indicator, uploads, actor=current_actor(), title=data.get("title")),
        _("%(n)s berkas bukti diunggah.", n=len(uploads)), "files")


@bp.post("/<int:assessment_id>/indicators/<int:indicator>/evidence/attach")
def attach_evidence(assessment_id, indicator):
    """Attach one of the agency's files to this indicator too."""
    return _panel_form(
        assessment_id, indicator, "files", AttachFormSchema(),
        lambda data: evidence.attach_evidence(assessment_id, indicator, data["file_id"],
                                              actor=current_actor()),
        _("Berkas dilampirkan."), "files")


@bp.post("/<int:assessment_id>/indicators/<int:indicator>/evidence/<int:file_id>/detach")
def detach_evidence(assessment_id, indicator, file_id):
    """Take a file off this indicator (it stays with the agency)."""
    return _panel(assessment_id, indicator, "files", lambda: evidence.detach_evidence(
        assessment_id, indicator, file_id, actor=current_actor()),
        _("Berkas dilepas dari indikator ini."), "files")


@bp.post("/<int:assessment_id>/indicators/<int:indicator>/steps")
def move_indicator(assessment_id, indicator):
    """Take one step of the indicator: fill, check, finalise, or return it with a note."""
    return _panel_form(
        assessment_id, indicator, "steps", StepFormSchema(),
        lambda data: assessment_team.move_indicator(
            assessment_id, indicator, data["action"], actor=current_actor(),
            note=data.get("note"), expected_version=data["version"]),
        _("Status indikator %(n)s diperbarui.", n=indicator), "team")


@bp.post("/<int:assessment_id>/indicators/<int:indicator>/team")
def assign_indicator(assessment_id, indicator):
    """Appoint the indicator's person in charge and staff."""
    return _panel_form(
        assessment_id, indicator, "team", IndicatorTeamFormSchema(),
        lambda data: assessment_team.assign_indicator(
            assessment_id, indicator, responsible_id=data.get("responsible_id"),
            filler_ids=data.get("filler_ids") or [], actor=current_actor(),
            expected_version=data["version"]),
        _("Tim indikator %(n)s disimpan.", n=indicator), "team")


@bp.post("/<int:assessment_id>/indicators/<int:indicator>/external")
def record_external(assessment_id, indicator):
    """Record the asesor's levels (document, interview) and catatan perbaikan."""
    return _panel_form(
        assessment_id, indicator, "external", ExternalScoreFormSchema(),
        lambda data: assessment_team.record_external(
            assessment_id, indicator, {k: v for k, v in data.items() if k != "version"},
            actor=current_actor(), expected_version=data["version"]),
        _("Penilaian asesor indikator %(n)s disimpan.", n=indicator), "external")


@bp.get("/evidence/<int:file_id>")
def download_evidence(file_id):
    """Send an evidence file, checked against its SHA-256, as an attachment."""
    row, data = evidence.read_file(file_id)
    return attachment(data, row.media_type, row.filename)


def attachment(data, media_type, name):
    """Return bytes as a download the browser saves and never renders."""
    response = send_file(io.BytesIO(data), mimetype=media_type, as_attachment=True,
                         download_name=name, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/<int:assessment_id>/report.pdf")
def report_pdf(assessment_id):
    """Send the report as a PDF rendered on the server."""
    assessment = assessments.get_assessment(assessment_id)
    return attachment(report.render_report_pdf(assessment), "application/pdf",
                      evidence_pack.report_name(assessment))


@bp.get("/<int:assessment_id>/pack")
def download_pack(assessment_id):
    """Send the evidence pack: the report as PDF, every file per indicator, the index sheet."""
    assessment = assessments.get_assessment(assessment_id)
    out = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115 - streamed
    try:
        report.write_pack(assessment, out)
    except BaseException:
        out.close()
        raise
    return streamed_attachment(out, "application/zip", evidence_pack.pack_name(assessment))


def streamed_attachment(handle, media_type, name):
    """Send a temporary file as a download, in chunks, closing it once sent."""
    def chunks():
        with handle:
            handle.seek(0)
            while chunk := handle.read(1 << 16):
                yield chunk

    response = Response(chunks(), mimetype=media_type)
    response.headers.set("Content-Disposition", "attachment", filename=name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/<int:assessment_id>/coordinator")
def set_coordinator(assessment_id):
    """Appoint the Koordinator (the Koordinator hands over, or an admin)."""
    return _scorecard_form(
        assessment_id, CoordinatorFormSchema(), lambda data: assessment_team.set_coordinator(
            assessment_id, data["coordinator_id"], actor=current_actor(),
            expected_version=data["version"]),
        lambda result: _("Koordinator kini %(name)s.", name=result.coordinator.name),
        anchor="team")


def _scorecard_form(assessment_id, schema, call, done, anchor=None):
    """Run a side form of the scorecard: flash what became of it and go back to the scorecard.

    ``call(data)`` writes; ``done(result)`` is the message of a success. After a write (or a
    refused one) the scorecard opens at ``anchor``.
    """
    data, errors = parse_form(schema, request.form)
    if errors:
        flash(error_text(errors), "danger")
        return redirect(url_for("assessments.show_scorecard", assessment_id=assessment_id))
    result, errors, conflict = run_service(lambda: call(data))
    if result is None:
        flash(conflict or error_text(errors), "danger")
    else:
        flash(done(result), "success")
    return redirect(url_for("assessments.show_scorecard", assessment_id=assessment_id,
                            _anchor=anchor))


def _action(assessment_id, call, done):
    """Run a versioned action from a button; report what happened on the scorecard."""
    data, errors = parse_form(VersionSchema(), {"version": request.form.get("version", "")})
    if errors:
        flash(_("Versi penilaian tidak terbaca; muat ulang halaman."), "danger")
        return redirect(url_for("assessments.show_scorecard", assessment_id=assessment_id))
    result, errors, conflict = run_service(lambda: call(data["version"]))
    if result is None:
        flash(conflict or error_text(errors), "danger")
        return redirect(url_for("assessments.show_scorecard", assessment_id=assessment_id))
    flash(done(result), "success")
    return redirect(url_for("assessments.show_scorecard", assessment_id=result.id))


@bp.post("/<int:assessment_id>/refresh")
def refresh(assessment_id):
    """Take the computed levels again from the registry's current facts.

    With a job queue a worker computes them, indicator by indicator, and the answer is the job's
    page; without one they are computed in the request.
    """
    queue = current_queue()
    if queue is not None:
        return _refresh_as_job(assessment_id, queue)
    return _action(assessment_id, lambda version: assessments.refresh_computed(
        assessment_id, actor=current_actor(), expected_version=version),
        lambda _a: _("Level terhitung diperbarui dari data registri."))


def _refresh_as_job(assessment_id, queue):
    """Check the refresh here (who, which version), then hand it to a worker."""
    back = redirect(url_for("assessments.show_scorecard", assessment_id=assessment_id))
    data, errors = parse_form(VersionSchema(), {"version": request.form.get("version", "")})
    if errors:
        flash(_("Versi penilaian tidak terbaca; muat ulang halaman."), "danger")
        return back
    actor = current_actor()
    checked, errors, conflict = run_service(lambda: assessments.check_refresh(
        assessment_id, actor=actor, expected_version=data["version"]))
    if checked is None:
        flash(conflict or error_text(errors), "danger")
        return back
    job = jobs.submit("levels", jobs.levels_params(assessment_id, data["version"]), owner=actor,
                      agency_id=checked.agency_id, queue=queue)
    return redirect(url_for("jobs.show", job_id=job.id), code=303)


@result_view("levels")
def levels_job_result(job):
    """Show a finished recomputation: the scorecard, as after the button in the request."""
    flash(_("Level terhitung diperbarui dari data registri."), "success")
    return redirect(url_for("assessments.show_scorecard",
                            assessment_id=job.result["assessment_id"]))


@bp.post("/<int:assessment_id>/instrument")
def change_instrument(assessment_id):
    """Score a draft with another instrument (admins only, with a reason)."""
    return _scorecard_form(
        assessment_id, InstrumentChangeSchema(), lambda data: assessments.change_instrument(
            assessment_id, data["instrument_id"], actor=current_actor(), reason=data["reason"],
            expected_version=data["version"]),
        lambda result: _("Penilaian tahun %(year)s kini dinilai dengan %(name)s.",
                         year=result.year, name=assessments.instrument_of(result).name))


@bp.post("/<int:assessment_id>/finalise")
def finalise(assessment_id):
    """Make the assessment final and read-only."""
    return _action(assessment_id, lambda version: assessments.finalise(
        assessment_id, actor=current_actor(), expected_version=version),
        lambda a: _("Penilaian tahun %(year)s final dan terkirim.", year=a.year))


@bp.post("/<int:assessment_id>/copy-forward")
def copy_forward(assessment_id):
    """Start next year's assessment from this one."""
    return _action(assessment_id, lambda _version: assessments.copy_forward(
        assessment_id, actor=current_actor()),
        lambda a: _("Penilaian tahun %(year)s dibuka dari tahun sebelumnya.", year=a.year))
