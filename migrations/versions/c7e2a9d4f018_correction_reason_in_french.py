"""the reason for a correction in French, for the French files

Revision ID: c7e2a9d4f018
Revises: 6a1640108a92
Create Date: 2026-12-04 13:30:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "c7e2a9d4f018"
down_revision = "6a1640108a92"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("report_version", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason_fr", sa.Text(), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("report_version", schema=None) as batch_op:
        batch_op.drop_column("reason_fr")
