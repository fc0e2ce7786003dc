from tortoise import migrations
from tortoise.migrations import operations as ops
from core.models.enums import ChatDirection, ReplyStatus
from tortoise import fields

class AlterChoices(ops.AlterField):
    """An enum gained a value: the column (a varchar of the same length) does not change, only the migration state
    does. A real AlterField would rebuild the table on SQLite and drop its unique constraints and indexes."""

    async def database_forward(self, *args, **kwargs) -> None:
        return None

    async def database_backward(self, *args, **kwargs) -> None:
        return None


class Migration(migrations.Migration):
    dependencies = [('models', '0004_overdue_cards')]

    initial = False

    operations = [
        AlterChoices(
            model_name='ChatMessage',
            name='direction',
            field=fields.CharEnumField(description='IN: in\nOUT: out\nSYSTEM: sys', enum_type=ChatDirection, max_length=3),
        ),
        AlterChoices(
            model_name='Reply',
            name='status',
            field=fields.CharEnumField(default=ReplyStatus.QUEUED, description='QUEUED: queued\nSENDING: sending\nSENT: sent\nFAILED: failed\nUNKNOWN: unknown', enum_type=ReplyStatus, max_length=10),
        ),
        ops.AddField(
            model_name='Reply',
            name='checks',
            field=fields.IntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name='Reply',
            name='posted_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Reply',
            name='unknown_since',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
