"""import uploads: milestone files checked by the preview, awaiting confirmation

Revision ID: a4c1e9d27b35
Revises: 13c82c7d49b8
Create Date: 2026-12-03 18:00:00

"""

from alembic import op
import sqlalchemy as sa

import roadmap.dbtypes


# revision identifiers, used by Alembic.
revision = "a4c1e9d27b35"
down_revision = "13c82c7d49b8"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "import_upload",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", roadmap.dbtypes.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_import_upload_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_upload")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_import_upload_token_hash")),
    )
    with op.batch_alter_table("import_upload", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_upload_created_at"), ["created_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("import_upload", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_upload_created_at"))
    op.drop_table("import_upload")
