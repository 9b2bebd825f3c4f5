"""Staff notes on a customer: who wrote what, when. Never shown to the customer."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.customers.accounts import get_customer
from domain.entities import TenantOwned
from domain.errors import NotFound
from domain.ids import new_id
from domain.principals import MerchantPrincipal, StaffPrincipal
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text

NOTE_LENGTH = 5000


@dataclass(eq=False)
class CustomerNote(TenantOwned):
    id: UUID
    merchant_id: UUID
    customer_id: UUID
    author_staff_id: UUID | None  # None: written by an app, or the author was removed
    body: str
    created_at: datetime


async def add_note(
    uow: UnitOfWork, actor: MerchantPrincipal, customer_id: UUID, body: str, now: datetime
) -> CustomerNote:
    customer = await get_customer(uow, customer_id)
    author = actor.staff_id if isinstance(actor, StaffPrincipal) else None
    note = CustomerNote(
        id=new_id(),
        merchant_id=customer.merchant_id,
        customer_id=customer.id,
        author_staff_id=author,
        body=require_text(body, field="body", max_length=NOTE_LENGTH),
        created_at=now,
    )
    uow.customer_notes.add(note)
    await uow.commit()
    return note


async def delete_note(uow: UnitOfWork, note_id: UUID) -> UUID:
    note = await uow.customer_notes.get(note_id)
    if note is None:
        raise NotFound("No note with this id.")
    await uow.customer_notes.delete(note)
    await uow.commit()
    return note_id
