"""The words and headers an instansi taught the import: read, save, change and forget them.

A mapping says that in this instansi's spreadsheets a word of a choice column ("naktif" in
Status) means a known value (retired), or that a header ("judul") is a known column (Nama
Aplikasi). The import applies them every time; the architect sets them on the import page (or
with ``import --map``), and lists, changes and deletes them on their own page.
"""

import logging
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from arch_models.import_rules import is_blank_word, name_key, parse_map_spec, word_key
from arch_models.reference.import_sheets import EXPORT_WORDS, SHEETS, SYNONYMS
from arch_models.tabular import all_columns, normalise_header, parse_choice
from registry import models
from registry.errors import NotFoundError, ValidationFailedError
from registry.extensions import db
from registry.i18n import N_
from registry.labels import label
from registry.models.imports import HEADER_GROUP
from registry.services import changelog
from registry.services._tx import transaction
from registry.services.permissions import INVENTORY_MAINTAINERS, require_role

logger = logging.getLogger(__name__)

#: the choice groups whose unknown words can be mapped
WORD_GROUPS = ("lifecycle", "kind", "channel", "link_status", "domain_status", "hosting")
#: the label group of each choice group (registry.labels)
_LABEL_GROUPS = {"lifecycle": "lifecycle", "kind": "kind", "channel": "channel",
                 "link_status": "link_status", "domain_status": "domain_status"}
#: the column each group's words come from, as the mapping list names it
GROUP_LABELS = {"lifecycle": N_("Status aplikasi"), "kind": N_("Jenis aplikasi"),
                "channel": N_("Kanal integrasi"), "link_status": N_("Status integrasi"),
                "domain_status": N_("Status domain"), "hosting": N_("Hosting")}
#: what a form or --map says for "read as unknown" (a word) or "ignore" (a header)
BLANK_CHOICE = "-"
_IGNORE_WORDS = {"abaikan", "kosong", "ignore", "tidak diketahui"}


def group_of_column(kind, key):
    """Return the choice group a sheet column's words belong to, or None."""
    if key == "hosting":
        return "hosting"
    column_kind = next(c[2] for c in all_columns(kind) if c[0] == key)
    family, _, group = column_kind.partition(":")
    return group if family == "choice" and group in WORD_GROUPS else None


def header_group(kind):
    """Return the group of the header mappings of a sheet kind."""
    return f"{HEADER_GROUP}{kind}"


@dataclass
class Taught:
    """What the import reads with: {group: {word: value}} and {sheet kind: {header: key}}."""

    words: dict[str, dict[str, str]] = field(default_factory=dict)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, items):
        """Add (group, word, value) items; later ones win."""
        for group, word, value in items:
            if group.startswith(HEADER_GROUP):
                self.headers.setdefault(group[len(HEADER_GROUP):], {})[word] = value
            else:
                self.words.setdefault(group, {})[word] = value
        return self


def taught(agency_id):
    """Return the instansi's remembered mappings, ready for the import."""
    return Taught().add((m.group, m.word, m.value) for m in list_mappings(agency_id))


def list_mappings(agency_id):
    """Return the instansi's mappings, headers last, by group and word."""
    mapping = models.ImportMapping
    return list(db.session.scalars(select(mapping).where(mapping.agency_id == agency_id)
                                   .order_by(mapping.group.like(f"{HEADER_GROUP}%"),
                                             mapping.group, mapping.word)))


def get_mapping(mapping_id):
    """Return one mapping or raise NotFoundError."""
    found = db.session.get(models.ImportMapping, mapping_id)
    if found is None:
        raise NotFoundError(_("Pemetaan tidak ditemukan."))
    return found


# -- what a word or a header may be mapped to ---------------------------------------------------

def _centres(agency_id):
    centre = models.DataCenter
    return list(db.session.execute(select(centre.code, centre.name, centre.kind)
                                   .where(centre.agency_id == agency_id)
                                   .order_by(centre.name)))


def options(agency_id, group):
    """Return the (value, label) pairs a word of ``group`` (or a header) may be mapped to."""
    if group.startswith(HEADER_GROUP):
        kind = group[len(HEADER_GROUP):]
        return [(c[0], c[1]) for c in all_columns(kind)]
    if group == "hosting":
        return [(code, f"{name} ({code})") for code, name, _kind in _centres(agency_id)]
    words = EXPORT_WORDS[group]
    return [(value, f"{label(_LABEL_GROUPS[group], value)} ({word})")
            for value, word in words.items()]


