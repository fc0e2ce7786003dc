from tortoise import migrations
from tortoise.migrations import operations as ops
from core.models.enums import SummaryEvery
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0008_returns')]

    initial = False

    operations = [
        ops.AddField(
            model_name='SellerMember',
            name='summary_every',
            field=fields.CharEnumField(default=SummaryEvery.OFF, description='OFF: off\nDAILY: daily\nWEEKLY: weekly', db_default='off', enum_type=SummaryEvery, max_length=10),
        ),
        ops.AddField(
            model_name='SellerMember',
            name='summary_period',
            field=fields.CharField(null=True, max_length=20),
        ),
    ]
