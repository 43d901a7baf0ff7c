"""Statements a public request runs every time, planned once per connection instead of every time.

Django binds parameters on the client, so PostgreSQL plans each statement anew. For the location
panel's one statement that planning cost 2.5–4 ms against ~1 ms of execution. A cursor from `cursor()`
binds on the server and prepares; it is wrapped the way Django wraps its own (query logging, execute
wrappers, error translation), so tests and tools see it as any other query. Behind PgBouncer this needs
`max_prepared_statements`, as the tile fast path does (docs/production.md).
"""

import psycopg


class _Voorbereid(psycopg.Cursor):
    def execute(self, query, params=None, **kwargs):
        return super().execute(query, params, prepare=True)


def cursor(db):
    """A prepared-statement cursor on Django connection `db` (e.g. kern.replica.leesverbinding())."""
    db.ensure_connection()
    verbinding = db.connection
    # Django turns preparing off for the connection (its client-binding cursors cannot prepare); only
    # cursors made here bind on the server, so turning it on changes nothing else.
    if verbinding.prepare_threshold is None:
        verbinding.prepare_threshold = 0
    with db.wrap_database_errors:
        ruw = _Voorbereid(verbinding)
    return db.make_debug_cursor(ruw) if db.queries_logged else db.make_cursor(ruw)
