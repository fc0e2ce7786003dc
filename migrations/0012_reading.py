import functools
from json import dumps, loads

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    # The buyer's reading beside the topics (issue 24): situations, mood, reply language, product kind; the safety page.
    dependencies = [('models', '0011_chat_files')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Interaction',
            name='situations',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='Interaction',
            name='mood',
            field=fields.CharField(null=True, max_length=12),
        ),
        ops.AddField(
            model_name='Interaction',
            name='reply_language',
            field=fields.CharField(null=True, max_length=5),
        ),
        ops.AddField(
            model_name='Interaction',
            name='product_kind',
            field=fields.CharField(null=True, max_length=12),
        ),
        ops.AddField(
            model_name='Interaction',
            name='paged_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
