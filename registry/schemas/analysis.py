"""Schemas of the integration analysis: graph JSON, blockers, diagram options."""

from marshmallow import EXCLUDE, Schema, fields
from marshmallow.validate import OneOf

from arch_models.landscape import Channel, LinkStatus
from registry.schemas.common import BaseSchema, Boolean, Date, Enum, Integer, Range, String


class AnalysisQueryArgsSchema(BaseSchema):
    """Which agency (default: the first) and which part of its graph."""

    class Meta:
        unknown = EXCLUDE

    agency = Integer(allow_none=True)
    unit = Integer(allow_none=True)
    channel = fields.List(Enum(Channel), load_default=list)
    status = fields.List(Enum(LinkStatus), load_default=list)


class BlockerQueryArgsSchema(BaseSchema):
    """Which agency, and the evaluation day."""

    class Meta:
        unknown = EXCLUDE

    agency = Integer(allow_none=True)
    as_of = Date(allow_none=True)
    year = Integer(allow_none=True, validate=Range(min=2018, max=2100))


class DiagramQueryArgsSchema(AnalysisQueryArgsSchema):
    """Which diagram to draw."""

    kind = String(load_default="landscape", validate=lambda v: v in (
        "landscape", "opd", "app", "blockers"))
    target = Integer(allow_none=True)
    depth = Integer(load_default=1, validate=Range(min=1, max=2))
    year = Integer(allow_none=True, validate=Range(min=2018, max=2100),
                   metadata={"description": "blockers: the evaluation year read for"})
    only_blockers = Boolean(load_default=False,
                            metadata={"description": "blockers: as show=blocking"})
    show = String(validate=OneOf(("top", "blocking", "all")), metadata={
        "description": "blockers: the records of the quickest lifts (top), every blocking "
                       "application (blocking) or every application (all, the default)"})


class NodeSchema(Schema):
    """An application in the graph."""

    id = fields.Integer()
    code = fields.String()
    name = fields.String()
    unit_id = fields.Integer()
    kind = fields.String()
    lifecycle = fields.String()
    integrated = fields.Boolean()
    degree = fields.Integer()


class EdgeSchema(Schema):
    """A link in the graph."""

    id = fields.Integer()
    provider_id = fields.Integer()
    consumer_id = fields.Integer()
    channel = fields.String()
    status = fields.String()
    direction = fields.String()


class HubSchema(Schema):
    """A much-connected application."""

    id = fields.Integer()
    degree = fields.Integer()
    betweenness = fields.Float()


class GraphSchema(Schema):
    """The integration graph of an agency."""

    agency = fields.String()
    nodes = fields.List(fields.Nested(NodeSchema))
    edges = fields.List(fields.Nested(EdgeSchema))
    components = fields.Integer()
    isolated = fields.List(fields.Integer())
    hubs = fields.List(fields.Nested(HubSchema))


class BlockerSchema(Schema):
    """One record that caps one indicator."""

    rule_id = fields.String()
    indicator = fields.Integer()
    caps_at = fields.Integer()
    subject_kind = fields.String()
    subject_id = fields.Integer(allow_none=True)
    subject_code = fields.String()
    subject_name = fields.String()
    unit_id = fields.Integer(allow_none=True)
    reason = fields.String()
    fix = fields.String()
    reason_en = fields.Function(lambda b: b.reason_in("en"),
                                metadata={"description": "the reason in English"})
    fix_en = fields.Function(lambda b: b.fix_in("en"),
                             metadata={"description": "what to change, in English"})


class IndicatorSummarySchema(Schema):
    """What stands between the instansi and level 5 on one indicator."""

    indicator = fields.Integer()
    max_level = fields.Integer()
    blocker_count = fields.Integer()
    application_count = fields.Integer()
    unit_count = fields.Integer()
    text = fields.String()
    name = fields.String(metadata={"description": "the indicator's name in the instrument"})


class BlockerReportSchema(Schema):
    """The blockers of an agency with the per-indicator summary."""

    agency = fields.Function(lambda r: r.agency.code if r.agency is not None else None)
    year = fields.Integer(metadata={"description": "the evaluation year read for"})
    instrument = fields.Function(lambda r: r.instrument.id, metadata={
        "description": "the instrument whose indicators the blockers cap: "
                       "permenpanrb-59-2020 through 2025, permenpanrb-8-2026 from 2026"})
    instrument_name = fields.Function(lambda r: r.instrument.name)
    indicators = fields.Function(
        lambda r: {str(n): r.indicator_name(n) for n in sorted({b.indicator for b in r.blockers}
                                                              | {s.indicator for s in r.summary})},
        metadata={"description": "the name of every indicator capped, by number"})
    as_of = fields.Date()
    summary = fields.List(fields.Nested(IndicatorSummarySchema))
    blockers = fields.List(fields.Nested(BlockerSchema))
