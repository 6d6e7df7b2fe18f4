"""Who may write what: checked by the services on every write, whatever the surface."""

from types import SimpleNamespace

from flask_babel import gettext as _

from registry.errors import PermissionDeniedError, RequestRequiredError
from registry.models import Role

#: roles that maintain the whole inventory
INVENTORY_MAINTAINERS = (Role.ADMIN, Role.ARCHITECT)
#: roles that write inventory records: the maintainers anywhere, an OPD operator for its own OPD
INVENTORY_WRITERS = (*INVENTORY_MAINTAINERS, Role.OPD_OPERATOR)
#: roles that file OPD requests (sub-domain, new application, link)
REQUESTERS = (Role.ADMIN, Role.ARCHITECT, Role.OPD_OPERATOR)
#: roles that decide a request
DECIDERS = (Role.ADMIN, Role.ARCHITECT, Role.REVIEWER)
#: roles that decide a link request besides the other side's operator
LINK_DECIDERS = (Role.ADMIN, Role.ARCHITECT)
#: roles that score a self-assessment; one of them coordinates it
ASSESSORS = (Role.ADMIN, Role.ARCHITECT, Role.REVIEWER)
#: roles that may be appointed to an assessment's team
ASSESSMENT_TEAM = (Role.ADMIN, Role.ARCHITECT, Role.REVIEWER, Role.OPD_OPERATOR)


def has_role(user, roles):
    """Tell whether the user (a signed-in user, or anyone else: then no) has one of ``roles``."""
    return getattr(user, "role", None) in roles


def is_admin(user):
    """Tell whether the user administers the registry: users, agencies, backups."""
    return has_role(user, (Role.ADMIN,))


def is_maintainer(user):
    """Tell whether the user maintains the whole inventory (an admin or an architect)."""
    return has_role(user, INVENTORY_MAINTAINERS)


def is_operator(user):
    """Tell whether the user is an OPD operator, who writes for their own OPD only."""
    return has_role(user, (Role.OPD_OPERATOR,))


def is_reviewer(user):
    """Tell whether the user is a reviewer, who decides requests and scores assessments."""
    return has_role(user, (Role.REVIEWER,))


def can_write_inventory(user):
    """Tell whether the user writes inventory records at all (an operator: its own OPD's)."""
    return has_role(user, INVENTORY_WRITERS)


def can_request(user):
    """Tell whether the user files OPD requests."""
    return has_role(user, REQUESTERS)


def can_assess(user):
    """Tell whether the user scores self-assessments (and may coordinate one)."""
    return has_role(user, ASSESSORS)


def for_templates():
    """Return the predicates templates ask instead of comparing role names.

    A template writes ``permissions.is_admin(current_user)``: a namespace, so that a page's own
    ``is_admin`` flag cannot shadow the predicate.
    """
    return SimpleNamespace(
        is_admin=is_admin, is_maintainer=is_maintainer, is_operator=is_operator,
        is_reviewer=is_reviewer, can_write_inventory=can_write_inventory,
        can_request=can_request, can_assess=can_assess,
    )


def require_role(actor, *roles):
    """Refuse unless the actor has one of ``roles`` (a CLI call with no actor is the system)."""
    if actor is None:
        return
    if actor.role not in roles:
        raise PermissionDeniedError(_("Peran Anda tidak berhak melakukan ini."))


def can_write_for_unit(actor, unit_id):
    """Tell whether the actor may write records owned by this unit."""
    if actor is None or actor.role in INVENTORY_MAINTAINERS:
        return True
    return actor.role == Role.OPD_OPERATOR and actor.unit_id == unit_id


def require_unit_write(actor, unit_id):
    """Refuse unless the actor may write records owned by this unit."""
    if not can_write_for_unit(actor, unit_id):
        raise PermissionDeniedError(
            _("Anda hanya boleh mengubah data milik OPD Anda sendiri.")
        )


def foreign_application(actor, *applications):
    """Return the first application the actor may not write for (another OPD's), or None."""
    return next((app for app in applications
                 if not can_write_for_unit(actor, app.owner_unit_id)), None)


def can_edit_link(actor, link):
    """Tell whether the actor may change the link directly: both its sides are the actor's."""
    return foreign_application(actor, link.provider, link.consumer) is None


def require_link_sides(actor, provider, consumer):
    """Refuse a new link, or a link re-pointed, to another OPD's application.

    The other OPD decides what its applications exchange: its approval comes through a link
    request, which the caller is pointed to.
    """
    other = foreign_application(actor, provider, consumer)
    if other is not None:
        raise RequestRequiredError(_(
            "Tautan ini melibatkan %(app)s milik %(unit)s. Tautan dengan aplikasi OPD lain "
            "harus disetujui OPD tersebut: ajukan permintaan tautan integrasi.",
            app=other.name, unit=other.owner_unit.name), kind="link")


def require_link_edit(actor, link):
    """Refuse a change to (or retirement of) a link that already touches another OPD."""
    other = foreign_application(actor, link.provider, link.consumer)
    if other is not None:
        raise PermissionDeniedError(link_locked_reason(other))


def link_locked_reason(other):
    """Say why an operator cannot change a link that touches ``other``, another OPD's app."""
    return _("Tautan ini juga melibatkan %(app)s milik %(unit)s, jadi OPD Anda tidak dapat "
             "mengubah atau menghentikannya sendiri. Perubahan tautan lintas OPD diputuskan "
             "arsitek; hubungi arsitek.", app=other.name, unit=other.owner_unit.name)


def require_application_creator(actor):
    """Refuse a direct new application to anyone but the maintainers.

    An OPD proposes one through the new-application request, which looks for applications that
    already do the job and is decided by a reviewer or an architect.
    """
    if actor is None or actor.role in INVENTORY_MAINTAINERS:
        return
    if actor.role == Role.OPD_OPERATOR:
        raise RequestRequiredError(_(
            "Aplikasi baru dari OPD diusulkan lewat permintaan aplikasi baru, yang memeriksa "
            "aplikasi serupa lalu diputuskan reviewer atau arsitek."), kind="application")
    raise PermissionDeniedError(_("Peran Anda tidak berhak melakukan ini."))


def require_domain_application(actor, domain_unit_id, application):
    """Refuse an operator pointing its OPD's domain at another OPD's application."""
    if actor is None or actor.role in INVENTORY_MAINTAINERS:
        return
    if application.owner_unit_id != domain_unit_id or not can_write_for_unit(
            actor, application.owner_unit_id):
        raise PermissionDeniedError(_(
            "Domain OPD Anda hanya dapat dikaitkan dengan aplikasi OPD Anda sendiri; %(app)s "
            "milik %(unit)s. Minta arsitek bila domain ini melayani aplikasi OPD lain.",
            app=application.name, unit=application.owner_unit.name))
