"""The instrument's texts and the computed explanations in the reader's language.

The core keeps each text in Indonesian with its English beside it (``arch_models.messages``,
the instrument's ``name_en`` and ``levels_en``, the blocker rules' ``reason_en``); these
helpers pick the one of the current locale for the templates. An explanation stored before it
kept its parameters (plain Indonesian strings) shows as it was written.
"""

from flask_babel import get_locale

from arch_models.messages import Msg
from arch_models.reference import blocker_rules

__all__ = ["TEMPLATE_HELPERS", "blocker_fix", "blocker_reason", "explanation_lines",
           "indicator_name", "level_text", "levels_of", "localized"]


def _locale():
    return get_locale()


def localized(value):
    """Return a name (indicator, aspect, domain) or a computed text in the current locale.

    Anything else comes back as it is.
    """
    if isinstance(value, Msg):
        return value.in_(_locale())
    name_in = getattr(value, "name_in", None)
    if name_in is not None:
        return name_in(_locale())
    return value


def indicator_name(instrument, number):
    """Return the name of an instrument's indicator in the current locale ("" if none)."""
    if instrument is None:
        return ""
    try:
        return instrument.indicator(number).name_in(_locale())
    except KeyError:
        return ""


def level_text(indicator, level):
    """Return the criterion of one level (1-5) of an indicator, in the current locale."""
    return indicator.level_text(level, _locale())


def levels_of(indicator):
    """Return the criteria of levels 1-5 of an indicator, in the current locale."""
    return indicator.levels_in(_locale())


def explanation_lines(explanation, part):
    """Return the ``met`` or ``not_met`` lines of a stored explanation, in the current locale.

    Each line re-renders from the key and parameters stored beside it; a line without them
    (stored earlier) or with a key this version no longer knows shows as stored.
    """
    explanation = explanation or {}
    lines = list(explanation.get(part) or ())
    stored = explanation.get(f"{part}_msgs")
    if not isinstance(stored, list) or len(stored) != len(lines):
        return lines
    locale = _locale()
    shown = []
    for line, data in zip(lines, stored, strict=True):
        try:
            shown.append(Msg.from_json(data).in_(locale))
        except (KeyError, ValueError, TypeError, IndexError, AttributeError):
            shown.append(line)
    return shown


def _blocker_text(blocker, part):
    if hasattr(blocker, "reason_in"):  # an arch_models.blockers.Blocker
        return (blocker.reason_in if part == "reason" else blocker.fix_in)(_locale())
    stored = blocker.get(part, "")
    rule_id = blocker.get("rule")
    if not rule_id:
        return stored  # stored before the rule was kept
    try:
        return blocker_rules.render(rule_id, part, _locale(),
                                    name=blocker.get("label") or blocker.get("name") or "",
                                    code=blocker.get("code") or "")
    except (KeyError, ValueError, IndexError):
        return stored


def blocker_reason(blocker):
    """Say why a blocker (found now, or stored in an explanation) caps, in the current locale."""
    return _blocker_text(blocker, "reason")


def blocker_fix(blocker):
    """Say what to change for a blocker (found now, or stored), in the current locale."""
    return _blocker_text(blocker, "fix")


#: what registry.register_template_helpers gives every template
TEMPLATE_HELPERS = {
    "localized": localized, "indicator_name": indicator_name, "level_text": level_text,
    "levels_of": levels_of, "explanation_lines": explanation_lines,
    "blocker_reason": blocker_reason, "blocker_fix": blocker_fix,
}
