"""Paying with gift cards as the checkout will: `find_usable`, `debit` and `credit` inside a
unit of work, against the real database (and, for the concurrency claim, real PostgreSQL)."""

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from sqlalchemy import insert, select

from domain.errors import ErrorCode, UserError
from domain.ids import new_id
from domain.money import Money
from domain.payments.gift_card_admin import (
    GiftCardChanges,
    GiftCardIssue,
    IssuedGiftCard,
    adjust_balance,
    issue_gift_card,
    update_gift_card,
)
from domain.payments.gift_cards import SYSTEM, credit, debit, find_usable
from persistence.database import Database
from persistence.tables import gift_card_transactions, gift_cards, merchants
from persistence.unit_of_work import SqlUnitOfWork

NOW = datetime.now(UTC)


async def a_merchant(database: Database, slug: str = "shop") -> UUID:
    merchant_id = new_id()
    async with database.engine.begin() as connection:
        await connection.execute(
            insert(merchants).values(
                id=merchant_id,
                name=slug.title(),
                slug=slug,
                status="ACTIVE",
                created_at=NOW,
                updated_at=NOW,
            )
        )
    return merchant_id


async def issued(
    database: Database,
    merchant_id: UUID,
    amount: str = "50.00",
    currency: str = "EUR",
    **kw: object,
) -> IssuedGiftCard:
    async with SqlUnitOfWork(database, merchant_id) as uow:
        command = GiftCardIssue(amount, currency, **kw)  # type: ignore[arg-type]
        return await issue_gift_card(uow, merchant_id, SYSTEM, command, NOW)


async def refusal(database: Database, merchant_id: UUID, code: str, currency: str = "EUR") -> str:
    async with SqlUnitOfWork(database, merchant_id) as uow:
        with pytest.raises(UserError) as refused:
            await find_usable(uow, code, currency, NOW)
    assert refused.value.field == "code"
    return refused.value.code.value


async def balance_and_ledger(database: Database, card_id: UUID) -> tuple[int, list[int]]:
    """The stored balance and the ledger's amounts, read outside any tenant scope."""
    async with database.engine.connect() as connection:
        balance = (
            await connection.execute(
                select(gift_cards.c.balance_amount).where(gift_cards.c.id == card_id)
            )
        ).scalar_one()
        amounts = (
            await connection.execute(
                select(gift_card_transactions.c.amount)
                .where(gift_card_transactions.c.gift_card_id == card_id)
                .order_by(gift_card_transactions.c.id)
            )
        ).scalars()
        return int(balance), [int(a) for a in amounts]


async def test_a_code_is_found_in_any_case_with_or_without_hyphens(database: Database) -> None:
    # given a card
    merchant = await a_merchant(database)
    card = await issued(database, merchant)
    # when the shopper types its code in lower case, with spaces instead of hyphens
    typed = card.code.lower().replace("-", " ")
    async with SqlUnitOfWork(database, merchant) as uow:
        found = await find_usable(uow, typed, "EUR", NOW)
    # then it is the card
    assert found.id == card.card.id


async def test_a_card_is_refused_for_each_reason_it_cannot_pay(database: Database) -> None:
    merchant = await a_merchant(database)
    active = await issued(database, merchant)
    expiring = await issued(database, merchant, expires_at=NOW + timedelta(hours=1))
    inactive = await issued(database, merchant)
    emptied = await issued(database, merchant, "5.00")
    async with SqlUnitOfWork(database, merchant) as uow:
        await update_gift_card(uow, inactive.card.id, GiftCardChanges(is_active=False), NOW)
    async with SqlUnitOfWork(database, merchant) as uow:
        await adjust_balance(uow, SYSTEM, emptied.card.id, "-5", "used up", NOW)
    # then each refusal says why, with its own code
    assert await refusal(database, merchant, "ZZZZ-ZZZZ-ZZZZ-ZZZZ") == ErrorCode.NOT_FOUND
    assert await refusal(database, merchant, "not a code") == ErrorCode.NOT_FOUND
    assert await refusal(database, merchant, inactive.code) == ErrorCode.INACTIVE
    assert await refusal(database, merchant, active.code, "USD") == ErrorCode.CURRENCY_MISMATCH
    assert await refusal(database, merchant, emptied.code) == ErrorCode.EMPTY_BALANCE
    async with SqlUnitOfWork(database, merchant) as uow:
        with pytest.raises(UserError) as expired:
            await find_usable(uow, expiring.code, "EUR", NOW + timedelta(hours=2))
    assert expired.value.code == ErrorCode.EXPIRED


async def test_another_merchants_code_is_unknown_here(database: Database) -> None:
    # given a card of merchant A
    a, b = await a_merchant(database, "alpha"), await a_merchant(database, "bravo")
    card = await issued(database, a)
    # when it is typed in at merchant B's checkout
    # then B knows no such code, exactly as for a code that never existed
    assert await refusal(database, b, card.code) == ErrorCode.NOT_FOUND


