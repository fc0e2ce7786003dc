"""Links without a buyer id (issue 27): WB dropped chat `clientID` in 2026, so the `same_buyer_id` link is gone, and
the name-based links the old scorer stored as sure (`same_buyer_product` / `chat_names_product`, deterministic 0.90)
become what they were: guesses. On a population of buyers who share common first names that scorer was right 22 % of
the time (bench/links.py), so they are kept as probabilistic 0.55 — shown, never enough for an automatic action; new
items are scored by `core.linking.same_name_probability`. Also: `seller.token_type` (a Base token is held to WB's
hourly Base budgets) and `reply_file` (files the seller sends into a chat with a reply).
"""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0014_flows")]

    initial = False

    operations = [
        ops.AddField(
            model_name='Seller',
            name='token_type',
            field=fields.CharField(null=True, max_length=20),
        ),
        ops.CreateModel(
            name='ReplyFile',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('reply', fields.ForeignKeyField('models.Reply', source_field='reply_id', db_constraint=True, to_field='id', related_name='files', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=255)),
                ('content_type', fields.CharField(max_length=50)),
                ('content', fields.BinaryField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'reply_file', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A file the seller sends into a chat with a reply (JPEG, PNG or PDF), POSTed with its text once.'},
            bases=['Model'],
        ),
        ops.RunSQL(
            [
                "DELETE FROM link WHERE reason = 'same_buyer_id'",
                "UPDATE link SET kind = 'probabilistic', confidence = 0.55, reason = 'same_name_product' "
                "WHERE reason = 'same_buyer_product'",
                "UPDATE link SET kind = 'probabilistic', confidence = 0.55 WHERE reason = 'chat_names_product'",
            ],
            reverse_sql=[],
        ),
    ]
