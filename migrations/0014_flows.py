from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    # Issue 25 (branch flows): repetition signatures, answers taught once per product, the daily auto-send line.
    dependencies = [('models', '0013_fact_kinds')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AnswerSignature',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('seller', fields.ForeignKeyField('models.Seller', source_field='seller_id', db_constraint=True, to_field='id', on_delete=OnDelete.CASCADE)),
                ('interaction', fields.ForeignKeyField('models.Interaction', source_field='interaction_id', db_constraint=True, to_field='id', on_delete=OnDelete.CASCADE)),
                ('reply', fields.OneToOneField('models.Reply', source_field='reply_id', db_constraint=True, to_field='id', on_delete=OnDelete.CASCADE)),
                ('prefix', fields.CharField(max_length=32)),
                ('size', fields.IntField(default=0)),
                ('shingles', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'answer_signature', 'app': 'models', 'indexes': [Index(fields=['seller_id', 'created_at'], name='ix_signature_recent')], 'pk_attr': 'id', 'table_description': "The repetition guard's trace of one public answer (core.repetition): a hash of its first 120 normalised"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AutoSendReport',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('seller', fields.ForeignKeyField('models.Seller', source_field='seller_id', db_constraint=True, to_field='id', on_delete=OnDelete.CASCADE)),
                ('day', fields.CharField(max_length=10)),
                ('count', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'autosend_report', 'app': 'models', 'unique_together': (('seller', 'day'),), 'pk_attr': 'id', 'table_description': 'The daily line of what auto-send published, claimed once per seller and local day before it is sent.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProductAnswer',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('seller', fields.ForeignKeyField('models.Seller', source_field='seller_id', db_constraint=True, to_field='id', on_delete=OnDelete.CASCADE)),
                ('nm_id', fields.BigIntField()),
                ('question', fields.TextField(unique=False)),
                ('keywords', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('answer', fields.TextField(unique=False)),
                ('interaction', fields.ForeignKeyField('models.Interaction', source_field='interaction_id', null=True, db_constraint=True, to_field='id', on_delete=OnDelete.SET_NULL)),
                ('created_by', fields.ForeignKeyField('models.SellerMember', source_field='created_by_id', null=True, db_constraint=True, to_field='id', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'product_answer', 'app': 'models', 'unique_together': (('seller', 'interaction'),), 'indexes': [Index(fields=['seller_id', 'nm_id'], name='ix_product_answer')], 'pk_attr': 'id', 'table_description': "An answer the seller gave once to a buyer's question about a product, kept to draft the next buyer's same"},
            bases=['Model'],
        ),
    ]
