"""Lease rows for one sync at a time (pooler-safe) and the circuit breaker shared through PostgreSQL."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dso_koppeling', '0004_notificatie_handtekening'),
    ]

    operations = [
        migrations.CreateModel(
            name='Brekertoestand',
            fields=[
                ('naam', models.CharField(max_length=50, primary_key=True, serialize=False)),
                ('fouten', models.PositiveIntegerField(default=0)),
                ('open_sinds', models.DateTimeField(blank=True, null=True)),
            ],
            options={
                'verbose_name_plural': 'brekertoestanden',
            },
        ),
        migrations.CreateModel(
            name='Slot',
            fields=[
                ('naam', models.CharField(max_length=100, primary_key=True, serialize=False)),
                ('houder', models.CharField(max_length=32)),
                ('tot', models.DateTimeField()),
            ],
        ),
    ]
