"""gunicorn settings for `make run` and production: `gunicorn -c python:config.gunicorn config.wsgi`.

Every value can be overridden from the environment (docs/configuration.md), so the systemd unit, the
container and `make run` share this one file.
"""

import os
import tempfile

from gunicorn.glogging import Logger

# /metrics adds up all workers' figures (prometheus-client's multiprocess mode): each worker writes its
# own files here. A fresh directory per master, so a restart does not count old workers.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="loket-metrics-")

bind = os.environ.get("LOKET_ADDR", "127.0.0.1:8000")
# Processes by gunicorn's own rule of thumb: two per core plus one. Each request is short (tiles,
# search, panel ≈ milliseconds); slow clients are buffered by the reverse proxy in front.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# Threaded workers keep a connection open between requests (a browser's tiles, the proxy's upstream
# keep-alive), where sync workers close it after every answer: a new TCP connection and request
# parsing per tile cost more than a light tile itself (decision 0020, bench/werkers_bench.py).
worker_class = os.environ.get("WEB_WORKER_CLASS", "gthread")
# gunicorn quietly turns sync workers with more than one thread into gthread ones.
threads = int(os.environ.get("WEB_THREADS", "4" if worker_class == "gthread" else "1"))
keepalive = int(os.environ.get("WEB_KEEPALIVE", "5"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
# A fresh process now and then keeps slow growth (MapProxy caches, GDAL) from adding up.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# X-Forwarded-Proto is believed from the proxies we trust, the same list kern.netwerk uses.
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "") or "127.0.0.1,::1"
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 (gunicorn's heartbeat files)
accesslog = os.environ.get("WEB_ACCESS_LOG", "-") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
# gunicorn's control socket defaults to one path per user, which two instances on a machine would share.
control_socket_disable = True


class ClientLogger(Logger):
    """The access log with the real client behind the proxy (kern.netwerk), shortened to its network:
    an IP address is personal data and a log is kept longer than a rate-limit counter."""

    def atoms(self, resp, req, environ, request_time):
        from kern.netwerk import client_ip_uit, ingekort

        atoms = super().atoms(resp, req, environ, request_time)
        atoms["h"] = ingekort(client_ip_uit(environ))
        return atoms


logger_class = ClientLogger


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
