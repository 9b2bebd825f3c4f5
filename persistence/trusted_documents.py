"""Trusted documents: the merchant's allow-list (repository) and the request-time look-up."""

from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.trusted_documents import TrustedDocument
from persistence import tables
from persistence.database import Database, retry_after_disconnect
from persistence.repositories import SqlRepository

_T = tables.trusted_documents.c


class TrustedDocumentRepository(SqlRepository[TrustedDocument]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, TrustedDocument)

    async def by_hash(self, sha256: str) -> TrustedDocument | None:
        statement = select(TrustedDocument).where(_T.sha256 == sha256)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def count(self) -> int:
        statement = select(func.count()).select_from(TrustedDocument)
        return int((await self.session.execute(statement)).scalar_one())

    async def remove(self, document: TrustedDocument) -> None:
        await self.session.delete(document)


@retry_after_disconnect
async def trusted_document_text(database: Database, merchant_id: UUID, sha256: str) -> str | None:
    """The text of the merchant's trusted document with this hash, if it registered one."""
    statement = select(_T.document).where(_T.merchant_id == merchant_id, _T.sha256 == sha256)
    async with database.reading(merchant_id) as session:
        return (await session.execute(statement)).scalar_one_or_none()
