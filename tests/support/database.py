"""The test database as a DATABASE_URL, for the real processes a test starts (the web server, worker, commands)."""

from urllib.parse import quote

from django.db import connection


def database_url() -> str:
    """DATABASE_URL of the test database this xdist worker uses (host may be a socket directory)."""
    db = connection.settings_dict
    host = quote(db["HOST"], safe="") if db["HOST"] else ""
    return f"postgis://{db['USER']}@{host}:{db['PORT']}/{db['NAME']}"
