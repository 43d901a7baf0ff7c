"""Calling WSGI apps in the test process: the fast paths against Django's own handler."""

import io
import sys

from django.core.handlers.wsgi import WSGIHandler


class Django:
    """Django's own handler, counting the requests that reach it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.paden = []

    def __call__(self, environ, start_response):
        self.paden.append(environ["PATH_INFO"])
        return self.handler(environ, start_response)


def roep(app, pad: str, methode: str = "GET", inhoud: bytes = b"", **environ) -> dict:
    """One request through `app`: its status, headers (a dict) and body."""
    environ = {
        "REQUEST_METHOD": methode,
        "PATH_INFO": pad,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(inhoud),
        "wsgi.errors": sys.stderr,
        **environ,
    }
    antwoord = {}

    def start_response(status, headers, exc_info=None):
        antwoord["status"], antwoord["koppen"] = status, dict(headers)

    antwoord["inhoud"] = b"".join(app(environ, start_response))
    return antwoord