async def test_a_code_is_unique_within_a_merchant(database: Database) -> None:
    # given a card of merchant A
    a, b = await a_merchant(database, "alpha"), await a_merchant(database, "bravo")
    card = (await issued(database, a)).card
    # when another card with the same code is stored for A, it is refused
    async with SqlUnitOfWork(database, a) as uow:
        uow.gift_cards.add(replace(card, id=new_id()))
        with pytest.raises(UserError) as duplicate:
            await uow.commit()
    assert duplicate.value.code == ErrorCode.DUPLICATE
    # while merchant B may hold the same code
    async with SqlUnitOfWork(database, b) as uow:
        uow.gift_cards.add(replace(card, id=new_id(), merchant_id=b))
        await uow.commit()


async def test_debits_and_credits_move_the_balance_and_are_recorded(database: Database) -> None:
    # given a 50 EUR card found at checkout
    merchant = await a_merchant(database)
    card = await issued(database, merchant)
    order = new_id()
    # when an order takes 30 EUR and is then refunded 10 EUR
    async with SqlUnitOfWork(database, merchant) as uow:
        found = await find_usable(uow, card.code, "EUR", NOW)
        spent = await debit(uow, found, Money(3000, "EUR"), order, NOW)
        await uow.commit()
    async with SqlUnitOfWork(database, merchant) as uow:
        refunded = await credit(uow, card.card.id, Money(1000, "EUR"), order, NOW, "Returned")
        await uow.commit()
    # then the card shows each step, and the ledger adds up to the stored balance
    assert (spent.amount, spent.balance_after, spent.order_id) == (-3000, 2000, order)
    assert (refunded.amount, refunded.balance_after, refunded.note) == (1000, 3000, "Returned")
    balance, amounts = await balance_and_ledger(database, card.card.id)
    assert balance == 3000 == sum(amounts)
    assert amounts == [5000, -3000, 1000]


async def test_a_debit_that_does_not_apply_changes_nothing(database: Database) -> None:
    merchant = await a_merchant(database)
    card = await issued(database, merchant, "20.00")
    async with SqlUnitOfWork(database, merchant) as uow:
        found = await find_usable(uow, card.code, "EUR", NOW)
        # more than it holds
        with pytest.raises(UserError) as short:
            await debit(uow, found, Money(2001, "EUR"), None, NOW)
        # another currency, nothing, or after it expired
        with pytest.raises(UserError) as wrong:
            await debit(uow, found, Money(100, "USD"), None, NOW)
        with pytest.raises(UserError) as nothing:
            await debit(uow, found, Money(0, "EUR"), None, NOW)
        await uow.commit()
    assert short.value.code == ErrorCode.INSUFFICIENT_FUNDS
    assert "20.00" in short.value.message
    assert wrong.value.code == ErrorCode.CURRENCY_MISMATCH
    assert nothing.value.field == "amount"
    assert await balance_and_ledger(database, card.card.id) == (2000, [2000])


async def test_a_card_deactivated_after_it_was_found_cannot_be_debited(
    database: Database,
) -> None:
    # given a card a checkout has found
    merchant = await a_merchant(database)
    card = await issued(database, merchant, "20.00", expires_at=NOW + timedelta(hours=1))
    async with SqlUnitOfWork(database, merchant) as checkout:
        found = await find_usable(checkout, card.code, "EUR", NOW)
        # when staff deactivate it meanwhile
        async with SqlUnitOfWork(database, merchant) as staff:
            await update_gift_card(staff, card.card.id, GiftCardChanges(is_active=False), NOW)
        # then the checkout's debit is refused as INACTIVE
        with pytest.raises(UserError) as refused:
            await debit(checkout, found, Money(100, "EUR"), None, NOW)
    assert refused.value.code == ErrorCode.INACTIVE
    # and an expired card is refused as EXPIRED, even when the debit is all that checks
    async with SqlUnitOfWork(database, merchant) as checkout:
        await update_gift_card(checkout, card.card.id, GiftCardChanges(is_active=True), NOW)
    async with SqlUnitOfWork(database, merchant) as checkout:
        with pytest.raises(UserError) as expired:
            await debit(checkout, card.card, Money(100, "EUR"), None, NOW + timedelta(hours=2))
    assert expired.value.code == ErrorCode.EXPIRED
    assert await balance_and_ledger(database, card.card.id) == (2000, [2000])


@pytest.mark.postgres_only
async def test_twenty_concurrent_debits_never_overdraw_a_card(database: Database) -> None:
    # given a 50.00 EUR card, and 20 checkouts that each read it before any of them pays
    merchant = await a_merchant(database)
    card = await issued(database, merchant, "50.00")
    price = Money(700, "EUR")
    everyone_has_read_it = asyncio.Barrier(20)

    async def checkout() -> bool:
        async with SqlUnitOfWork(database, merchant) as uow:
            found = await find_usable(uow, card.code, "EUR", NOW)
            assert found.balance_amount == 5000
            await everyone_has_read_it.wait()
            try:
                await debit(uow, found, price, new_id(), NOW)
            except UserError as refused:
                assert refused.code == ErrorCode.INSUFFICIENT_FUNDS
                return False
            await uow.commit()
            return True

    # when they all debit 7.00 EUR at once, each in its own unit of work
    paid = await asyncio.gather(*(checkout() for _ in range(20)))
    # then exactly floor(50.00 / 7.00) = 7 succeed, and the card keeps the 1.00 EUR left
    assert sum(paid) == 5000 // 700 == 7
    balance, amounts = await balance_and_ledger(database, card.card.id)
    assert balance == 5000 - 7 * 700 == sum(amounts)
    assert amounts == [5000] + [-700] * 7
