"""Segments: named, saved rules over customer facts, evaluated to their members.

Members are found by evaluating the rule in Python over the merchant's customers, a page of
customers at a time in id order (`members`). This keeps one evaluator (the pure one promotions
will also use, `segment_rules.matches`) instead of a second SQL translation that could
disagree with it; a request scans at most MAX_SCANNED customers and reports where it stopped,
so a sparse segment over many customers is read over several requests.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.customers.accounts import Customer
from domain.customers.addresses import default_country
from domain.customers.segment_rules import (
    CustomerFacts,
    RawRule,
    Rule,
    build_rule,
    matches,
    rule_from_json,
    rule_to_json,
    tier_ids,
)
from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.pagination import MAX_PAGE_SIZE, PageRequest
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text

MAX_SCANNED = 5000


@dataclass(eq=False)
class Segment(TenantOwned):
    id: UUID
    merchant_id: UUID
    name: str
    rule: dict[str, Any]  # rule_to_json of a checked Rule
    created_at: datetime
    updated_at: datetime

    @property
    def parsed_rule(self) -> Rule:
        return rule_from_json(self.rule)


@dataclass(frozen=True)
class SegmentInput:
    name: str | None = None
    rule: RawRule | None = None


async def _checked_rule(uow: UnitOfWork, raw: RawRule) -> dict[str, Any]:
    rule = build_rule(raw)
    named = tier_ids(rule)
    if named and len(await uow.customer_tiers.get_many(list(named))) != len(named):
        raise UserError(
            "The rule names a tier that does not exist.", field="rule", code=ErrorCode.NOT_FOUND
        )
    return rule_to_json(rule)


async def create_segment(
    uow: UnitOfWork, merchant_id: UUID, command: SegmentInput, now: datetime
) -> Segment:
    name = require_text(command.name, field="name", max_length=120)
    if command.rule is None:
        raise UserError("Give a rule.", field="rule", code=ErrorCode.REQUIRED)
    segment = Segment(new_id(), merchant_id, name, await _checked_rule(uow, command.rule), now, now)
    uow.segments.add(segment)
    await uow.commit()
    return segment


async def _segment(uow: UnitOfWork, segment_id: UUID) -> Segment:
    segment = await uow.segments.get(segment_id)
    if segment is None:
        raise NotFound("No segment with this id.")
    return segment


async def update_segment(
    uow: UnitOfWork, segment_id: UUID, command: SegmentInput, now: datetime
) -> Segment:
    segment = await _segment(uow, segment_id)
    if command.name is not None:
        segment.name = require_text(command.name, field="name", max_length=120)
    if command.rule is not None:
        segment.rule = await _checked_rule(uow, command.rule)
    segment.updated_at = now
    await uow.commit()
    return segment


async def delete_segment(uow: UnitOfWork, segment_id: UUID) -> UUID:
    segment = await _segment(uow, segment_id)
    await uow.segments.delete(segment)
    await uow.commit()
    return segment_id


def facts_of(customer: Customer, country: str | None) -> CustomerFacts:
    return CustomerFacts(
        tags=frozenset(customer.tags),
        tier_id=customer.tier_id,
        order_count=customer.order_count,
        total_spent=customer.total_spent,
        last_order_at=customer.last_order_at,
        country=country,
    )


@dataclass(frozen=True)
class Members:
    customers: list[Customer]
    has_next_page: bool
    # Where the next request should continue: the last customer scanned (not only matched).
    resume_after: UUID | None


async def members(
    uow: UnitOfWork, segment: Segment, after: UUID | None, size: int, now: datetime
) -> Members:
    """Up to `size` members after the customer `after`, in id order."""
    rule = segment.parsed_rule
    found: list[Customer] = []
    scanned = 0
    while True:
        page = await uow.customers.page(PageRequest(first=MAX_PAGE_SIZE, after=after))
        addresses = await uow.addresses.of_customers([c.id for c in page.items])
        for customer in page.items:
            scanned += 1
            after = customer.id
            own = [a for a in addresses if a.customer_id == customer.id]
            if matches(rule, facts_of(customer, default_country(own)), now):
                found.append(customer)
                if len(found) > size:
                    return Members(found[:size], True, found[size - 1].id if size else None)
        if not page.has_next_page:
            return Members(found, False, after)
        if scanned >= MAX_SCANNED:
            return Members(found, True, after)
