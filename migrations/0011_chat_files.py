from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from core.models.enums import FileState
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0010_backlog_summary')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ChatFile',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('seller', fields.ForeignKeyField('models.Seller', source_field='seller_id', db_constraint=True, to_field='id', on_delete=OnDelete.CASCADE)),
                ('interaction', fields.ForeignKeyField('models.Interaction', source_field='interaction_id', db_constraint=True, to_field='id', related_name='files', on_delete=OnDelete.CASCADE)),
                ('download_id', fields.CharField(max_length=100)),
                ('name', fields.CharField(db_default='', max_length=255)),
                ('content_type', fields.CharField(null=True, max_length=100)),
                ('state', fields.CharEnumField(default=FileState.NEW, description='NEW: new\nMODERATING: moderating\nREADY: ready\nREFUSED: refused', enum_type=FileState, max_length=12)),
                ('retry_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('content', fields.BinaryField(null=True)),
                ('tg_file_id', fields.CharField(null=True, max_length=255)),
                ('followed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'chat_file', 'app': 'models', 'unique_together': (('seller', 'download_id'),), 'indexes': [Index(fields=['seller_id', 'state', 'retry_at'], name='ix_chat_file_due')], 'pk_attr': 'id', 'table_description': 'A file the buyer attached in a chat (WB downloadID), fetched once through the chat bucket for the cards.'},
            bases=['Model'],
        ),
    ]
