"""Integration gaps: the event log's positions in commit order; webhook signing secrets sealed.

Existing events are placed in the log in the order of their ids (they are all committed).
Existing signing secrets are sealed with the key derived from AGORA_SECRET_KEY (the running
app's, so run the migration with the app's settings); downgrading opens them again.

Revision ID: 0015
Revises: 0014
"""

import os
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from server.security.sealing import SecretBox, webhook_secrets
from server.settings import load_settings

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PLACE_EXISTING_EVENTS = """
UPDATE events SET sequence = numbered.position
FROM (SELECT id, row_number() OVER (ORDER BY id) AS position FROM events) AS numbered
WHERE events.id = numbered.id
"""


_subscriptions = sa.table(
    "webhook_subscriptions",
    sa.column("id", sa.Uuid()),
    sa.column("secret", sa.String()),
    sa.column("previous_secret", sa.String()),
    sa.column("sealed_secret", sa.LargeBinary()),
    sa.column("sealed_previous_secret", sa.LargeBinary()),
)


def _box() -> SecretBox:
    return webhook_secrets(load_settings(os.environ).secret_key)


def _seal_secrets() -> None:
    box, s = _box(), _subscriptions.c
    rows = op.get_bind().execute(sa.select(s.id, s.secret, s.previous_secret)).all()
    for row in rows:
        previous = row.previous_secret and box.seal(row.previous_secret, row.id)
        op.get_bind().execute(
            _subscriptions.update()
            .where(s.id == row.id)
            .values(sealed_secret=box.seal(row.secret, row.id), sealed_previous_secret=previous)
        )


def _open_secrets() -> None:
    box, s = _box(), _subscriptions.c
    rows = op.get_bind().execute(sa.select(s.id, s.sealed_secret, s.sealed_previous_secret)).all()
    for row in rows:
        previous = row.sealed_previous_secret and box.open(row.sealed_previous_secret, row.id)
        op.get_bind().execute(
            _subscriptions.update()
            .where(s.id == row.id)
            .values(secret=box.open(row.sealed_secret, row.id), previous_secret=previous)
        )


def upgrade() -> None:
    with op.batch_alter_table("webhook_subscriptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sealed_secret", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("sealed_previous_secret", sa.LargeBinary(), nullable=True))
    _seal_secrets()
    with op.batch_alter_table("webhook_subscriptions", schema=None) as batch_op:
        batch_op.alter_column("sealed_secret", existing_type=sa.LargeBinary(), nullable=False)
        batch_op.drop_column("previous_secret")
        batch_op.drop_column("secret")

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

    with op.batch_alter_table("webhook_subscriptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("secret", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("previous_secret", sa.String(length=100), nullable=True))
    _open_secrets()
    with op.batch_alter_table("webhook_subscriptions", schema=None) as batch_op:
        batch_op.alter_column("secret", existing_type=sa.String(length=100), nullable=False)
        batch_op.drop_column("sealed_previous_secret")
        batch_op.drop_column("sealed_secret")
