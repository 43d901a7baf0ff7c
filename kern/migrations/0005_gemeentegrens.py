"""The municipality's CBS boundary (kern.gemeente derives its bbox from it)."""

import django.contrib.gis.db.models.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kern', '0004_idempotent_antwoord'),
    ]

    operations = [
        migrations.CreateModel(
            name='Gemeentegrens',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('cbs_code', models.CharField(help_text='GM + vier cijfers', max_length=6, unique=True)),
                ('naam', models.CharField(max_length=100)),
                ('geom', django.contrib.gis.db.models.fields.MultiPolygonField(srid=28992)),
                ('bron', models.CharField(help_text='Het bestand waaruit de grens komt', max_length=500)),
                ('bijgewerkt', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name_plural': 'gemeentegrenzen',
            },
        ),
    ]
