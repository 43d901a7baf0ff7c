"""config/webserver.py: granian's settings from the environment variables docs/configuration.md lists."""

from granian.constants import Interfaces

from config.webserver import instellingen


def test_standaard_zoals_make_run():
    opties = instellingen({})
    assert opties["target"] == "config.wsgi:application" and opties["interface"] == Interfaces.WSGI
    assert (opties["address"], opties["port"]) == ("127.0.0.1", 8000)
    # Threads bounded as gthread's were: granian's own WSGI default is ≈ 100 per process, each with
    # a database connection of its own.
    assert opties["blocking_threads"] == 4 and opties["workers"] >= 3
    assert opties["respawn_failed_workers"] and opties["http1_settings"].keep_alive
    assert opties["http1_settings"].header_read_timeout == 5000 and opties["log_dictconfig"] is None


def test_uit_de_omgeving():
    opties = instellingen(
        {
            "LOKET_ADDR": "unix:/run/loket/web.sock",
            "WEB_CONCURRENCY": "9",
            "WEB_THREADS": "8",
            "WEB_KEEPALIVE": "30",
            "WEB_MAX_RSS": "500",
            "LOG_LEVEL": "WARNING",
            "LOG_FORMAT": "json",
        }
    )
    assert str(opties["uds"]) == "/run/loket/web.sock" and "port" not in opties
    assert (opties["workers"], opties["blocking_threads"], opties["workers_max_rss"]) == (9, 8, 500)
    assert opties["http1_settings"].header_read_timeout == 30_000 and opties["log_level"] == "warning"
    assert opties["log_dictconfig"]["formatters"]["generic"] == {"()": "kern.bedrijf.JsonFormaat"}
    assert instellingen({"LOKET_ADDR": "[::1]:8470"})["address"] == "::1"


def test_een_verzoek_draagt_de_procesomgeving_niet_mee():
    from config.wsgi import ZonderProcesomgeving

    gezien = {}

    def app(environ, start_response):
        gezien.update(environ)
        return [b""]

    omgeving = {"DATABASE_URL": "postgis://loket:geheim@db/loket", "SECRET_KEY": "x", "PATH_INFO": "/env"}
    portaal = ZonderProcesomgeving(app, omgeving)
    # As granian builds it: the process environment, then the request's own values over it.
    environ = {
        **omgeving,
        "PATH_INFO": "/api/x",
        "HTTP_HOST": "loket",
        "REQUEST_METHOD": "GET",
        "wsgi.input": None,
    }
    portaal(environ, None)
    assert "DATABASE_URL" not in gezien and "SECRET_KEY" not in gezien
    assert (
        gezien["PATH_INFO"] == "/api/x"
        and gezien["HTTP_HOST"] == "loket"
        and gezien["REQUEST_METHOD"] == "GET"
    )
