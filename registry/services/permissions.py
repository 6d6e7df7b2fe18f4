"""Who may write what: checked by the services on every write, whatever the surface."""

from flask_babel import gettext as _

from registry.errors import PermissionDeniedError
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
