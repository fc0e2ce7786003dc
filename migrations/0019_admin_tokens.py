from tortoise import migrations
from tortoise.migrations import operations as ops
from core.models.enums import AdminTokenPurpose
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0018_skipped_at')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AdminToken',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('admin', fields.ForeignKeyField('models.AdminUser', source_field='admin_id', db_constraint=True, to_field='id', related_name='tokens', on_delete=OnDelete.CASCADE)),
                ('purpose', fields.CharEnumField(description='INVITE: invite\nRESET: reset', enum_type=AdminTokenPurpose, max_length=10)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('created_by', fields.ForeignKeyField('models.AdminUser', source_field='created_by_id', null=True, db_constraint=True, to_field='id', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'admin_token', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A one-time link for an admin account (admin.accounts): an invite or a password reset. Only the SHA-256 of'},
            bases=['Model'],
        ),
    ]
