from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    # Issue 25 item 5: a product fact may carry the seller's English text (by kind), quoted in English replies.
    dependencies = [('models', '0019_admin_tokens')]

    initial = False

    operations = [
        ops.AddField(model_name='ProductFacts', name='english', field=fields.JSONField(null=True)),
    ]
