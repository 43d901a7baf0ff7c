"""ImportRun moves from kaartlagen to the kernel: state only here, the table already exists."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [("kaartlagen", "0008_bag_indexen_zonder_like")]
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportRun",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("soort", models.CharField(help_text="bag, bgt of cbs", max_length=10)),
                        ("bestand", models.CharField(help_text="Bestand, of zip!lid voor een bestand in een zip", max_length=500)),
                        ("sha256", models.CharField(max_length=64)),
                        ("status", models.CharField(choices=[("bezig", "Bezig"), ("klaar", "Klaar"), ("mislukt", "Mislukt")], default="bezig", max_length=10)),
                        ("gestart", models.DateTimeField(auto_now_add=True)),
                        ("klaar", models.DateTimeField(blank=True, null=True)),
                        ("telling", models.JSONField(blank=True, default=dict)),
                        ("meldingen", models.JSONField(blank=True, default=list, help_text="Overgeslagen of herstelde objecten")),
                        ("fout", models.TextField(blank=True)),
                    ],
                    options={
                        "ordering": ["-gestart"],
                        "db_table": "kaartlagen_importrun",
                        "indexes": [models.Index(fields=["soort", "sha256", "status"], name="kaartlagen__soort_9b25ce_idx")],
                    },
                )
            ]
        )
    ]
