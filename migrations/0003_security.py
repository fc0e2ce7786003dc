from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0002_utc_times'), ('models', '0002_topics_facts')]

    initial = False

    operations = [
        ops.AddField(
            model_name='AdminUser',
            name='disabled',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='AdminUser',
            name='session_version',
            field=fields.IntField(default=1, db_default=1),
        ),
        ops.AddField(
            model_name='SellerMember',
            name='selected_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
