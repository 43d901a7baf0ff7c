"""Running a real `manage.py` process (a worker, a sync) against the test database of this test."""

from urllib.parse import quote

from django.db import connection


def database_url() -> str:
    """DATABASE_URL of the test database this xdist worker uses (host may be a socket directory)."""
    db = connection.settings_dict
    host = quote(db["HOST"], safe="") if db["HOST"] else ""
    return f"postgis://{db['USER']}@{host}:{db['PORT']}/{db['NAME']}"
