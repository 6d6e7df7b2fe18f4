"""Who may write what: checked by the services on every write, whatever the surface."""

from flask_babel import gettext as _

from registry.errors import PermissionDeniedError, RequestRequiredError
from registry.models import Role

#: roles that maintain the whole inventory
INVENTORY_MAINTAINERS = (Role.ADMIN, Role.ARCHITECT)


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