def vocabulary(agency_id, group, centres=None):
    """Return {known word: value} of a group: what a guess compares a stranger word with."""
    if group == "hosting":
        found = {}
        centres = _centres(agency_id) if centres is None else centres
        for code, name, kind in centres:
            found.setdefault(code, code)
            found.setdefault(name, code)
            for word, meaning in SYNONYMS["hosting"].items():
                if meaning == getattr(kind, "value", kind):
                    found.setdefault(word, code)
        return found
    return {**{v: v for v in EXPORT_WORDS[group]}, **SYNONYMS[group]}


def _check(agency_id, group, value):
    """Return the value as stored, or raise ValidationFailedError if the group cannot take it."""
    value = (value or "").strip()
    if value in ("", BLANK_CHOICE):
        return ""
    allowed = {v for v, _label in options(agency_id, group)}
    if value not in allowed and group in WORD_GROUPS:  # a word the import reads ("nonaktif")
        value = _meaning(agency_id, group, value, _centres(agency_id)) or value
    if value not in allowed:
        raise ValidationFailedError(_("Nilai pemetaan tidak dikenal."),
                                    errors={"value": [_("Pilih salah satu nilai yang tersedia.")]})
    return value


def _norm_word(group, word):
    return normalise_header(word) if group.startswith(HEADER_GROUP) else word_key(word)


# -- writing ------------------------------------------------------------------------------------

def save_mappings(agency_id, items, *, actor):
    """Create or change mappings from (group, word, value) items; return how many changed."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    mapping = models.ImportMapping
    changed = 0
    with transaction():
        for group, word, value in items:
            if group not in WORD_GROUPS and not (
                    group.startswith(HEADER_GROUP) and group[len(HEADER_GROUP):] in SHEETS):
                raise ValidationFailedError(_("Kelompok pemetaan tidak dikenal."),
                                            errors={"group": [group]})
            word = _norm_word(group, word)[:200]
            if not word:
                continue
            value = _check(agency_id, group, value)
            found = db.session.scalar(select(mapping).where(
                mapping.agency_id == agency_id, mapping.group == group, mapping.word == word))
            if found is None:
                found = mapping(agency_id=agency_id, group=group, word=word, value=value)
                db.session.add(found)
                changelog.log_change("create", found, actor=actor, after=_values(found))
            elif found.value != value:
                before = _values(found)
                found.value = value
                changelog.log_change("update", found, actor=actor, before=before,
                                     after=_values(found))
            else:
                continue
            logger.info("import mapping %s saved by %s", found, changelog.actor_label(actor))
            changed += 1
    return changed


def update_mapping(mapping_id, value, *, actor):
    """Change what a remembered word or header means."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    with transaction():
        found = get_mapping(mapping_id)
        before = _values(found)
        found.value = _check(found.agency_id, found.group, value)
        if before != _values(found):
            changelog.log_change("update", found, actor=actor, before=before,
                                 after=_values(found))
            logger.info("import mapping %s changed by %s", found, changelog.actor_label(actor))
    return found


