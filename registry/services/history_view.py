"""The change log as people read it.

Sentences, field labels of the pages, names instead of ids, values in the interface's words and
local time (never ids, dicts or column names).
"""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from sqlalchemy import select

from registry import models
from registry.extensions import db
from registry.i18n import N_
from registry.labels import LABELS, label

#: fields whose value is an id, and the records they point at
ID_TARGETS = {
    "actor_id": models.User, "agency_id": models.Agency, "application_id": models.Application,
    "assessment_id": models.Assessment, "backup_hosting_id": models.DataCenter,
    "confirmed_by_id": models.User, "consumer_id": models.Application,
    "counterpart_unit_id": models.Unit, "data_center_id": models.DataCenter,
    "decider_id": models.User, "entered_by_id": models.User, "finalised_by_id": models.User,
    "hosting_id": models.DataCenter, "initiative_id": models.Initiative,
    "network_id": models.Network, "owner_unit_id": models.Unit, "provider_id": models.Application,
    "proposed_hosting_id": models.DataCenter, "request_id": models.Request,
    "requester_id": models.User, "service_bus_id": models.ServiceBus, "set_by_id": models.User,
    "unit_id": models.Unit, "user_id": models.User, "coordinator_id": models.User,
    "uploaded_by_id": models.User, "attached_by_id": models.User,
    "state_changed_by_id": models.User, "responsible_id": models.User,
    "external_by_id": models.User,
}
#: stored choices and the label group that words them: by (table, field), then by field
ENUM_GROUPS = {
    ("agencies", "kind"): "agency_kind", ("applications", "kind"): "kind",
    ("management_areas", "status"): "area_status", ("assessments", "status"): "assessment_status",
    ("audit_records", "type"): "audit_type", ("audit_records", "auditor_kind"): "auditor_kind",
    ("data_centers", "kind"): "dc_kind", ("domain_names", "status"): "domain_status",
    ("initiatives", "status"): "initiative_status", ("integration_links", "status"): "link_status",
    ("requests", "kind"): "request_kind", ("requests", "state"): "request_state",
    ("indicator_scores", "state"): "indicator_state",
}
#: a field whose label depends on the record it belongs to
TABLE_FIELD_LABELS = {("indicator_scores", "state"): N_("Status pengisian")}
FIELD_GROUPS = {"lifecycle": "lifecycle", "channel": "channel", "role": "role",
                "direction": "link_direction", "kind": "kind"}
#: bookkeeping a reader has no use for
HIDDEN = {"id", "key", "result_type", "locale", "last_login_at", "demo_dataset", "object_id",
          "must_change_password", "copied_from", "token_hash",
          # what a delete entry keeps for a restore (services/changelog.py restore_keys)
          "created_at", "version"}
#: tables whose rows the change log never records (it, the inbox, the sign-in throttle, the
#: jobs: what a job changes is logged by the work it runs)
UNLOGGED = {"change_log", "notifications", "sign_in_throttles", "jobs"}


@dataclass(frozen=True)
class FieldChange:
    """One field of a change: its label, and the value before and after, as words."""

    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ChangeView:
    """A change-log entry as a sentence and its field changes."""

    entry: models.ChangeLog
    sentence: str
    fields: list


def describe(entries):
    """Return a :class:`ChangeView` of each entry.

    Names are looked up once per kind of record for the whole page.
    """
    entries = list(entries)
    names = _names(entries)
    return [ChangeView(e, _sentence(e), _fields(e, names)) for e in entries]


def _sentence(entry):
    what = label("object_type", entry.object_type) or _("data")
    verbs = {"create": _("membuat"), "update": _("mengubah"), "delete": _("menghapus")}
    verb = verbs[entry.action.value]
    if (entry.after or {}).get("restored_from"):  # see services/restore.py
        verb = _("memulihkan")
    return _("%(who)s %(verb)s %(what)s %(name)s", who=_actor(entry),
             verb=verb, what=_lower_first(what), name=entry.object_repr)


