"""The rate-limit counters move to the kernel (kern.ratelimit), so every app counts in one table."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kern', '0002_importrun_eigen_tabel'),
    ]

    operations = [
        migrations.CreateModel(
            name='Verzoekteller',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sleutel', models.CharField(max_length=64)),
                ('venster', models.DateTimeField()),
                ('aantal', models.PositiveIntegerField(default=0)),
            ],
            options={
                'indexes': [models.Index(condition=models.Q(('aantal__gt', 0)), fields=['venster'], name='kern_verzoekteller_venster')],
                'constraints': [models.UniqueConstraint(fields=('sleutel', 'venster'), name='kern_teller_per_venster')],
            },
        ),
    ]
