"""the project names the IATI identifiers and types of its reporting and funding organisations

Revision ID: 5b8e2f0c7a13
Revises: 3c2d9a41e7b0
Create Date: 2026-12-03 15:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "5b8e2f0c7a13"
down_revision = "3c2d9a41e7b0"
branch_labels = None
depends_on = None

COLUMNS = (
    ("reporting_org_ref", 100),
    ("reporting_org_type", 2),
    ("funding_org_ref", 100),
    ("funding_org_type", 2),
)
# The two organisations the IATI export recognised by name until now; a project that
# named them keeps the identifiers it was exported with.
KNOWN = (
    ("implementing_org", "reporting_org", "%international organization for migration%", "XM-DAC-47066", "40"),
    ("donor", "funding_org", "%government of japan%", "XM-DAC-701", "10"),
)


def upgrade():
    with op.batch_alter_table("project", schema=None) as batch_op:
        for name, length in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))
    project = sa.table(
        "project",
        sa.column("implementing_org"),
        sa.column("donor"),
        *(sa.column(name) for name, _length in COLUMNS),
    )
    for named, prefix, pattern, ref, kind in KNOWN:
        op.execute(
            project.update()
            .where(sa.func.lower(project.c[named]).like(pattern))
            .values({f"{prefix}_ref": ref, f"{prefix}_type": kind})
        )


def downgrade():
    with op.batch_alter_table("project", schema=None) as batch_op:
        for name, _length in reversed(COLUMNS):
            batch_op.drop_column(name)
