"""Segments (MANAGE_CUSTOMERS): saved rules and the customers they select."""

from dataclasses import replace
from typing import Any
from uuid import UUID

from domain.customers.accounts import Customer
from domain.customers.segment_rules import Condition, Field, RawRule
from domain.customers.segments import (
    Segment,
    SegmentInput,
    create_segment,
    delete_segment,
    members,
    update_segment,
)
from domain.money import Money
from domain.pagination import PageRequest
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of, encode_global_id
from resolvers.pagination import (
    ConnectionData,
    EdgeData,
    PageArgs,
    PageInfoData,
    decode_cursor,
    encode_cursor,
    paginate,
)
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


def decoded_rule(raw: RawRule, path: str = "rule") -> RawRule:
    """The rule with its tier IDs (global IDs at the edge) turned into the tiers' ids."""
    conditions = [
        replace(
            c,
            value=str(decode_id_of(c.value, "CustomerTier", field=f"{path}.conditions.{i}.value")),
        )
        if c.field == Field.TIER.value
        else c
        for i, c in enumerate(raw.conditions)
    ]
    groups = [decoded_rule(g, f"{path}.groups.{i}") for i, g in enumerate(raw.groups)]
    return RawRule(raw.match, conditions, groups)


def shown_value(condition: Condition) -> str:
    """A condition's value as the API shows it (and takes it back)."""
    if condition.field is Field.TIER:
        return encode_global_id("CustomerTier", UUID(str(condition.value)))
    if condition.field is Field.TOTAL_SPENT and condition.currency:
        return Money(int(condition.value), condition.currency).format()
    return str(condition.value)


async def segment_create(info: AgoraInfo, command: SegmentInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        rule = None if command.rule is None else decoded_rule(command.rule)
        async with context.work() as uow:
            segment = await create_segment(
                uow, actor(info).merchant_id, replace(command, rule=rule), context.clock()
            )
        return {"segment": segment}

    return await mutate(work)


async def segment_update(info: AgoraInfo, id: str, command: SegmentInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        segment_id = decode_id_of(id, "Segment")
        rule = None if command.rule is None else decoded_rule(command.rule)
        async with context.work() as uow:
            segment = await update_segment(
                uow, segment_id, replace(command, rule=rule), context.clock()
            )
        return {"segment": segment}

    return await mutate(work)


async def segment_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        segment_id = decode_id_of(id, "Segment")
        async with context.work() as uow:
            await delete_segment(uow, segment_id)
        return {"deleted_id": encode_global_id("Segment", segment_id)}

    return await mutate(work)


async def segments(info: AgoraInfo, args: PageArgs) -> ConnectionData[Segment]:
    return await paginate(info.context.work(), lambda uow: uow.segments, args)


async def segment(info: AgoraInfo, id: str) -> Segment | None:
    return await info.context.loaders.segment.load(decode_id_of(id, "Segment"))


async def segment_members(
    info: AgoraInfo, segment: Segment, first: int | None, after: str | None
) -> ConnectionData[Customer]:
    """Members after `after`, evaluated now; `endCursor` is where the scan stopped, so a
    sparse segment is read over several requests without repeating work."""
    request = PageRequest(first=first, after=decode_cursor(after, field="after"))
    context = info.context
    async with context.work() as uow:
        found = await members(uow, segment, request.after, request.size, context.clock())
    edges = [EdgeData(encode_cursor(c.id), c) for c in found.customers]
    end = encode_cursor(found.resume_after) if found.resume_after else None
    return ConnectionData(
        edges=edges,
        page_info=PageInfoData(
            has_next_page=found.has_next_page,
            has_previous_page=request.after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=end,
        ),
    )