def delete_mapping(mapping_id, *, actor):
    """Forget a mapping: the word (or header) is asked about again at the next import."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    with transaction():
        found = get_mapping(mapping_id)
        changelog.log_change("delete", found, actor=actor, before=_values(found))
        db.session.delete(found)
        logger.info("import mapping %s deleted by %s", found, changelog.actor_label(actor))


def _values(found):
    return {"group": found.group, "word": found.word, "value": found.value}


# -- the command line's --map -------------------------------------------------------------------

_HEADER_WORDS = {"header", "judul", "kolom", "judul kolom"}


def _columns_named(name):
    """Return the (sheet kind, column key) pairs a typed column name means.

    The name is "Status", "Aplikasi.Status", a header alias, or a group name. A name several sheets
    share means the Aplikasi sheet's column ("Integrasi.Status" names the other).
    """
    sheet_title, dot, column = name.rpartition(".")
    wanted = normalise_header(column if dot else name)
    found = []
    for kind, spec in SHEETS.items():
        if dot and normalise_header(sheet_title) not in (normalise_header(spec["title"]), kind):
            continue
        for key, title, _kind, _required, _max, aliases in all_columns(kind):
            names = {normalise_header(n) for n in (title, key, *aliases)}
            if wanted in names or wanted == group_of_column(kind, key):
                found.append((kind, key))
    preferred = [(kind, key) for kind, key in found if kind == "applications"]
    return preferred or found


def _meaning(agency_id, group, target, centres):
    """Return the stored value ``target`` names in ``group``, "" for unknown, or None."""
    if is_blank_word(target) or word_key(target) in _IGNORE_WORDS:
        return ""
    if group == "hosting":
        for code, name, _kind in centres:
            if target.lower() == code.lower() or name_key(target) == name_key(name):
                return code
        return vocabulary(agency_id, "hosting", centres).get(word_key(target))
    try:
        return parse_choice(target, group)
    except ValueError:
        return None


def items_from_specs(agency_id, specs):
    """Read ``--map`` options into (group, word, value) items.

    :raises ValidationFailedError: an option that is malformed, names no column that can be
        mapped, or a meaning the column does not know.
    """
    items, centres = [], None
    for spec in specs:
        try:
            parsed = parse_map_spec(spec)
        except ValueError:
            raise _bad_spec(spec, _("tulis KOLOM:KATA=ARTI, mis. "
                                    "\u201cStatus:naktif=nonaktif\u201d atau "
                                    "\u201cHeader:judul=Nama Aplikasi\u201d.")) from None
        if normalise_header(parsed.column) in _HEADER_WORDS:
            items += _header_items(spec, parsed)
            continue
        columns = [(k, key) for k, key in _columns_named(parsed.column)
                   if group_of_column(k, key)]
        if not columns:
            raise _bad_spec(spec, _("kolom \u201c%(column)s\u201d tidak dikenal atau tidak "
                                    "berisi pilihan (Status, Jenis, Kanal, Hosting).",
                                    column=parsed.column))
        if centres is None:
            centres = _centres(agency_id)
        groups = list(dict.fromkeys(group_of_column(k, key) for k, key in columns))
        found = [(g, _meaning(agency_id, g, parsed.target, centres)) for g in groups]
        found = [(g, v) for g, v in found if v is not None]
        if not found:
            choices = "; ".join(", ".join(label_ for _v, label_ in options(agency_id, g))
                                for g in groups)
            raise _bad_spec(spec, _("\u201c%(target)s\u201d bukan nilai yang dikenal; gunakan: "
                                    "%(choices)s.", target=parsed.target,
                                    choices=choices or _("(belum ada pusat data)")))
        items += [(g, word_key(parsed.word), v) for g, v in found]
    return items


def _header_items(spec, parsed):
    if is_blank_word(parsed.target) or word_key(parsed.target) in _IGNORE_WORDS:
        return [(header_group(kind), normalise_header(parsed.word), "") for kind in SHEETS]
    columns = _columns_named(parsed.target)
    if not columns:
        raise _bad_spec(spec, _("kolom \u201c%(column)s\u201d tidak dikenal.",
                                column=parsed.target))
    return [(header_group(kind), normalise_header(parsed.word), key) for kind, key in columns]


def _bad_spec(spec, why):
    message = _("--map \u201c%(spec)s\u201d: %(why)s", spec=spec, why=why)
    return ValidationFailedError(message, errors={"map": [message]})


def spec_for(group, word, value):
    """Return the ``--map`` option that would map ``word`` to ``value`` (for a report)."""
    if group.startswith(HEADER_GROUP):
        kind = group[len(HEADER_GROUP):]
        title = next((c[1] for c in all_columns(kind) if c[0] == value), value)
        return f'--map "Header:{word}={title}"'
    column = {"lifecycle": "Status", "kind": "Jenis", "channel": "Kanal",
              "link_status": "Integrasi.Status", "domain_status": "Domain.Status",
              "hosting": "Hosting"}[group]
    meaning = value if group == "hosting" else EXPORT_WORDS[group].get(value, value)
    return f'--map "{column}:{word}={meaning}"'
