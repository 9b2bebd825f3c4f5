"""Partner API keys: the secret is shown once, stored as a digest, scoped by permission names."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.permissions import check_grantable, parse_permissions
from domain.principals import MerchantPrincipal, StaffPrincipal
from domain.tokens import API_KEY_PREFIX, digest, display_prefix, generate_token
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text


@dataclass(eq=False)
class ApiKey(TenantOwned):
    id: UUID
    merchant_id: UUID
    name: str
    prefix: str
    secret_digest: str
    scopes: list[str]
    created_by_staff_id: UUID | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True)
class CreateApiKey:
    name: str
    scopes: Sequence[str]


async def create_api_key(
    uow: UnitOfWork, actor: MerchantPrincipal, command: CreateApiKey, now: datetime
) -> tuple[ApiKey, str]:
    """Return the key and its secret. The secret exists only in this return value."""
    scopes = parse_permissions(command.scopes, field="scopes")
    if not scopes:
        raise UserError("Give the key at least one scope.", field="scopes", code=ErrorCode.REQUIRED)
    check_grantable(actor.permissions, scopes, field="scopes")
    secret = generate_token(API_KEY_PREFIX)
    key = ApiKey(
        id=new_id(),
        merchant_id=actor.merchant_id,
        name=require_text(command.name, field="name", max_length=120),
        prefix=display_prefix(secret),
        secret_digest=digest(secret),
        scopes=sorted(scopes),
        created_by_staff_id=actor.staff_id if isinstance(actor, StaffPrincipal) else None,
        created_at=now,
        last_used_at=None,
        revoked_at=None,
    )
    uow.api_keys.add(key)
    await uow.commit()
    return key, secret


async def revoke_api_key(uow: UnitOfWork, key_id: UUID, now: datetime) -> ApiKey:
    key = await uow.api_keys.get(key_id)
    if key is None:
        raise NotFound("No API key with this id.")
    if key.revoked_at is None:
        key.revoked_at = now
        await uow.commit()
    return key
