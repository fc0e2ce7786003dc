from tortoise import migrations
from tortoise.migrations import operations as ops
from core.models.enums import Channel
from tortoise import fields

class StateOnlyAlterField(ops.AlterField):
    """Only the enum's description changed (a new `Channel` value); the column is the same varchar(10).

    Applied to the migration state only: SQLite's schema editor would rebuild the table for it and drop its
    unique constraints on the way.
    """

    async def database_forward(self, *args, **kwargs) -> None:
        return None

    async def database_backward(self, *args, **kwargs) -> None:
        return None


class Migration(migrations.Migration):
    dependencies = [('models', '0007_product_spikes')]

    initial = False

    operations = [
        StateOnlyAlterField(
            model_name='Interaction',
            name='channel',
            field=fields.CharEnumField(description='REVIEW: review\nQUESTION: question\nCHAT: chat\nRETURN: return', enum_type=Channel, max_length=10),
        ),
        ops.AddField(
            model_name='Interaction',
            name='wb_updated_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Reply',
            name='action',
            field=fields.CharField(null=True, max_length=30),
        ),
        StateOnlyAlterField(
            model_name='SyncCursor',
            name='channel',
            field=fields.CharEnumField(description='REVIEW: review\nQUESTION: question\nCHAT: chat\nRETURN: return', enum_type=Channel, max_length=10),
        ),
        StateOnlyAlterField(
            model_name='SyncRun',
            name='channel',
            field=fields.CharEnumField(description='REVIEW: review\nQUESTION: question\nCHAT: chat\nRETURN: return', enum_type=Channel, max_length=10),
        ),
    ]
