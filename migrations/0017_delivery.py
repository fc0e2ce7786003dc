from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0016_links_without_buyer_id')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Card',
            name='claimed_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Card',
            name='attempts',
            field=fields.IntField(default=0, db_default=0),
        ),
        ops.AddIndex(
            model_name='Card',
            index=Index(fields=['state', 'created_at'], name='ix_card_state'),
        ),
        ops.AddField(
            model_name='Alert',
            name='claimed_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Alert',
            name='delivered_chats',
            field=fields.JSONField(null=True),
        ),
    ]
