"""Email verification and password reset codes: single use, expiring, unguessable.

A code is a random token (`domain.tokens`: prefix, 30 random base62 characters, checksum), so
it cannot be forged or guessed and a mistyped one is refused without a database look-up. Only
its SHA-256 digest is stored, with its purpose, customer and expiry; using it is one
conditional UPDATE (unused, unexpired, this purpose), so a code works once even under
concurrent use. A password reset signs the customer out everywhere.

Signing up and asking for a reset never say whether the email has an account: the answer is
the same, and the message (a code, or a note that the account exists) goes only to the address
that owns it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from domain.auth import LoginThrottle
from domain.customers.accounts import (
    SUBJECT_KIND,
    Customer,
    RegisterCustomer,
    get_customer,
    register_customer,
)
from domain.entities import TenantOwned
from domain.errors import ErrorCode, UserError
from domain.ids import new_id
from domain.notifications import Message
from domain.passwords import PasswordHasher, validate_password
from domain.principals import CustomerPrincipal
from domain.tokens import digest, generate_token, has_valid_shape
from domain.unit_of_work import UnitOfWork
from domain.validation import normalize_email


class TokenPurpose(StrEnum):
    VERIFY_EMAIL = "verify_email"
    RESET_PASSWORD = "reset_password"


PREFIXES = {TokenPurpose.VERIFY_EMAIL: "agora_ev_", TokenPurpose.RESET_PASSWORD: "agora_pr_"}
LIFETIMES = {
    TokenPurpose.VERIFY_EMAIL: timedelta(days=2),
    TokenPurpose.RESET_PASSWORD: timedelta(hours=1),
}


@dataclass(eq=False)
class CustomerToken(TenantOwned):
    id: UUID
    merchant_id: UUID
    customer_id: UUID
    purpose: str
    token_digest: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


def issue_token(uow: UnitOfWork, customer: Customer, purpose: TokenPurpose, now: datetime) -> str:
    """Stage a new code for the customer and return it (shown once, in the message)."""
    token = generate_token(PREFIXES[purpose])
    uow.customer_tokens.add(
        CustomerToken(
            id=new_id(),
            merchant_id=customer.merchant_id,
            customer_id=customer.id,
            purpose=purpose.value,
            token_digest=digest(token),
            created_at=now,
            expires_at=now + LIFETIMES[purpose],
        )
    )
    return token


def verification_message(customer: Customer, token: str) -> Message:
    return Message(
        to=customer.email,
        subject="Confirm your email address",
        body=f"Confirm your email address with this code:\n\n{token}\n\nIt expires in 2 days.",
        kind="customer.verify_email",
        data={"token": token},
    )


def reset_message(customer: Customer, token: str) -> Message:
    return Message(
        to=customer.email,
        subject="Reset your password",
        body=(
            f"Someone asked to reset the password of this account. If it was you, use this "
            f"code:\n\n{token}\n\nIt expires in 1 hour. If it was not you, ignore this message."
        ),
        kind="customer.reset_password",
        data={"token": token},
    )


async def _use(uow: UnitOfWork, token: str, purpose: TokenPurpose, now: datetime) -> Customer:
    invalid = UserError(
        "The code is invalid, expired or already used.", field="token", code=ErrorCode.INVALID_TOKEN
    )
    if not has_valid_shape(token, PREFIXES[purpose]):
        raise invalid
    claimed = await uow.customer_tokens.claim(digest(token), purpose.value, now)
    if claimed is None:
        raise invalid
    customer = await uow.customers.get(claimed.customer_id)
    if customer is None or not customer.is_active:
        raise invalid
    return customer


def account_exists_message(customer: Customer) -> Message:
    return Message(
        to=customer.email,
        subject="You already have an account",
        body=(
            "Someone tried to create an account with this email address, which already has "
            "one. If it was you, sign in, or reset your password if you forgot it. If it was "
            "not you, ignore this message."
        ),
        kind="customer.account_exists",
    )


async def register(
    uow: UnitOfWork,
    merchant_id: UUID,
    command: RegisterCustomer,
    hasher: PasswordHasher,
    now: datetime,
) -> Message:
    """Sign-up, answered alike whether or not the email has an account here: a new account
    gets a code to confirm the address, an existing one a note that it exists. Only the
    message, which goes to the address's owner, tells them apart."""
    customer, created = await register_customer(uow, merchant_id, command, hasher, now)
    if not created:
        return account_exists_message(customer)
    token = issue_token(uow, customer, TokenPurpose.VERIFY_EMAIL, now)
    await uow.commit()
    return verification_message(customer, token)


async def verify_email(uow: UnitOfWork, token: str, now: datetime) -> Customer:
    customer = await _use(uow, token, TokenPurpose.VERIFY_EMAIL, now)
    customer.email_verified_at = customer.email_verified_at or now
    customer.updated_at = now
    await uow.commit()
    return customer


async def resend_verification(
    uow: UnitOfWork, actor: CustomerPrincipal, now: datetime
) -> Message | None:
    """A new code for the signed-in customer (None: already verified). The caller sends it."""
    customer = await get_customer(uow, actor.customer_id)
    if customer.email_verified_at is not None:
        return None
    token = issue_token(uow, customer, TokenPurpose.VERIFY_EMAIL, now)
    await uow.commit()
    return verification_message(customer, token)


async def request_password_reset(
    uow: UnitOfWork, throttle: LoginThrottle, merchant_id: UUID, email: str, now: datetime
) -> Message | None:
    """A reset code for the account with this email, if there is an active one (the caller
    answers the same either way, and sends the message if there is one). Requests per address
    are throttled like sign-ins, so nobody can flood an inbox."""
    address = normalize_email(email)
    await throttle.register_attempt(f"customer-reset:{merchant_id}:{address}")
    customer = await uow.customers.by_email(address)
    if customer is None or not customer.is_active:
        return None
    token = issue_token(uow, customer, TokenPurpose.RESET_PASSWORD, now)
    await uow.commit()
    return reset_message(customer, token)


async def reset_password(
    uow: UnitOfWork, token: str, new_password: str, hasher: PasswordHasher, now: datetime
) -> Customer:
    """Set a new password with a reset code; every session of the account ends."""
    password = validate_password(new_password, field="newPassword")
    customer = await _use(uow, token, TokenPurpose.RESET_PASSWORD, now)
    customer.password_hash = await hasher.hash(password)
    # Whoever knew the old password (or holds a session) is signed out.
    await uow.auth.revoke_sessions_of(SUBJECT_KIND, customer.id, now, reason="password reset")
    # Reaching the inbox proves the address too.
    customer.email_verified_at = customer.email_verified_at or now
    customer.updated_at = now
    await uow.commit()
    return customer
