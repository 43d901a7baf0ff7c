"""The kernel's own table name, and `bevindingen` for what an import reports (a melding is a melding
openbare ruimte)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("kern", "0001_importrun"), ("kaartlagen", "0009_importrun_naar_kern")]
    operations = [
        migrations.AlterModelTable(name="importrun", table=None),
        migrations.RenameIndex(
            model_name="importrun", new_name="importrun_soort_sha_status", old_name="kaartlagen__soort_9b25ce_idx"
        ),
        migrations.RenameField(model_name="importrun", old_name="meldingen", new_name="bevindingen"),
        migrations.AlterField(
            model_name="importrun",
            name="soort",
            field=models.CharField(help_text="bag, bgt, cbs, imow, imro, …", max_length=10),
        ),
    ]
