"""Fields and validators whose messages name the rule in the user's language; shared schemas."""

from flask_babel import gettext
from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, pre_load, validate

from arch_models.text import text_problem
from registry.converters import MAX_STORED_INT
from registry.i18n import N_

MESSAGES = {
    "required": N_("Wajib diisi."),
    "null": N_("Wajib diisi."),
    "validator_failed": N_("Nilai tidak sah."),
}
#: why typed text is refused (arch_models.text.text_problem), in the catalogue
TEXT_MESSAGES = {
    "control": N_("Tidak boleh berisi karakter kendali (selain tab dan baris baru)."),
    "surrogate": N_("Berisi karakter Unicode yang rusak (surrogate tunggal)."),
    "invisible": N_("Tidak boleh hanya berisi karakter tak terlihat."),
}


class _Translated:
    """Field mixin: messages are catalogue ids in Bahasa Indonesia, translated when raised."""

    def make_error(self, key, **kwargs):
        return ValidationError(gettext(self.error_messages[key]).format(**kwargs))


class String(_Translated, fields.String):
    """Text; surrounding spaces are dropped."""

    default_error_messages = {**MESSAGES, "invalid": N_("Harus berupa teks.")}

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        why = text_problem(value)
        if why:
            raise ValidationError(gettext(TEXT_MESSAGES[why]))
        return value.strip()


class Integer(_Translated, fields.Integer):
    """Whole number, no larger than the database stores (an id past it is refused, not a 500)."""

    default_error_messages = {
        **MESSAGES,
        "invalid": N_("Harus berupa bilangan bulat."),
        "too_large": N_("Angka terlalu besar."),
    }

    def __init__(self, **kwargs):
        super().__init__(strict=False, **kwargs)
        if not any(isinstance(v, validate.Range) for v in self.validators):
            # Documented too, so API clients see the bound (a Range documents its own).
            self.metadata.setdefault("minimum", -MAX_STORED_INT - 1)
            self.metadata.setdefault("maximum", MAX_STORED_INT)

    def _validated(self, value):
        number = super()._validated(value)
        if number is not None and not -MAX_STORED_INT - 1 <= number <= MAX_STORED_INT:
            raise self.make_error("too_large")
        return number


class Float(_Translated, fields.Float):
    """A number, decimals allowed."""

    default_error_messages = {**MESSAGES, "invalid": N_("Harus berupa angka."),
                              "special": N_("Harus berupa angka.")}


class Boolean(_Translated, fields.Boolean):
    """Yes or no; accepts the Indonesian words too."""

    truthy = fields.Boolean.truthy | {"ya", "Ya", "on"}
    falsy = fields.Boolean.falsy | {"tidak", "Tidak", "off"}
    default_error_messages = {**MESSAGES, "invalid": N_("Harus ya atau tidak.")}


class Date(_Translated, fields.Date):
    """Calendar date, ISO format."""

    default_error_messages = {
        **MESSAGES,
        "invalid": N_("Tanggal tidak sah; gunakan format TTTT-BB-HH."),
        "format": N_("Tanggal tidak sah; gunakan format TTTT-BB-HH."),
    }


class DateTime(_Translated, fields.DateTime):
    """Moment in time, ISO format."""

    default_error_messages = {**MESSAGES, "invalid": N_("Waktu tidak sah.")}


class Enum(_Translated, fields.Enum):
    """One of an enum's values."""

    default_error_messages = {**MESSAGES, "unknown": N_("Harus salah satu dari: {choices}.")}

    def __init__(self, enum, **kwargs):
        super().__init__(enum, by_value=True, **kwargs)


class Nested(fields.Nested):
    """A nested object (dump only here)."""


class Length(validate.Length):
    """Text length bounds, with translated messages."""

    message_min = N_("Paling sedikit {min} karakter.")
    message_max = N_("Paling banyak {max} karakter.")
    message_all = N_("Harus {min} sampai {max} karakter.")
    message_equal = N_("Harus tepat {equal} karakter.")

    def _format_error(self, value, message):
        if message == self.message_all:  # name the bound that was crossed, not both
            message = self.message_min if len(value) < self.min else self.message_max
        return gettext(self.error or message).format(
            input=value, min=self.min, max=self.max, equal=self.equal
        )


class Range(validate.Range):
    """Number bounds, with translated messages."""

    message_min = N_("Paling kecil {min}.")
    message_max = N_("Paling besar {max}.")
    message_all = N_("Harus antara {min} dan {max}.")

    def __init__(self, min=None, max=None, *, error=None):  # noqa: A002 - marshmallow's names
        # The parent fills "greater than or equal to" into its English messages here; ours are
        # whole catalogue ids, and the bounds are always inclusive.
        self.min, self.max, self.error = min, max, error
        self.min_inclusive = self.max_inclusive = True

    def _format_error(self, value, message):
        return gettext(self.error or message).format(input=value, min=self.min, max=self.max)


class OneOf(validate.OneOf):
    """One of a fixed set of values, with a translated message."""

    default_message = N_("Harus salah satu dari: {choices}.")

    def _format_error(self, value):
        return gettext(self.error).format(input=value, choices=self.choices_text,
                                          labels=self.labels_text)


class Money(_Translated, fields.Decimal):
    """An amount in rupiah with two decimals; a number in JSON."""

    default_error_messages = {
        **MESSAGES,
        "invalid": N_("Harus berupa angka."),
        "special": N_("Harus berupa angka."),
    }

    def __init__(self, **kwargs):
        super().__init__(places=2, as_string=False, **kwargs)


