"""Routes of the self-assessment: parse, call the assessments service, render."""

from datetime import UTC, datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from registry.assessments import bp
from registry.auth import current_actor
from registry.forms import parse_form, run_service
from registry.models import Role
from registry.schemas.assessment import (
    AssessmentOpenFormSchema,
    IndicatorScoreFormSchema,
    InstrumentChangeSchema,
    VersionSchema,
)
from registry.services import assessments, instruments, organisation
from registry.services.assessments import ASSESSORS


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
    """The assessments page of an agency: every year's index under its own instrument, and
    the latest result of each instrument side by side."""
    rows = []
    for assessment in assessments.list_assessments(agency_id) if agency_id else []:
        card = assessments.scorecard(assessments.get_assessment(assessment.id), moves=0)
        rows.append((assessment, card.instrument, card.result))
    values = {"errors": {}, "form": None, "conflict": None} | extra
    return render_template(
        "assessments/list.html", agency_id=agency_id, agencies=organisation.list_agencies(),
        rows=rows, latest=assessments.results_by_instrument(agency_id) if agency_id else [],
        can_assess=current_actor().role in ASSESSORS,
        is_admin=current_actor().role is Role.ADMIN,
        instruments=instruments.catalogue().instruments, **values,
    )


@bp.get("")
def list_assessments():
    """List an agency's assessments by year, with their index, and open a new one."""
    return _list_page(_agency_id())


@bp.post("")
def open_assessment():
    """Open an agency's assessment of a year, with the levels the registry computes."""
    data, errors = parse_form(AssessmentOpenFormSchema(), request.form)
    conflict = None
    if not errors:
        created, errors, conflict = run_service(lambda: assessments.open_assessment(
            data["agency_id"], data["year"], actor=current_actor(),
            instrument_id=data.get("instrument_id") or None, reason=data.get("reason")))
        if created is not None:
            flash(_("Penilaian tahun %(year)s dibuka.", year=created.year), "success")
            return redirect(url_for("assessments.show_scorecard", assessment_id=created.id))
    return _list_page(request.form.get("agency_id", type=int), errors=errors,
                      conflict=conflict, form=request.form), 409 if conflict else 422


@bp.get("/<int:assessment_id>")
def show_scorecard(assessment_id):
    """The scorecard: index, predicate, a chart per domain, the 47 indicators and what-if."""
    assessment = assessments.get_assessment(assessment_id)
    levels = assessments.levels_of(assessment)
    card = assessments.scorecard(assessment, changes=_what_if_levels(levels))
    is_admin = current_actor().role is Role.ADMIN
    return render_template(
        "assessments/scorecard.html", card=card, can_assess=current_actor().role in ASSESSORS,
        can_change_instrument=is_admin and assessment.status.value == "draft"
        and len(instruments.catalogue().instruments) > 1,
        instruments=instruments.catalogue().instruments)


@bp.get("/<int:assessment_id>/report")
def show_report(assessment_id):
    """The printable report an evaluator can take as evidence."""
    card = assessments.scorecard(assessments.get_assessment(assessment_id), moves=5)
    return render_template("assessments/report.html", card=card, now=datetime.now(UTC))


@bp.route("/<int:assessment_id>/indicators/<int:indicator>", methods=["GET", "POST"])
def edit_indicator(assessment_id, indicator):
    """One indicator: why the registry computed its level, and the assessor's level."""
    assessment = assessments.get_assessment(assessment_id)
    score = assessments.score_of(assessment, indicator)
    card = assessments.scorecard(assessment, moves=0)
    row = next(r for r in card.rows if r.indicator.number == indicator)
    errors, conflict = {}, None
    if request.method == "POST":
        if current_actor().role not in ASSESSORS:
            abort(403)
        data, errors = parse_form(IndicatorScoreFormSchema(), request.form)
        if not errors:
            version = data.pop("version")
            saved, errors, conflict = run_service(lambda: assessments.set_indicator(
                assessment_id, indicator, data, actor=current_actor(),
                expected_version=version))
            if saved is not None:
                flash(_("Indikator %(n)s disimpan.", n=indicator), "success")
                return redirect(url_for("assessments.show_scorecard",
                                        assessment_id=assessment_id, _anchor=f"i{indicator}"))
    return render_template(
        "assessments/indicator_form.html", card=card, row=row, score=score,
        can_assess=current_actor().role in ASSESSORS,
        form=request.form if request.method == "POST" else None, errors=errors,
        conflict=conflict,
    ), (409 if conflict else 422 if errors else 200)


def _action(assessment_id, call, done):
    """Run a versioned action from a button; report what happened on the scorecard."""
    data, errors = parse_form(VersionSchema(), {"version": request.form.get("version", "")})
    if errors:
        flash(_("Versi penilaian tidak terbaca; muat ulang halaman."), "danger")
        return redirect(url_for("assessments.show_scorecard", assessment_id=assessment_id))
    result, errors, conflict = run_service(lambda: call(data["version"]))
    if result is None:
        flash(conflict or "; ".join(m for msgs in errors.values() for m in msgs), "danger")
        return redirect(url_for("assessments.show_scorecard", assessment_id=assessment_id))
    flash(done(result), "success")
    return redirect(url_for("assessments.show_scorecard", assessment_id=result.id))


@bp.post("/<int:assessment_id>/refresh")
def refresh(assessment_id):
    """Take the computed levels again from the registry's current facts."""
    return _action(assessment_id, lambda version: assessments.refresh_computed(
        assessment_id, actor=current_actor(), expected_version=version),
        lambda _a: _("Level terhitung diperbarui dari data registri."))


@bp.post("/<int:assessment_id>/instrument")
def change_instrument(assessment_id):
    """Score a draft with another instrument (admins only, with a reason)."""
    data, errors = parse_form(InstrumentChangeSchema(), request.form)
    if errors:
        flash("; ".join(m for msgs in errors.values() for m in msgs), "danger")
        return redirect(url_for("assessments.show_scorecard", assessment_id=assessment_id))
    result, errors, conflict = run_service(lambda: assessments.change_instrument(
        assessment_id, data["instrument_id"], actor=current_actor(), reason=data["reason"],
        expected_version=data["version"]))
    if result is None:
        flash(conflict or "; ".join(m for msgs in errors.values() for m in msgs), "danger")
    else:
        flash(_("Penilaian tahun %(year)s kini dinilai dengan %(name)s.", year=result.year,
                name=assessments.instrument_of(result).name), "success")
    return redirect(url_for("assessments.show_scorecard", assessment_id=assessment_id))


@bp.post("/<int:assessment_id>/finalise")
def finalise(assessment_id):
    """Make the assessment final and read-only."""
    return _action(assessment_id, lambda version: assessments.finalise(
        assessment_id, actor=current_actor(), expected_version=version),
        lambda a: _("Penilaian tahun %(year)s final.", year=a.year))


@bp.post("/<int:assessment_id>/copy-forward")
def copy_forward(assessment_id):
    """Start next year's assessment from this one."""
    return _action(assessment_id, lambda _version: assessments.copy_forward(
        assessment_id, actor=current_actor()),
        lambda a: _("Penilaian tahun %(year)s dibuka dari tahun sebelumnya.", year=a.year))
