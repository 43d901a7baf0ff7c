"""HTTP plumbing of the mock: request parsing, HAL pages, problem+json, and a threaded WSGI server
that can also break a connection off the hard way (TCP reset)."""

import json
import logging
import socket
import struct
import threading
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer, make_server

logger = logging.getLogger(__name__)

HAL = "application/hal+json"
PROBLEEM = "application/problem+json"


class Request:
    def __init__(self, environ: dict):
        self.environ = environ
        self.method = environ["REQUEST_METHOD"]
        self.path = environ.get("PATH_INFO", "") or "/"
        self.query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        lengte = int(environ.get("CONTENT_LENGTH") or 0)
        self.body = environ["wsgi.input"].read(lengte) if lengte else b""
        self.storing: str | None = None

    def header(self, naam: str) -> str | None:
        return self.environ.get("HTTP_" + naam.upper().replace("-", "_"))

    def json(self):
        try:
            return json.loads(self.body or b"{}")
        except ValueError:
            raise HttpFout(400, "body_ongeldig", "De body is geen geldige JSON.") from None

    def int_param(self, naam: str, standaard: int, minimum: int = 1, maximum: int = 10_000) -> int:
        try:
            waarde = int(self.query.get(naam, standaard))
        except ValueError:
            raise HttpFout(400, "parameter_ongeldig", f"{naam} moet een geheel getal zijn.") from None
        if not minimum <= waarde <= maximum:
            raise HttpFout(400, "parameter_ongeldig", f"{naam} moet tussen {minimum} en {maximum} liggen.")
        return waarde


class Response:
    def __init__(self, status: int, body: bytes = b"", content_type: str = "application/json", headers=None):
        self.status, self.body, self.content_type = status, body, content_type
        self.headers = dict(headers or {})


class HttpFout(Exception):
    def __init__(self, status: int, code: str, detail: str, headers: dict | None = None, **extra):
        super().__init__(detail)
        self.status, self.code, self.detail, self.headers, self.extra = (
            status,
            code,
            detail,
            headers or {},
            extra,
        )

    def response(self, instance: str) -> Response:
        body = {
            "type": f"https://mock-dso.invalid/problemen/{self.code}",
            "title": self.code.replace("_", " "),
            "status": self.status,
            "detail": self.detail,
            "instance": instance,
            "code": self.code,
            **self.extra,
        }
        return Response(self.status, json.dumps(body, ensure_ascii=False).encode(), PROBLEEM, self.headers)


def json_response(data, status: int = 200, content_type: str = HAL, headers=None) -> Response:
    return Response(status, json.dumps(data, ensure_ascii=False).encode(), content_type, headers)


def hal_pagina(
    req: Request, naam: str, items: list, totaal: int, nummer: int, grootte: int, links=None
) -> dict:
    """A HAL collection page: `_embedded.<naam>`, `_links` self/next/prev and `page`."""
    pagina_s = max(1, -(-totaal // grootte))

    def link(n: int) -> dict:
        query = {**req.query, "page": str(n)}
        return {"href": req.path + "?" + "&".join(f"{k}={v}" for k, v in sorted(query.items()))}

    _links = {"self": link(nummer), **(links or {})}
    if nummer < pagina_s:
        _links["next"] = link(nummer + 1)
    if nummer > 1:
        _links["prev"] = link(nummer - 1)
    return {
        "_embedded": {naam: items},
        "_links": _links,
        "page": {"size": grootte, "totalElements": totaal, "totalPages": pagina_s, "number": nummer},
    }


def pagineer(req: Request, naam: str, alles: list, grootte_param: str = "size") -> dict:
    nummer = req.int_param("page", 1)
    grootte = req.int_param(grootte_param, 20, maximum=200)
    begin = (nummer - 1) * grootte
    return hal_pagina(req, naam, alles[begin : begin + grootte], len(alles), nummer, grootte)


class _Antwoorder(ServerHandler):
    http_version = "1.1"
    afgebakend = False  # the body's end is known from Content-Length, so the connection may stay

    def send_headers(self):
        super().send_headers()
        self.afgebakend = "Content-Length" in self.headers


class _Handler(WSGIRequestHandler):
    """HTTP/1.1 with persistent connections, as a real knooppunt keeps them (wsgiref answers one
    request per connection), so a client's keep-alive can be seen and counted."""

    protocol_version = "HTTP/1.1"
    timeout = 60  # an idle kept-alive connection is closed after a minute

    def handle(self):
        self.close_connection = True
        self.handle_one_request()
        while not self.close_connection:
            self.handle_one_request()

    def handle_one_request(self):
        self.raw_requestline = self.rfile.readline(65537)
        if not self.raw_requestline:  # the client closed the connection
            self.close_connection = True
            return
        if len(self.raw_requestline) > 65536:
            self.requestline = self.request_version = self.command = ""
            self.send_error(414)
            return
        if not self.parse_request():  # sets close_connection from the version and Connection header
            return
        handler = _Antwoorder(
            self.rfile, self.wfile, self.get_stderr(), self.get_environ(), multithread=False
        )
        handler.request_handler = self
        handler.run(self.server.get_app())
        if not handler.afgebakend:
            self.close_connection = True  # only the end of the connection marks the end of the body

    def get_environ(self):
        environ = super().get_environ()
        environ["mock.afbreken"] = self._afbreken
        return environ

    def _afbreken(self):
        # SO_LINGER 0 makes close() send a TCP RST instead of a FIN: the client sees "connection reset".
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()
        self.connection.close()

    def log_message(self, *args):
        pass

    def get_stderr(self):
        # wsgiref prints the traceback of a connection we broke off on purpose; keep it out of the output.
        return _NaarLog()


class _NaarLog:
    def write(self, tekst: str) -> None:
        if tekst.strip():
            logger.debug("mock_wsgi %s", tekst.rstrip())

    def flush(self) -> None:
        pass


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True

    def get_request(self):
        verbinding = super().get_request()
        self.get_app().verbindingen += 1  # one thread accepts: no lock needed
        return verbinding

    def handle_error(self, request, client_address):
        # A connection we broke off on purpose ends in an OSError; that is the point, not news.
        pass


def serveer(app, host: str, poort: int, ssl_context=None) -> WSGIServer:
    server = make_server(host, poort, app, server_class=_Server, handler_class=_Handler)
    if ssl_context is not None:
        server.socket = ssl_context.wrap_socket(server.socket, server_side=True)
    return server


def in_thread(server: WSGIServer) -> threading.Thread:
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    return draad
