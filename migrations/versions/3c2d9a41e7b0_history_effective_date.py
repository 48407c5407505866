"""history entries carry the day a fact happened

Revision ID: 3c2d9a41e7b0
Revises: ef7b30e41f01
Create Date: 2026-12-03 12:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "3c2d9a41e7b0"
down_revision = "ef7b30e41f01"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("history_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("effective_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("history_entry", schema=None) as batch_op:
        batch_op.drop_column("effective_on")
