"""The whole portal on a real socket, for browser tests and for clients such as OWSLib and the DSO webhook."""


def start_portaal(stop_lijst: list, *, parallel: bool = False, basiskaart: bool = True) -> str:
    """Our whole WSGI application, the one granian serves in `make run` and production (tile fast path,
    MapProxy under /basiskaart/, Django with whitenoise for static files), on a real socket in a thread,
    so it sees the test's settings; the data it serves must be committed (transactional tests). Returns
    the base URL. As a release does, `bouw_basiskaart` writes the basemap's configuration before the
    server starts (`basiskaart=False`: a portal whose release skipped it). `parallel=True` answers each
    request in its own thread, as granian's threads do. granian itself cannot serve WSGI inside this
    process (its embedded mode refuses WSGI) and a server process of its own would not see the test's
    settings: tests/config/test_run.py serves the same application through granian as `make run` does
    (keep-alive, a respawned worker, whitenoise; decisions 0018, 0021)."""
    import io
    import socketserver
    import threading
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    from django.core.management import call_command
    from django.db import connections

    from config.wsgi import django_app, maak_portaal

    if basiskaart:
        call_command("bouw_basiskaart", stdout=io.StringIO())
    # A new one per server: it loads MapProxy on first use from this test's BASISKAART_DIR.
    portaal = maak_portaal(django_app)

    class Stil(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    def app(environ, start_response):
        # Close this server thread's connection after each request, or the test database cannot be dropped.
        try:
            return portaal(environ, start_response)
        finally:
            connections.close_all()

    class ParallelServer(socketserver.ThreadingMixIn, WSGIServer):
        daemon_threads = True

    server = make_server(
        "127.0.0.1", 0, app, server_class=ParallelServer if parallel else WSGIServer, handler_class=Stil
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop_lijst.append(server)
    return f"http://127.0.0.1:{server.server_port}"
