from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0017_delivery")]

    initial = False

    operations = [
        ops.AddField(model_name="Interaction", name="skipped_at", field=fields.DatetimeField(null=True)),
        # Skipped items take their time from the audit log's latest skip (the card read it there before).
        ops.RunSQL(
            [
                "UPDATE interaction SET skipped_at = (SELECT MAX(e.created_at) FROM audit_event e "
                "WHERE e.interaction_id = interaction.id AND e.action = 'interaction.skipped') "
                "WHERE status = 'skipped'",
            ],
            reverse_sql=[],
        ),
    ]