class CodeList(_Translated, fields.List):
    """A list of reference codes: a JSON list, or text separated by commas (forms, imports)."""

    default_error_messages = {**MESSAGES, "invalid": N_("Harus berupa daftar kode.")}

    def __init__(self, **kwargs):
        super().__init__(fields.String(validate=validate.Length(max=40)), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = [part.strip() for text in value for part in text.replace(";", ",").split(",")
                     if part.strip()]
        return super()._deserialize(value, attr, data, **kwargs)


class Regexp(validate.Regexp):
    """A pattern; the message is given by the caller as a catalogue id."""

    def _format_error(self, value):
        return gettext(self.error).format(input=value, regex=self.regex.pattern)


class URL(validate.URL):
    """A web address."""

    default_message = N_("Alamat web tidak sah (contoh: https://contoh.go.id).")

    def _format_error(self, value):
        return gettext(self.error).format(input=value)


class Email(validate.Email):
    """An e-mail address."""

    default_message = N_("Alamat surel tidak sah.")

    def _format_error(self, value):
        return gettext(self.error).format(input=value)


CODE_PATTERN = Regexp(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    error=N_("Hanya huruf, angka, titik, garis bawah dan tanda hubung; diawali huruf atau angka."),
)


class CodeNameFields:
    """A record's code (unique within its agency, compared in any case) and its name."""

    code = String(required=True, validate=[Length(min=1, max=40), CODE_PATTERN])
    name = String(required=True, validate=Length(min=1, max=200))


class BaseSchema(Schema):
    """Refuse unknown fields with a translated message."""

    error_messages = {
        "unknown": N_("Kolom tidak dikenal."),
        "type": N_("Data masukan tidak sah."),
    }

    class Meta:
        unknown = RAISE


class FormSchema(BaseSchema):
    """Input from an HTML form: empty fields mean no value."""

    class Meta:
        unknown = EXCLUDE  # csrf_token and the submit button

    @pre_load
    def blank_to_none(self, data, **kwargs):
        """Turn empty form fields into missing values, and unticked checkboxes into False."""
        cleaned = {}
        for name, field in self.load_fields.items():
            key = field.data_key or name
            if isinstance(field, fields.Boolean) and not field.dump_only:
                cleaned[key] = data.get(key) not in (None, "", "0", "false")
            elif key in data:
                value = data.get(key)
                blank = isinstance(value, str) and not value.strip()
                empty = [] if isinstance(field, fields.List) else None
                cleaned[key] = empty if blank else value
        return cleaned


def write_schemas(fields_class, name, *, create=None, form=None):
    """Return the create, update and form schemas of a record written with ``fields_class``.

    An update names the ``version`` the editor read; the form carries it in a hidden field,
    empty for a new record. ``create`` and ``form`` add fields of their own (an ``agency_id``).
    The classes are named ``<name>CreateSchema`` and so on, as the OpenAPI document shows them.
    """
    return (_schema(fields_class, f"{name}Create", BaseSchema, create or {}),
            _schema(fields_class, f"{name}Update", BaseSchema, {"version": Integer(required=True)}),
            _schema(fields_class, f"{name}Form", FormSchema,
                    (form or {}) | {"version": Integer(allow_none=True)}))


def save_schemas(fields_class, name):
    """Return the API input and form schemas of a record an agency keeps one of per key.

    The first save creates the record; later saves carry the ``version`` the editor read.
    """
    return tuple(_schema(fields_class, f"{name}{kind}", base, {"version": Integer(allow_none=True)})
                 for kind, base in (("Input", BaseSchema), ("Form", FormSchema)))


def _schema(fields_class, name, base, own):
    module = fields_class.__module__
    return type(f"{name}Schema", (fields_class, base), {"__module__": module, **own})


def translate_errors(messages):
    """Translate schema-level messages (unknown field, wrong type) that marshmallow raised raw."""
    if isinstance(messages, dict):
        return {key: translate_errors(value) for key, value in messages.items()}
    if isinstance(messages, list):
        return [translate_errors(m) for m in messages]
    return gettext(messages) if isinstance(messages, str) else messages


class PaginationQuerySchema(BaseSchema):
    """Page and page size of a list."""

    class Meta:
        unknown = EXCLUDE

    page = Integer(load_default=1, validate=Range(min=1, max=100000))
    per_page = Integer(load_default=25, validate=Range(min=1, max=200))


class RecordSchema(Schema):
    """What every stored record of an agency shows: its id, its agency and its lock version."""

    id = fields.Integer()
    agency_id = fields.Integer()
    version = fields.Integer()


class TimestampedRecordSchema(RecordSchema):
    """A record that also shows when it was created and last changed."""

    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class ListQuerySchema(PaginationQuerySchema):
    """A list's page and the filters most lists share: search text, agency and OPD."""

    q = String(allow_none=True, validate=Length(max=200))
    agency = Integer(allow_none=True)
    unit = Integer(allow_none=True)


class RefSchema(Schema):
    """A short reference to another record."""

    id = fields.Integer()
    code = fields.String()
    name = fields.String()


def page_schema(name, item_schema):
    """Return a schema class for one page of a list of ``item_schema``."""
    return type(name, (Schema,), {
        "__doc__": f"A page of {item_schema.__name__.removesuffix('Schema')} records.",
        "items": fields.List(fields.Nested(item_schema)), "total": fields.Integer(),
        "page": fields.Integer(), "per_page": fields.Integer()})


class ErrorSchema(Schema):
    """The body of every error: ``{"errors": {"field": ["message"]}}``."""

    errors = fields.Dict(keys=fields.String(), values=fields.Raw())
