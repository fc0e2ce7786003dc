from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0021_fact_english')]

    initial = False

    operations = [
        ops.CreateModel(
            name='RecoveryReport',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('seller', fields.ForeignKeyField('models.Seller', source_field='seller_id', db_constraint=True, to_field='id', on_delete=OnDelete.CASCADE)),
                ('week', fields.CharField(max_length=10)),
                ('recovered', fields.IntField(default=0)),
                ('answered', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'recovery_report', 'app': 'models', 'unique_together': (('seller', 'week'),), 'pk_attr': 'id', 'table_description': 'The weekly "answers that won buyers back" line (core.recovery_report), claimed once per seller and ISO week'},
            bases=['Model'],
        ),
    ]
