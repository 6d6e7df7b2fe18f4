"""Computed texts kept as a key and named parameters, so each reader gets its language.

A ``Msg`` is a ``str``: it reads as its Indonesian text, the registry's default language, so
code and stored data that compare strings keep working. ``in_("en")`` renders the English
text of the same criterion (``reference.criteria.CRITERIA``) with the same parameters, and
``to_json`` keeps what re-renders it later.
"""

from __future__ import annotations

from arch_models.reference.criteria import CRITERIA

__all__ = ["LANGUAGES", "Msg", "language"]

#: the languages the texts of the core are written in; the first is the default
LANGUAGES = ("id", "en")


def language(locale) -> str:
    """Return the language a locale (``"en"``, ``"en_GB"``, a babel Locale, None) reads."""
    code = str(locale or LANGUAGES[0]).replace("-", "_").split("_", 1)[0].lower()
    return code if code in LANGUAGES else LANGUAGES[0]


def _render(key, params, lang):
    if key == "":  # a literal text, given in each language
        return params.get(lang) or params["id"]
    indonesian, english = CRITERIA[key]
    template = english if lang == "en" else indonesian
    return template.format(**{name: value.in_(lang) if isinstance(value, Msg) else value
                              for name, value in params.items()})


def _make(key, params):
    return Msg(key, **params)


class Msg(str):
    """A computed text: a key of CRITERIA (or "" for a literal) and its named parameters.

    Parameters are numbers, texts or other Msg values (rendered in the same language).
    """

    key: str
    params: dict

    def __new__(cls, key, /, **params):
        """Make the text of ``key`` with ``params``; its str value is the Indonesian."""
        self = super().__new__(cls, _render(key, params, "id"))
        self.key = key
        self.params = params
        return self

    @classmethod
    def literal(cls, indonesian, english=""):
        """Make a text given whole in each language (an indicator's name).

        English falls back to the Indonesian.
        """
        return cls("", id=str(indonesian), en=str(english or indonesian))

    def in_(self, locale=None) -> str:
        """Render the text in the language of ``locale`` (Indonesian by default)."""
        lang = language(locale)
        return str.__str__(self) if lang == "id" else _render(self.key, self.params, lang)

    def __reduce__(self):
        return _make, (self.key, self.params)

    def to_json(self) -> dict:
        """Return what re-renders the text: its key and parameters (nested ones as dicts)."""
        return {"key": self.key,
                "params": {name: value.to_json() if isinstance(value, Msg) else value
                           for name, value in self.params.items()}}

    @classmethod
    def from_json(cls, data) -> Msg:
        """Rebuild a text from ``to_json``.

        :raises KeyError: an unknown key; ``ValueError`` or ``TypeError``: a malformed one.
        """
        if not isinstance(data, dict) or not isinstance(data.get("params"), dict):
            raise ValueError(data)
        key = data["key"]
        if key != "" and key not in CRITERIA:
            raise KeyError(key)
        params = {name: cls.from_json(value) if isinstance(value, dict) else value
                  for name, value in data["params"].items()}
        return cls(key, **params)