def _lower_first(text):
    """Lower the first letter of a label inside a sentence, but not of an acronym ("OPD")."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _actor(entry):
    name = entry.actor_name or ""
    if name == "sistem":
        return _("Sistem")
    return name.split(" <", 1)[0]  # the log keeps the e-mail; the sentence needs the name


def _fields(entry, names):
    before, after = _with_result(entry.before), _with_result(entry.after)
    if entry.action is models.ChangeAction.UPDATE:
        keys = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    else:
        keys = sorted(before.keys() | after.keys())
    fields = []
    for key in keys:
        if key in HIDDEN or key not in LABELS["field"]:
            continue
        table_label = TABLE_FIELD_LABELS.get((entry.object_type, key))
        fields.append(FieldChange(
            _(table_label) if table_label else label("field", key),
            _value(entry.object_type, key, before.get(key), names) if key in before else "",
            _value(entry.object_type, key, after.get(key), names) if key in after else ""))
    return fields


def _value(table, key, value, names):
    """Return a stored value in the interface's words."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if key in ID_TARGETS:
        return names.get((ID_TARGETS[key], value)) or _("data yang sudah dihapus")
    if key == "instrument_id":
        return _instrument_name(value)
    if key == "duplicates":  # the similar applications found: their names say enough
        return ", ".join(str(match.get("name", "")) for match in value if isinstance(match, dict))
    if isinstance(value, dict):  # a request's content: each part under its label
        return "; ".join(f"{label('field', k)}: {_value(table, k, v, names)}"
                         for k, v in value.items() if k not in HIDDEN and k in LABELS["field"])
    if isinstance(value, list):
        return ", ".join(_value(table, key, item, names) for item in value)
    group = ENUM_GROUPS.get((table, key)) or FIELD_GROUPS.get(key)
    if group and value in LABELS.get(group, {}):
        return label(group, value)
    if isinstance(value, str):
        return _moment(value)
    return str(value)


def _moment(text):
    """Return an ISO date or timestamp in local time and the locale's format; other text as is."""
    if len(text) >= 10 and text[4:5] == "-" and text[7:8] == "-" and text[:4].isdigit():
        try:
            if len(text) == 10:
                return format_date(date.fromisoformat(text), "medium")
            return format_datetime(datetime.fromisoformat(text), "medium")
        except ValueError:
            return text
    return text


def _instrument_name(instrument_id):
    from registry.services import instruments

    try:
        return instruments.get(instrument_id).name
    except Exception:  # an instrument file no longer configured: its id is all there is
        return str(instrument_id)


def _with_result(values):
    """Return the values with a request's ``result_id`` named by the table it points into."""
    values = dict(values or {})
    model = _model_of(values.get("result_type"))
    if model is not None and isinstance(values.get("result_id"), int):
        values[_RESULT_KEYS[model]] = values.pop("result_id")
    return values


def _model_of(table):
    return next((m for m in _RESULT_KEYS if m.__tablename__ == table), None)


#: what a decided request created, and the id field that names it
_RESULT_KEYS = {models.Application: "result_application_id",
                models.DomainName: "result_domain_id",
                models.IntegrationLink: "result_link_id"}
ID_TARGETS.update({key: model for model, key in _RESULT_KEYS.items()})


def _names(entries):
    """Return {(model, id): name} of every record the entries point at, one query per model."""
    wanted = {}
    for entry in entries:
        for values in (_with_result(entry.before), _with_result(entry.after)):
            for key, value in _id_fields(values):
                wanted.setdefault(ID_TARGETS[key], set()).add(value)
    names = {}
    for model, ids in wanted.items():
        for record in db.session.scalars(select(model).where(model.id.in_(ids))):
            names[(model, record.id)] = str(record)
    return names


def _id_fields(values):
    for key, value in values.items():
        if key in ID_TARGETS and isinstance(value, int) and not isinstance(value, bool):
            yield key, value
        elif isinstance(value, dict):
            yield from _id_fields(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    yield from _id_fields(item)
