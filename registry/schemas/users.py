"""Schemas of users and tokens."""

from marshmallow import Schema, fields

from registry.models import Role
from registry.schemas.common import BaseSchema, Email, Enum, FormSchema, Integer, Length, String


class UserInputFields:
    """Fields a user is created with."""

    email = String(required=True, validate=[Length(max=254), Email()])
    name = String(required=True, validate=Length(min=1, max=200))
    role = Enum(Role, required=True)
    unit_id = Integer(allow_none=True)
    password = String(required=True, load_only=True, validate=Length(max=200))


class UserCreateSchema(UserInputFields, BaseSchema):
    """A new user (admin only)."""


class UserFormSchema(UserInputFields, FormSchema):
    """The new-user form."""


class UserSchema(Schema):
    """A user as the API shows it; never the password hash."""

    id = fields.Integer()
    email = fields.String()
    name = fields.String()
    role = fields.Enum(Role, by_value=True)
    unit_id = fields.Integer(allow_none=True)
    active = fields.Boolean()


class TokenFormSchema(FormSchema):
    """A new API token."""

    name = String(required=True, validate=Length(min=1, max=100))


class UserRoleFormSchema(FormSchema):
    """An admin gives a user another role (and an OPD for an operator)."""

    role = Enum(Role, required=True)
    unit_id = Integer(allow_none=True)


class PasswordChangeFormSchema(FormSchema):
    """A user chooses a new password; the service checks the rules and names the field."""

    current_password = String(required=True, load_only=True, validate=Length(max=200))
    new_password = String(required=True, load_only=True, validate=Length(max=200))
    repeat = String(required=True, load_only=True, validate=Length(max=200))
