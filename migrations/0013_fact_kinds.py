from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    # Issue 25: product facts gain kinds (composition, dimensions, compatibility, warranty, restock, origin), and a
    # draft records what the buyer asked that no fact answers (the seller must).
    dependencies = [('models', '0012_reading')]

    initial = False

    operations = [
        ops.AddField(model_name='ProductFacts', name='composition',
            field=fields.TextField(db_default='', unique=False),
        ),
        ops.AddField(model_name='ProductFacts', name='dimensions',
            field=fields.TextField(db_default='', unique=False),
        ),
        ops.AddField(model_name='ProductFacts', name='compatibility',
            field=fields.TextField(db_default='', unique=False),
        ),
        ops.AddField(model_name='ProductFacts', name='warranty',
            field=fields.TextField(db_default='', unique=False),
        ),
        ops.AddField(model_name='ProductFacts', name='restock',
            field=fields.TextField(db_default='', unique=False),
        ),
        ops.AddField(model_name='ProductFacts', name='origin',
            field=fields.TextField(db_default='', unique=False),
        ),
        ops.AddField(model_name='Draft', name='asked', field=fields.TextField(null=True, unique=False)),
    ]
