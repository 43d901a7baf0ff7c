"""ImportRun now belongs to the kernel (kern/migrations/0001): leave the table, forget the model here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("kaartlagen", "0008_bag_indexen_zonder_like"), ("kern", "0001_importrun")]
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="ImportRun")])
    ]
