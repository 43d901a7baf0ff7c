import django.utils.timezone
from django.db import migrations, models

# Statement-level triggers: one bump per import statement or admin save, also for COPY and TRUNCATE.
TABELLEN = (
    "toepasbare_regels_toepasbareregelbestand",
    "toepasbare_regels_werkzaamheid",
    "toepasbare_regels_antwoordkoppeling",
    "omgevingsplan_activiteit",
)
FUNCTIE = """
CREATE FUNCTION toepasbare_regels_verhoog_stand() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO toepasbare_regels_regelstand (id, versie, gewijzigd) VALUES (1, 1, clock_timestamp())
    ON CONFLICT (id) DO UPDATE
        SET versie = toepasbare_regels_regelstand.versie + 1, gewijzigd = clock_timestamp();
    RETURN NULL;
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("toepasbare_regels", "0002_antwoordkoppeling"),
        ("omgevingsplan", "0003_bron_dso"),
    ]

    operations = [
        migrations.CreateModel(
            name="Regelstand",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("versie", models.BigIntegerField(default=0)),
                ("gewijzigd", models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.RunSQL(
            [
                FUNCTIE,
                "INSERT INTO toepasbare_regels_regelstand (id, versie, gewijzigd) VALUES (1, 1, clock_timestamp())",
                *(
                    f"CREATE TRIGGER regelstand AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {t} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION toepasbare_regels_verhoog_stand()"
                    for t in TABELLEN
                ),
            ],
            [
                *(f"DROP TRIGGER regelstand ON {t}" for t in TABELLEN),
                "DROP FUNCTION toepasbare_regels_verhoog_stand()",
            ],
        ),
    ]
