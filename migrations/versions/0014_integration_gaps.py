"""Integration gaps: the event log's positions in commit order.

Existing events are placed in the log in the order of their ids (they are all committed).

Revision ID: 0014
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PLACE_EXISTING_EVENTS = """
UPDATE events SET sequence = numbered.position
FROM (SELECT id, row_number() OVER (ORDER BY id) AS position FROM events) AS numbered
WHERE events.id = numbered.id
"""


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sequence", sa.BigInteger(), nullable=True))
    op.execute(_PLACE_EXISTING_EVENTS)
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_sequence"), ["sequence"], unique=True)
        batch_op.create_index(
            batch_op.f("ix_events_merchant_id_sequence"), ["merchant_id", "sequence"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_merchant_id_sequence"))
        batch_op.drop_index(batch_op.f("ix_events_sequence"))
        batch_op.drop_column("sequence")
