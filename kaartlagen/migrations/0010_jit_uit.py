"""JIT off for this database: every statement the portal sends is short (milliseconds), and with more
data the planner's cost estimates pass jit_above_cost. At 100× the sample the locatie-informatie
statement then spent 8–19 s compiling for a 27 ms execution (docs/performance.md, scale table). A
database setting, not a connection option: it holds behind PgBouncer and on the replicas too."""

from django.db import migrations

ZET = "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET jit = {}', current_database()); END $$;"


class Migration(migrations.Migration):
    dependencies = [("kaartlagen", "0009_importrun_naar_kern")]

    operations = [migrations.RunSQL(ZET.format("off"), ZET.format("on"))]
