from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    # 0003_security merges this and 0002_utc_times (landed in parallel) into one head.
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ProductFacts',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('seller', fields.ForeignKeyField('models.Seller', source_field='seller_id', db_constraint=True, to_field='id', related_name='product_facts', on_delete=OnDelete.CASCADE)),
                ('nm_id', fields.BigIntField()),
                ('sizing', fields.TextField(db_default='', unique=False)),
                ('care', fields.TextField(db_default='', unique=False)),
                ('known_issues', fields.TextField(db_default='', unique=False)),
                ('in_box', fields.TextField(db_default='', unique=False)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'product_facts', 'app': 'models', 'unique_together': (('seller', 'nm_id'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Interaction',
            name='topics',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
    ]
