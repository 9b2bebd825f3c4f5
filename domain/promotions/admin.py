"""The merchant's side of promotions (MANAGE_DISCOUNTS): create, replace, archive, codes.

A definition is checked with `validation.validate_promotion` before it is saved, and compared
with the merchant's other live promotions by `conflicts.find_conflicts`: conflicts are
warnings returned with the saved promotion, never refusals (catalog floors are not checked
here: no catalog entries are passed). Each use case commits its unit of work and records
`promotion.created` or `promotion.updated` in it.

Codes are generated in bulk (`generate_promotion_codes`, up to MAX_CODES_PER_CALL at a time)
and inserted in batches; a generated code that happens to exist already is replaced by
another before anything is written.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.errors import NotFound, UserError
from domain.events import EventType, new_event, ref
from domain.ids import new_id
from domain.money import Money
from domain.promotions.actions import Action
from domain.promotions.codes import generate_codes
from domain.promotions.conditions import Condition
from domain.promotions.conflicts import ConflictWarning, find_conflicts
from domain.promotions.policy import check_conflicts
from domain.promotions.promotion import Kind, Promotion, Stacking
from domain.promotions.serialization import dump_action, dump_condition
from domain.promotions.stored import StoredPromotion
from domain.promotions.validation import validate_promotion
from domain.unit_of_work import UnitOfWork

MAX_CODES_PER_CALL = 10_000
MAX_LIMIT = 1_000_000_000


@dataclass(frozen=True)
class PromotionDraft:
    """A whole definition, as `promotionCreate` and `promotionUpdate` take it."""

    name: str
    kind: Kind
    action: Action
    condition: Condition
    priority: int = 0
    stacking: Stacking = Stacking.COMBINABLE
    combination_group: str | None = None
    currency: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    usage_limit: int | None = None
    usage_limit_per_customer: int | None = None
    budget: str | None = None  # a decimal string in `currency`


@dataclass(frozen=True)
class SavedPromotion:
    promotion: StoredPromotion
    warnings: list[ConflictWarning]


@dataclass(frozen=True)
class PromotionQuery:
    kind: Kind | None = None
    is_archived: bool | None = False


def _definition(draft: PromotionDraft, id: UUID) -> Promotion:
    return validate_promotion(
        Promotion(
            id=str(id),
            name=draft.name.strip(),
            kind=draft.kind,
            action=draft.action,
            condition=draft.condition,
            priority=draft.priority,
            stacking=draft.stacking,
            combination_group=draft.combination_group or None,
            currency=draft.currency,
            starts_at=draft.starts_at,
            ends_at=draft.ends_at,
        )
    )


def _limit(value: int | None, field: str) -> int | None:
    if value is not None and not 1 <= value <= MAX_LIMIT:
        raise UserError(f"Give a limit from 1 to {MAX_LIMIT}.", field=field)
    return value


def _budget(draft: PromotionDraft) -> int | None:
    if draft.budget is None:
        return None
    if draft.currency is None:
        raise UserError("A budget needs the promotion's currency.", field="currency")
    amount = Money.parse(draft.budget.strip(), draft.currency)
    if amount.amount <= 0:
        raise UserError("A budget must be positive.", field="budget")
    return amount.amount


def _apply(stored: StoredPromotion, promotion: Promotion, draft: PromotionDraft) -> None:
    stored.name = promotion.name
    stored.kind = promotion.kind.value
    stored.priority = promotion.priority
    stored.stacking = promotion.stacking.value
    stored.combination_group = promotion.combination_group
    stored.currency = promotion.currency
    stored.starts_at = promotion.starts_at
    stored.ends_at = promotion.ends_at
    stored.action = dump_action(promotion.action)
    stored.condition = dump_condition(promotion.condition)
    stored.usage_limit = _limit(draft.usage_limit, "usageLimit")
    stored.usage_limit_per_customer = _limit(
        draft.usage_limit_per_customer, "usageLimitPerCustomer"
    )
    stored.budget_amount = _budget(draft)


async def _warnings(uow: UnitOfWork, promotion: Promotion) -> list[ConflictWarning]:
    others = [stored.definition for stored in await uow.promotions.live()]
    return find_conflicts(promotion, others)


def _event_data(stored: StoredPromotion) -> dict[str, object]:
    return {
        "promotion": {
            "id": ref("Promotion", stored.id),
            "name": stored.name,
            "kind": stored.kind.upper(),
            "isArchived": stored.is_archived,
        }
    }


async def get_promotion(uow: UnitOfWork, promotion_id: UUID) -> StoredPromotion:
    stored = await uow.promotions.get(promotion_id)
    if stored is None:
        raise NotFound("No promotion with this id.")
    return stored


async def create_promotion(
    uow: UnitOfWork, merchant_id: UUID, draft: PromotionDraft, now: datetime
) -> SavedPromotion:
    id = new_id()
    promotion = _definition(draft, id)
    stored = StoredPromotion(
        id=id,
        merchant_id=merchant_id,
        name="",
        kind="",
        priority=0,
        stacking="",
        combination_group=None,
        currency=None,
        starts_at=None,
        ends_at=None,
        action={},
        condition={},
        usage_limit=None,
        usage_limit_per_customer=None,
        budget_amount=None,
        times_used=0,
        discount_given=0,
        is_archived=False,
        created_at=now,
        updated_at=now,
    )
    _apply(stored, promotion, draft)
    warnings = await check_conflicts(uow, merchant_id, await _warnings(uow, promotion))
    uow.promotions.add(stored)
    uow.record(new_event(merchant_id, EventType.PROMOTION_CREATED, _event_data(stored), now))
    await uow.commit()
    return SavedPromotion(stored, warnings)


async def update_promotion(
    uow: UnitOfWork, promotion_id: UUID, draft: PromotionDraft, now: datetime
) -> SavedPromotion:
    """Replace the definition and limits; counters and codes stay."""
    stored = await get_promotion(uow, promotion_id)
    promotion = _definition(draft, stored.id)
    _apply(stored, promotion, draft)
    stored.updated_at = now
    warnings = await check_conflicts(uow, stored.merchant_id, await _warnings(uow, promotion))
    uow.record(new_event(stored.merchant_id, EventType.PROMOTION_UPDATED, _event_data(stored), now))
    await uow.commit()
    return SavedPromotion(stored, warnings)


async def archive_promotion(uow: UnitOfWork, promotion_id: UUID, now: datetime) -> StoredPromotion:
    """An archived promotion no longer applies; its history (redemptions) stays."""
    stored = await get_promotion(uow, promotion_id)
    if stored.is_archived:
        return stored
    stored.is_archived = True
    stored.updated_at = now
    uow.record(new_event(stored.merchant_id, EventType.PROMOTION_UPDATED, _event_data(stored), now))
    await uow.commit()
    return stored


async def generate_promotion_codes(
    uow: UnitOfWork,
    promotion_id: UUID,
    count: int,
    prefix: str,
    usage_limit: int | None,
    now: datetime,
) -> list[str]:
    """`count` new random codes for the promotion, each usable `usage_limit` times."""
    stored = await get_promotion(uow, promotion_id)
    if stored.is_archived:
        raise UserError("This promotion is archived.", field="promotionId")
    if not 1 <= count <= MAX_CODES_PER_CALL:
        raise UserError(f"Generate 1 to {MAX_CODES_PER_CALL} codes at a time.", field="count")
    _limit(usage_limit, "usageLimit")
    codes = generate_codes(count, prefix=prefix)
    taken = await uow.promotions.existing_codes(codes)
    while taken:
        kept = [code for code in codes if code not in taken]
        codes = kept + generate_codes(len(codes) - len(kept), prefix=prefix, existing=set(codes))
        taken = await uow.promotions.existing_codes(codes[len(kept) :])
    await uow.promotions.add_codes(stored, codes, usage_limit, now)
    await uow.commit()
    return codes
