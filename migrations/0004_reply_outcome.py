from tortoise import migrations
from tortoise.migrations import operations as ops
from core.models.enums import ChatDirection, ReplyStatus
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0003_security')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='ChatMessage',
            name='direction',
            field=fields.CharEnumField(description='IN: in\nOUT: out\nSYSTEM: sys', enum_type=ChatDirection, max_length=3),
        ),
        ops.AlterField(
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
