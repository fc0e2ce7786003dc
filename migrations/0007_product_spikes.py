from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0006_quiet_digest')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ProductSpike',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('seller', fields.ForeignKeyField('models.Seller', source_field='seller_id', db_constraint=True, to_field='id', on_delete=OnDelete.CASCADE)),
                ('nm_id', fields.BigIntField()),
                ('topic', fields.CharField(max_length=40)),
                ('product_name', fields.CharField(null=True, max_length=300)),
                ('recent', fields.IntField()),
                ('baseline', fields.IntField()),
                ('rating_recent', fields.FloatField(null=True)),
                ('rating_baseline', fields.FloatField(null=True)),
                ('open_key', fields.CharField(null=True, unique=True, max_length=100)),
                ('first_seen', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_seen', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('delivered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('resolved_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'product_spike', 'app': 'models', 'indexes': [Index(fields=['seller_id', 'nm_id', 'first_seen'], name='ix_spike_product')], 'pk_attr': 'id', 'table_description': 'A topic jumping on one product of a seller (core.spikes): open while the jump lasts, one per product ×'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SpikeMute',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('seller', fields.ForeignKeyField('models.Seller', source_field='seller_id', db_constraint=True, to_field='id', on_delete=OnDelete.CASCADE)),
                ('nm_id', fields.BigIntField()),
                ('topic', fields.CharField(max_length=40)),
                ('until', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'spike_mute', 'app': 'models', 'unique_together': (('seller', 'nm_id', 'topic'),), 'pk_attr': 'id', 'table_description': 'An owner muted spikes of this product × topic until `until`.'},
            bases=['Model'],
        ),
    ]
