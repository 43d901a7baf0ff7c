"""The web server of `make run`, the container and the systemd unit: granian (HTTP in Rust) serving our
WSGI application (config.wsgi) on threads in worker processes (decision 0021):

    .venv/bin/python -m config.webserver

Every value comes from the environment (docs/configuration.md), so all three share this one file.
"""

import os
import tempfile
from pathlib import Path


def instellingen(env=os.environ) -> dict:
    """granian's arguments from our environment variables."""
    from granian.constants import HTTPModes, Interfaces
    from granian.http import HTTP1Settings
    from granian.log import LogLevels

    adres = env.get("LOKET_ADDR", "127.0.0.1:8000")
    if adres.startswith("unix:"):
        plek = {"uds": Path(adres.removeprefix("unix:"))}
    else:
        host, _, poort = adres.rpartition(":")
        plek = {"address": host.strip("[]") or "127.0.0.1", "port": int(poort)}
    return {
        "target": "config.wsgi:application",
        "interface": Interfaces.WSGI,
        **plek,
        # Processes by the rule of thumb of two per core plus one; requests are short (tiles, search,
        # panel ≈ milliseconds) and slow clients are the reverse proxy's to buffer.
        "workers": int(env.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1),
        # The Python threads that run the application in each process. granian's own default for WSGI
        # is half its backpressure (≈ 100): that many Django database connections per process.
        "blocking_threads": int(env.get("WEB_THREADS") or 4),
        # The proxy in front talks HTTP/1.1 to us; HTTP/2 is the proxy's business with the browsers.
        "http": HTTPModes.http1,
        "websockets": False,
        # Keep-alive is on; an idle connection is closed once no next request header arrived within
        # this time (hyper measures it from the end of the previous answer).
        "http1_settings": HTTP1Settings(header_read_timeout=int(env.get("WEB_KEEPALIVE") or 5) * 1000),
        # A worker that dies (killed, out of memory) is started again; one that grows past WEB_MAX_RSS
        # MiB is replaced gracefully, which keeps slow growth (MapProxy caches, GDAL) from adding up.
        "respawn_failed_workers": True,
        "workers_max_rss": int(env.get("WEB_MAX_RSS") or 768),
        # On SIGTERM/Ctrl-C running requests finish; a worker that does not stop within this is killed.
        "workers_kill_timeout": 30,
        "log_level": LogLevels(env.get("LOG_LEVEL", "INFO").lower()),
        "log_dictconfig": _logformaat(env),
        # The access log is ours (kern.bedrijf.MetToegangslog): with the client behind the proxy,
        # shortened to its network, in the log format of the rest.
        "log_access": False,
    }


def _logformaat(env) -> dict | None:
    """granian's own lines (start, stop, a respawned worker) in JSON too when LOG_FORMAT=json."""
    if env.get("LOG_FORMAT") != "json":
        return None
    json_formaat = {"()": "kern.bedrijf.JsonFormaat"}
    return {"formatters": {"generic": json_formaat, "access": json_formaat}}


def main() -> None:
    from granian import Granian

    # /metrics adds up all workers' figures (prometheus-client's multiprocess mode): each worker writes
    # its own files here. A fresh directory per server start, so a restart does not count old workers.
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="loket-metrics-")
    Granian(**instellingen()).serve()


if __name__ == "__main__":
    main()
