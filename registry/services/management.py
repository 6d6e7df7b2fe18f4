"""ICT management architecture: management areas, audit records, application reviews."""

from flask_babel import gettext as _
from sqlalchemy import select

from arch_models.reference.management import AREA_INDICATORS, AREA_NAMES
from registry import models
from registry.extensions import db
from registry.services import changelog
from registry.services._tx import transaction
from registry.services.common import (
    add_record,
    apply,
    check_agency,
    delete_record,
    edit_record,
    get_or_404,
    save_keyed_record,
)
from registry.services.permissions import INVENTORY_MAINTAINERS, require_role

AREA_FIELDS = ("status", "guideline_ref", "guideline_date", "roadmap_ref", "last_review_on",
               "note")
AUDIT_FIELDS = ("type", "object_name", "performed_on", "auditor_kind", "auditor_name",
                "conclusion", "findings", "follow_up", "followed_up")
REVIEW_FIELDS = ("reviewed_on", "reviewer", "outcome", "followup_document")


def areas_of(agency_id):
    """Return every management area and audit of the catalogue with the agency's record, if any.

    Each item is (key, name, indicator, record or None), in catalogue order.
    """
    records = {
        r.area: r for r in db.session.scalars(
            select(models.ManagementArea).where(models.ManagementArea.agency_id == agency_id))
    }
    return [(key, name, AREA_INDICATORS[key], records.get(key))
            for key, name in AREA_NAMES.items()]


def save_area(agency_id, area, data, *, actor, expected_version=None):
    """Record the state of one management area; the first save creates its record."""
    return save_keyed_record(models.ManagementArea, agency_id, "area", area, data, AREA_FIELDS,
                             actor=actor, expected_version=expected_version,
                             known=AREA_NAMES, unknown=_("Area manajemen tidak dikenal."))


def list_audits(agency_id=None):
    """Return audit records, newest first."""
    stmt = select(models.AuditRecord).order_by(models.AuditRecord.performed_on.desc(),
                                               models.AuditRecord.id.desc())
    if agency_id:
        stmt = stmt.where(models.AuditRecord.agency_id == agency_id)
    return db.session.scalars(stmt).all()


def create_audit(data, *, actor):
    """Record an audit that was carried out."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    with transaction():
        check_agency(data.get("agency_id"))
        audit = models.AuditRecord(agency_id=data["agency_id"])
        apply(audit, data, AUDIT_FIELDS)
        add_record(audit, actor=actor)
    return audit


def update_audit(audit_id, data, *, actor, expected_version):
    """Change an audit record (e.g. record that its findings were followed up)."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    with transaction():
        return edit_record(models.AuditRecord, audit_id, data, AUDIT_FIELDS, actor=actor,
                           expected_version=expected_version)


def check_delete_audit(audit_id, *, actor):
    """Return the audit record for the delete confirmation; refuse as the delete would."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    return get_or_404(models.AuditRecord, audit_id)


def delete_audit(audit_id, *, actor):
    """Delete an audit record entered by mistake."""
    with transaction():
        delete_record(check_delete_audit(audit_id, actor=actor), actor=actor)


def reviews_of(app_id):
    """Return an application's reviews, newest first."""
    stmt = (select(models.ApplicationReview)
            .where(models.ApplicationReview.application_id == app_id)
            .order_by(models.ApplicationReview.reviewed_on.desc(),
                      models.ApplicationReview.id.desc()))
    return db.session.scalars(stmt).all()


def record_review(app_id, data, *, actor):
    """Record a review of an application; the newest review becomes the application's own."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    with transaction():
        app = get_or_404(models.Application, app_id)
        review = models.ApplicationReview(agency_id=app.agency_id, application_id=app.id)
        apply(review, data, REVIEW_FIELDS)
        add_record(review, actor=actor)
        sync_last_review(app, actor=actor)
    return review


def sync_last_review(app, *, actor):
    """Make the application's last review the newest recorded one (or none)."""
    newest = reviews_of(app.id)
    before = changelog.values_of(app)
    app.last_review_on = newest[0].reviewed_on if newest else None
    app.review_followup = newest[0].followup_document if newest else None
    changelog.record_update(app, before, actor=actor)


def update_review(review_id, data, *, actor, expected_version):
    """Change a recorded review; the application's last review follows."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    with transaction():
        review = edit_record(models.ApplicationReview, review_id, data, REVIEW_FIELDS,
                             actor=actor, expected_version=expected_version)
        db.session.flush()
        sync_last_review(review.application, actor=actor)
    return review


def check_delete_review(review_id, *, actor):
    """Return the review and the application's last review once it is gone, for the confirmation.

    The last review is None when none is left; refuse as the delete would.
    """
    require_role(actor, *INVENTORY_MAINTAINERS)
    review = get_or_404(models.ApplicationReview, review_id)
    others = [r for r in reviews_of(review.application_id) if r.id != review.id]
    return review, others[0] if others else None


def delete_review(review_id, *, actor):
    """Delete a review recorded by mistake; the application's last review follows."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    with transaction():
        review = get_or_404(models.ApplicationReview, review_id)
        app = review.application
        delete_record(review, actor=actor)
        db.session.flush()
        sync_last_review(app, actor=actor)
