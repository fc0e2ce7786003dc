from tortoise import migrations
from tortoise.migrations import operations as ops
from core.models.enums import DeliveryState
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0005_reply_outcome')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Digest',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('member', fields.ForeignKeyField('models.SellerMember', source_field='member_id', db_constraint=True, to_field='id', on_delete=OnDelete.CASCADE)),
                ('tg_message_id', fields.BigIntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'digest', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One quiet-hours digest message to a member: the cards held overnight, listed once in the morning.'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='Card',
            name='state',
            field=fields.CharEnumField(default=DeliveryState.CLAIMED, description='CLAIMED: claimed\nSENT: sent\nFAILED: failed\nHELD: held\nDIGESTED: digested', enum_type=DeliveryState, max_length=10),
        ),
        ops.AddField(
            model_name='Card',
            name='digest',
            field=fields.ForeignKeyField('models.Digest', source_field='digest_id', null=True, db_constraint=True, to_field='id', related_name='cards', on_delete=OnDelete.SET_NULL),
        ),
    ]
