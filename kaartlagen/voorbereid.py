"""Statements a public request runs every time, planned once per connection instead of every time.

Django binds parameters on the client, so PostgreSQL plans each statement anew. For the location
panel's one statement that planning cost 2.5–4 ms against ~1 ms of execution. A cursor from `cursor()`
binds on the server and prepares; it is wrapped the way Django wraps its own (query logging, execute
wrappers, error translation), so tests and tools see it as any other query. Behind PgBouncer this needs
`max_prepared_statements`, as the tile fast path does (docs/production.md).

Every Django connection plans them generically (`generieke_plannen`, at connect), as the tile pool does.
Left to `auto`, PostgreSQL plans the first five executions per connection anew and then keeps custom
plans for good when it estimates the generic plan dearer, and it does for the location panel once the
VBO table is large (it cannot estimate `panden @> ARRAY[…]`): at 100× the sample every request then paid
2.6–11 ms of planning and execution instead of 0.5–0.8 ms, and at 10× it depended on the first five
points a connection happened to get (docs/performance.md, scale). Django's own statements are bound on
the client and never prepared, so the setting changes nothing for them.
"""

import psycopg


class _Voorbereid(psycopg.Cursor):
    def execute(self, query, params=None, **kwargs):
        return super().execute(query, params, prepare=True)


def generieke_plannen(sender, connection, **kwargs):
    """`connection_created` receiver: at connect, outside any transaction, so a rollback cannot undo it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SET plan_cache_mode = force_generic_plan")


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
