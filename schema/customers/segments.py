"""Segments (MANAGE_CUSTOMERS): saved rules over customer fields, and their members."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain.customers import segment_rules as rules
from domain.customers import segments as domain
from domain.permissions import Permission as P
from resolvers.context import AgoraInfo
from resolvers.customers import segments as resolvers
from resolvers.permissions import requires
from schema.connections import After, Connection, First, connection_field
from schema.customers.types import Customer, DeletedPayload
from schema.enums import graphql_enum
from schema.errors import UserError
from schema.node import Node, shows

STAFF = requires(P.MANAGE_CUSTOMERS)

graphql_enum(
    rules.Match,
    "How a group combines its conditions and groups.",
    {"ALL": "Every one must hold.", "ANY": "At least one must hold."},
)
graphql_enum(
    rules.Field,
    "The customer field a condition tests.",
    {
        "TAG": "The customer's tags (CONTAINS, NOT_CONTAINS a tag).",
        "TIER": "The customer's tier (EQUALS, NOT_EQUALS a tier ID).",
        "ORDER_COUNT": "How many orders were paid (a whole number).",
        "TOTAL_SPENT": "Total paid in `currency` (a decimal amount).",
        "LAST_ORDER_AT": "When the last order was paid (BEFORE/AFTER an ISO 8601 time, "
        "WITHIN_DAYS/NOT_WITHIN_DAYS a number of days).",
        "COUNTRY": "The default address's country (EQUALS, NOT_EQUALS an ISO code).",
    },
)
graphql_enum(
    rules.Op,
    "How a condition compares the field with its value.",
    {
        "EQUALS": "Is the value.",
        "NOT_EQUALS": "Is not the value.",
        "GREATER_THAN": "More than the value.",
        "AT_LEAST": "The value or more.",
        "LESS_THAN": "Less than the value.",
        "AT_MOST": "The value or less.",
        "CONTAINS": "The list holds the value.",
        "NOT_CONTAINS": "The list does not hold the value.",
        "BEFORE": "Earlier than the time (false without orders).",
        "AFTER": "Later than the time (false without orders).",
        "WITHIN_DAYS": "In the last so many days (false without orders).",
        "NOT_WITHIN_DAYS": "Not in the last so many days (true without orders).",
    },
)


@strawberry.input(description="One test of a customer field.")
class SegmentConditionInput:
    field: rules.Field = strawberry.field(description="The field tested.")
    operator: rules.Op = strawberry.field(description="How it is compared.")
    value: str = strawberry.field(description="The value, as text (see the field's description).")
    currency: str | None = strawberry.field(
        default=None, description="ISO 4217 code, for TOTAL_SPENT."
    )


@strawberry.input(description="A group of conditions and nested groups (at most 3 deep).")
class SegmentRuleInput:
    match: rules.Match = strawberry.field(description="ALL or ANY.")
    conditions: list[SegmentConditionInput] = strawberry.field(
        default_factory=list, description="Its conditions."
    )
    groups: list["SegmentRuleInput"] = strawberry.field(
        default_factory=list, description="Nested groups."
    )

    def raw(self) -> rules.RawRule:
        return rules.RawRule(
            self.match.value,
            [
                rules.RawCondition(c.field.value, c.operator.value, c.value, c.currency)
                for c in self.conditions
            ],
            [group.raw() for group in self.groups],
        )


@strawberry.type(description="One test of a customer field.")
class SegmentCondition:
    field: rules.Field = strawberry.field(description="The field tested.")
    operator: rules.Op = strawberry.field(description="How it is compared.")
    value: str = strawberry.field(description="The value, as text.")
    currency: str | None = strawberry.field(description="ISO 4217 code, for TOTAL_SPENT.")


@strawberry.type(description="A group of conditions and nested groups.")
class SegmentRule:
    match: rules.Match = strawberry.field(description="ALL or ANY.")
    conditions: list[SegmentCondition] = strawberry.field(description="Its conditions.")
    groups: list["SegmentRule"] = strawberry.field(description="Nested groups.")


def _shown(rule: rules.Rule) -> SegmentRule:
    return SegmentRule(
        match=rule.match,
        conditions=[
            SegmentCondition(
                field=c.field, operator=c.op, value=resolvers.shown_value(c), currency=c.currency
            )
            for c in rule.conditions
        ],
        groups=[_shown(group) for group in rule.groups],
    )


@strawberry.type(description="A saved rule over customer fields; its members are evaluated now.")
@shows(domain.Segment)
class Segment(Node):
    name: str = strawberry.field(description="Display name.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="The rule.")
    def rule(self, root: domain.Segment) -> SegmentRule:
        return _shown(root.parsed_rule)

    @strawberry.field(
        description="The customers the rule selects now, oldest first. A page scans at most "
        "5000 customers: continue from `endCursor` while `hasNextPage`."
    )
    async def members(
        self, root: domain.Segment, info: AgoraInfo, first: First = None, after: After = None
    ) -> Connection[Customer]:
        return await resolvers.segment_members(info, root, first, after)  # type: ignore[return-value]


@strawberry.input(description="A segment's fields; omitted ones stay as they are on update.")
class SegmentInput:
    name: str | None = strawberry.field(default=None, description="Display name.")
    rule: SegmentRuleInput | None = strawberry.field(default=None, description="The rule.")

    def command(self) -> domain.SegmentInput:
        return domain.SegmentInput(self.name, None if self.rule is None else self.rule.raw())


@strawberry.type(description="Result of a segment mutation.")
class SegmentPayload:
    segment: Segment | None = strawberry.field(description="The segment.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


Id = Annotated[strawberry.ID, strawberry.argument(description="The segment's ID.")]
Input = Annotated[SegmentInput, strawberry.argument(description="The fields to set.")]


@strawberry.type
class SegmentQuery:
    segments: Connection[Segment] = connection_field(
        Segment, resolvers.segments, description="The merchant's segments.", extensions=STAFF
    )

    @strawberry.field(description="A segment by ID.", extensions=STAFF)
    async def segment(self, info: AgoraInfo, id: Id) -> Segment | None:
        return await resolvers.segment(info, id)  # type: ignore[return-value]


@strawberry.type
class SegmentMutation:
    @strawberry.mutation(description="Save a segment.", extensions=STAFF)
    async def segment_create(self, info: AgoraInfo, input: Input) -> SegmentPayload:
        return await resolvers.segment_create(info, input.command())  # type: ignore[return-value]

    @strawberry.mutation(description="Change a segment.", extensions=STAFF)
    async def segment_update(self, info: AgoraInfo, id: Id, input: Input) -> SegmentPayload:
        return await resolvers.segment_update(info, id, input.command())  # type: ignore[return-value]

    @strawberry.mutation(description="Delete a segment.", extensions=STAFF)
    async def segment_delete(self, info: AgoraInfo, id: Id) -> DeletedPayload:
        return await resolvers.segment_delete(info, id)  # type: ignore[return-value]
