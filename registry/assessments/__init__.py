"""Self-assessment pages: the scorecard, an indicator's level and evidence, the printed report."""

from flask import Blueprint, request

bp = Blueprint("assessments", __name__, url_prefix="/assessments")

#: the endpoints that take evidence uploads: they may be larger than the app's request limit
UPLOAD_ENDPOINTS = {"assessments.upload_evidence", "api_assessments.EvidenceUpload"}


@bp.record_once
def _allow_evidence_uploads(state):
    """Let evidence uploads be as large as REGISTRY_EVIDENCE_MAX_MB allows, times their files.

    Every other request keeps MAX_CONTENT_LENGTH.

    It runs first of all the app's before-request functions: the CSRF check reads the form,
    and so the request's body, before any blueprint's own hook.
    """

    def allow():
        if request.endpoint in UPLOAD_ENDPOINTS:
            from registry.services.evidence import MAX_UPLOAD_FILES
            from registry.services.evidence_store import max_bytes

            request.max_content_length = MAX_UPLOAD_FILES * max_bytes() + 1024 * 1024

    state.app.before_request_funcs.setdefault(None, []).insert(0, allow)


from registry.assessments import routes  # noqa: E402,F401  (routes attach to bp)
