"""The transaction boundary of the services: commit once, at the outermost call."""

import logging
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from registry.errors import ConflictError
from registry.extensions import db

_DEPTH_KEY = "registry_tx_depth"
logger = logging.getLogger(__name__)


@contextmanager
def transaction():
    """Run a block atomically: the outermost block commits, nested blocks only flush."""
    session = db.session
    depth = session.info.get(_DEPTH_KEY, 0)
    session.info[_DEPTH_KEY] = depth + 1
    try:
        yield session
        if depth == 0:
            session.commit()
        else:
            session.flush()
    except StaleDataError as error:
        session.rollback()
        raise ConflictError(_stale_message()) from error
    except IntegrityError as error:
        # The services check uniqueness before they write; a constraint that still fails is
        # another writer who got there first (two approvals of one request at once).
        session.rollback()
        logger.warning("write refused by a constraint: %s", error.orig)
        raise ConflictError(_race_message()) from error
    except BaseException:
        if depth == 0:
            session.rollback()
        raise
    finally:
        session.info[_DEPTH_KEY] = depth


def in_transaction():
    """Tell whether a service transaction is open (its outermost block has not committed)."""
    return db.session.info.get(_DEPTH_KEY, 0) > 0


def _stale_message():
    from flask_babel import gettext as _

    return _("Data ini telah diubah orang lain sejak Anda membukanya. Muat ulang lalu ulangi.")


def _race_message():
    from flask_babel import gettext as _

    return _("Orang lain baru saja menyimpan data yang sama. Muat ulang lalu periksa hasilnya.")
