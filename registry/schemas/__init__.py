"""marshmallow schemas for the API, the forms and import/export, one module per area."""
