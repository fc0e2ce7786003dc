from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0022_recovery_report')]

    initial = False

    operations = [
        ops.CreateModel(
            name='BulkBatch',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('seller', fields.ForeignKeyField('models.Seller', source_field='seller_id', db_constraint=True, to_field='id', on_delete=OnDelete.CASCADE)),
                ('cluster', fields.CharField(max_length=40)),
                ('token', fields.CharField(unique=True, max_length=64)),
                ('total', fields.IntField(default=0)),
                ('paused', fields.BooleanField(default=False)),
                ('created_by', fields.ForeignKeyField('models.SellerMember', source_field='created_by_id', null=True, db_constraint=True, to_field='id', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('chat_id', fields.BigIntField(null=True)),
                ('message_id', fields.BigIntField(null=True)),
                ('progress_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'bulk_batch', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A cluster of backlog reviews the seller approved with one tap. Its items are queued at the send pace and'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='BulkItem',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('batch', fields.ForeignKeyField('models.BulkBatch', source_field='batch_id', db_constraint=True, to_field='id', related_name='items', on_delete=OnDelete.CASCADE)),
                ('interaction', fields.OneToOneField('models.Interaction', source_field='interaction_id', db_constraint=True, to_field='id', on_delete=OnDelete.CASCADE)),
                ('reply', fields.ForeignKeyField('models.Reply', source_field='reply_id', null=True, db_constraint=True, to_field='id', on_delete=OnDelete.SET_NULL)),
                ('refused', fields.CharField(null=True, max_length=60)),
            ],
            options={'table': 'bulk_item', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One backlog item in a batch: at most one per interaction ever (the unique key is the exactly-once guard),'},
            bases=['Model'],
        ),
    ]
