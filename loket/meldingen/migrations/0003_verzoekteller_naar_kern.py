"""The rate-limit counters moved to kern (kern_verzoekteller); hourly counters, so nothing is carried over."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('meldingen', '0002_zaaktype_kaartlaag_voorbeelden'),
    ]

    operations = [
        migrations.DeleteModel(
            name='Verzoekteller',
        ),
    ]
