"""What every benchmark measures with: sides taken in turns, median and p95 over rounds with their
spread, peak memory per process, the portal served as `make run` serves it, N clients at once, each on a connection
it keeps while the server allows (as a browser does).

Like with like: each side is timed as what a user runs (the whole command including start-up, or the
whole HTTP request), the sides take turns (A B, B A, A B, …) so a burst of load on this shared machine
hits both alike, and each round is one pair. Nothing here imports Django, so a bench can time Django's
own start-up.

    from harness import Zijde, in_beurten, commando, portaal, gelijktijdig, http_get, rapport

    reeksen = in_beurten([Zijde("ons", lambda: commando([...])), Zijde("ogr2ogr", lambda: commando([...]))])
    rapport("BAG-import", reeksen)
"""

import contextlib
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIN_PAREN = 5


@dataclass
class Ronde:
    """One side's share of one round: its durations in seconds (one for a command, many for a series of
    requests) and the peak RSS of its largest process in MiB, where it was measured."""

    tijden: list[float]
    piek_mb: float | None = None


@dataclass
class Zijde:
    """One side of a comparison: `meet()` runs one round of it and returns a Ronde (or bare seconds)."""

    naam: str
    meet: Callable[[], "Ronde | float"]


@dataclass
class Reeks:
    """All counted rounds of one side."""

    naam: str
    rondes: list[Ronde] = field(default_factory=list)

    @property
    def tijden(self) -> list[float]:
        return [t for r in self.rondes for t in r.tijden]

    @property
    def p50(self) -> float:
        return statistics.median(self.tijden)

    @property
    def p95(self) -> float:
        return percentiel(self.tijden, 95)

    @property
    def ronde_p50(self) -> list[float]:
        return [statistics.median(r.tijden) for r in self.rondes]

    @property
    def ronde_p95(self) -> list[float]:
        return [percentiel(r.tijden, 95) for r in self.rondes]

    @property
    def piek_mb(self) -> float | None:
        pieken = [r.piek_mb for r in self.rondes if r.piek_mb is not None]
        return max(pieken) if pieken else None


def percentiel(waarden: Iterable[float], q: float) -> float:
    """The q-th percentile, interpolated between the samples (never beyond the largest)."""
    s = sorted(waarden)
    if len(s) == 1:
        return s[0]
    k = (len(s) - 1) * q / 100
    laag = int(k)
    hoog = min(laag + 1, len(s) - 1)
    return s[laag] + (s[hoog] - s[laag]) * (k - laag)


def in_beurten(zijden: list[Zijde], paren: int = MIN_PAREN, opwarmen: int = 1) -> dict[str, Reeks]:
    """Runs `opwarmen` uncounted rounds, then `paren` counted ones; each round every side once, the
    order reversed every other round. Returns the counted rounds per side."""
    if paren < MIN_PAREN:
        raise ValueError(f"minstens {MIN_PAREN} paren, niet {paren}")
    reeksen = {z.naam: Reeks(z.naam) for z in zijden}
    for ronde in range(opwarmen + paren):
        for zijde in zijden if ronde % 2 == 0 else zijden[::-1]:
            uitkomst = zijde.meet()
            if not isinstance(uitkomst, Ronde):
                uitkomst = Ronde([uitkomst])
            if ronde >= opwarmen:
                reeksen[zijde.naam].rondes.append(uitkomst)
    return reeksen


# ---- commands: one process as a user starts it, with its peak memory ----


def commando(cmd: list[str], env: dict | None = None, cwd: Path = ROOT) -> Ronde:
    """Runs a command as a user would (stdout discarded) and returns its wall time and the peak RSS of
    its largest process. `/usr/bin/time` forks from a small process, so the figure is the command's
    own: a child forked from this (large) Python process would keep our RSS as its peak across exec.
    Waited-for children (an importer's worker processes) count in the peak too."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as uit:
        start = time.perf_counter()
        proc = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", uit.name, *cmd],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        seconden = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, cmd))} faalde: {proc.stderr.decode()[-2000:]}")
        kb = int(uit.read().split()[-1])
    return Ronde([seconden], kb / 1024)


# ---- the portal under its web server, and clients ----


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Portaal:
    url: str
    host: str
    poort: int
    proces: subprocess.Popen
    naam: str = "granian"

    def werkers(self) -> list[int]:
        pad = Path(f"/proc/{self.proces.pid}/task/{self.proces.pid}/children")
        return [int(p) for p in pad.read_text().split()]

    def piek_mb(self) -> float:
        """The largest peak RSS (VmHWM) of the worker processes so far."""
        pieken = []
        for pid in self.werkers():
            with contextlib.suppress(FileNotFoundError):
                for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if regel.startswith("VmHWM:"):
                        pieken.append(int(regel.split()[1]) / 1024)
        return max(pieken, default=0.0)


@contextlib.contextmanager
def portaal(
    env: dict | None = None,
    werkers: int = 4,
    app: str = "config.wsgi:application",
    werkersoort: str | None = None,
    threads: int | None = None,
) -> Iterator[Portaal]:
    """Serves the portal as `make run` and production do (granian through config/webserver.py) on a free
    port of 127.0.0.1 and yields once every worker answers; stops it afterwards. `env` points it at a
    bench database (DATABASE_URL). `app` is the WSGI application (a bench's own, found in bench/, to
    measure the server around a minimal one). `werkersoort` ("gthread" or "sync") serves it with gunicorn of that
    worker class instead, to compare the servers (decisions 0020, 0021); `threads` are the threads per
    process of either."""
    poort = vrije_poort()
    # As in production: DEBUG off (with it on, Django keeps every query of a request in memory). No
    # access log: it would only fill the bench's output. Both servers count /metrics the same way.
    env = {
        **(env or os.environ),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WEB_ACCESS_LOG": "",
        "LOG_LEVEL": "WARNING",
        "PROMETHEUS_MULTIPROC_DIR": tempfile.mkdtemp(prefix="bench-metrics-"),
    }
    if werkersoort:
        naam = "gunicorn"
        if werkersoort == "sync":
            threads = 1  # more threads would make gunicorn serve with gthread after all
        opdracht = [
            str(Path(sys.executable).parent / "gunicorn"),
            app,
            f"--workers={werkers}",
            f"--worker-class={werkersoort}",
            f"--threads={threads or 4}",
            "--keep-alive=5",
            f"--bind=127.0.0.1:{poort}",
            "--log-level=warning",
            "--no-control-socket",
            "--worker-tmp-dir=/dev/shm",
        ]
    else:
        naam = "granian"
        opdracht = [sys.executable, "-m", "config.webserver"]
        if app != "config.wsgi:application":
            # Another application (a bench's own) under the very same granian settings.
            start = (
                "import sys; from granian import Granian; from config.webserver import instellingen as i; "
            )
            opdracht = [
                sys.executable,
                "-c",
                start + "Granian(**{**i(), 'target': sys.argv[1]}).serve()",
                app,
            ]
            env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "bench")])
        env |= {"LOKET_ADDR": f"127.0.0.1:{poort}", "WEB_CONCURRENCY": str(werkers)}
        env |= {"WEB_THREADS": str(threads)} if threads else {}
    # With DEBUG off pages link the collected files' hashed names, as under scripts/run.sh, which
    # collects them at every start too (only what changed is copied and compressed again).
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    proces = subprocess.Popen(opdracht, cwd=ROOT, env=env)
    server = Portaal(f"http://127.0.0.1:{poort}", "127.0.0.1", poort, proces, naam)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proces.poll() is not None:
                raise RuntimeError(f"{naam} stopte met code {proces.returncode}")
            with contextlib.suppress(OSError):
                status, _ = http_get(server, "/api/locatie/suggest?q=a")
                if status < 500 and len(server.werkers()) >= werkers:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{naam} antwoordde niet binnen 60 s")
            time.sleep(0.2)
        # Every worker loads the application lazily on its first request: give each one.
        for _ in range(werkers * 4):
            http_get(server, "/api/locatie/suggest?q=a")
        yield server
    finally:
        proces.terminate()
        proces.wait(timeout=30)
        shutil.rmtree(env["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)


class Verbinding:
    """One client's connection to the portal, kept as a browser keeps it: reused for the next request
    while the server keeps it open (HTTP/1.1 keep-alive, which granian and gunicorn's gthread workers
    offer), opened anew when the server closed it (gunicorn's sync workers close after every answer: then
    each request pays for a new TCP connection, as a browser's would). A kept connection the server closed while idle is retried
    once, as browsers retry."""

    def __init__(self, server: Portaal):
        self.conn = http.client.HTTPConnection(server.host, server.poort, timeout=30)

    def vraag(self, methode: str, pad: str, body: bytes | None = None, headers: dict | None = None):
        hergebruikt = self.conn.sock is not None
        try:
            return self._vraag(methode, pad, body, headers)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.conn.close()
            if not hergebruikt:
                raise
            return self._vraag(methode, pad, body, headers)

    def _vraag(self, methode, pad, body, headers) -> tuple[int, bytes]:
        self.conn.request(methode, pad, body=body, headers=headers or {})
        antwoord = self.conn.getresponse()
        return antwoord.status, antwoord.read()

    def get(self, pad: str) -> tuple[int, bytes]:
        return self.vraag("GET", pad)

    def post_json(self, pad: str, data, headers: dict | None = None) -> tuple[int, bytes]:
        return self.vraag(
            "POST", pad, json.dumps(data).encode(), {"Content-Type": "application/json", **(headers or {})}
        )

    def sluit(self) -> None:
        self.conn.close()


class KaleVerbinding:
    """A GET as lean as a client can send it: the request as prebuilt bytes on a kept TCP connection, the
    answer read up to its Content-Length. http.client reads every header line through the email
    package, ~0.1 ms of Python per answer that a browser (C++) does not spend; against a 0.1 ms tile
    that cost would be counted as the server's. This is the HTTP counterpart of sending a statement
    through libpq itself (kaart_bench's "SQL libpq"). Only for answers with a Content-Length or none
    (tiles: 200, 204, 304); anything else is an error here, not a figure."""

    def __init__(self, server: Portaal):
        self.host = f"{server.host}:{server.poort}".encode()
        self.adres = (server.host, server.poort)
        self.sock: socket.socket | None = None

    def get(self, pad: str) -> tuple[int, bytes]:
        if self.sock is None:
            self.sock = socket.create_connection(self.adres, timeout=30)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.sendall(b"GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (pad.encode(), self.host))
        gelezen = b""
        while (einde := gelezen.find(b"\r\n\r\n")) < 0:
            gelezen += self._lees()
        kop, inhoud = gelezen[:einde], gelezen[einde + 4 :]
        regels = kop.split(b"\r\n")
        status = int(regels[0].split(b" ", 2)[1])
        velden = dict(regel.split(b":", 1) for regel in regels[1:])
        velden = {naam.strip().lower(): waarde.strip() for naam, waarde in velden.items()}
        if b"transfer-encoding" in velden:
            raise RuntimeError(f"{pad}: antwoord zonder Content-Length")
        lengte = 0 if status in (204, 304) else int(velden.get(b"content-length", b"0"))
        while len(inhoud) < lengte:
            inhoud += self._lees()
        if regels[0].startswith(b"HTTP/1.0") or velden.get(b"connection", b"").lower() == b"close":
            self.sluit()  # the server closes it after this answer; the next request opens a new one
        return status, inhoud

    def _lees(self) -> bytes:
        stuk = self.sock.recv(262144)
        if not stuk:
            raise ConnectionResetError("de server sloot de verbinding")
        return stuk

    def sluit(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None


def http_get(server: Portaal, pad: str) -> tuple[int, bytes]:
    """One GET on a connection of its own (a client's first request)."""
    verbinding = Verbinding(server)
    try:
        return verbinding.get(pad)
    finally:
        verbinding.sluit()


def http_post_json(server: Portaal, pad: str, data, headers: dict | None = None) -> tuple[int, bytes]:
    verbinding = Verbinding(server)
    try:
        return verbinding.post_json(pad, data, headers)
    finally:
        verbinding.sluit()


def een_voor_een(items: Iterable, doe: Callable) -> Ronde:
    """One client works through `items` in order: each `doe(item)` timed on its own."""
    tijden = []
    for item in items:
        start = time.perf_counter()
        doe(item)
        tijden.append(time.perf_counter() - start)
    return Ronde(tijden)


def gelijktijdig(maak_client: Callable[[], Callable], items: list, clients: int = 8) -> list[float]:
    """`clients` threads at once work through `items`; each thread first makes its own client with
    `maak_client()` (its own database connection, say) and then times `client(item)` per item.
    Returns the durations in seconds. The clients wait for each other to be ready before starting."""
    tijden: list[float] = []
    fouten: list[BaseException] = []
    volgende = iter(items)
    slot = threading.Lock()
    klaar = threading.Barrier(clients)

    def werk():
        try:
            client = maak_client()
        except BaseException as fout:  # noqa: BLE001 - reported after the join
            fouten.append(fout)
            klaar.abort()
            return
        with contextlib.suppress(threading.BrokenBarrierError):
            klaar.wait()
        eigen = []
        while not fouten:
            with slot:
                item = next(volgende, None)
            if item is None:
                break
            start = time.perf_counter()
            try:
                client(item)
            except BaseException as fout:  # noqa: BLE001 - reported after the join
                fouten.append(fout)
                break
            eigen.append(time.perf_counter() - start)
        with slot:
            tijden.extend(eigen)
        sluit = getattr(client, "sluit", None)
        if sluit:
            sluit()

    draden = [threading.Thread(target=werk) for _ in range(clients)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    if fouten:
        raise fouten[0]
    return tijden


# ---- reporting ----


def _spreiding(waarden: list[float], schaal: float = 1000) -> str:
    return f"{min(waarden) * schaal:.2f}–{max(waarden) * schaal:.2f}"


def rapport(
    titel: str, reeksen: dict[str, Reeks], referentie: str | None = None, eenheid: str = "ms"
) -> None:
    """Prints one table: per side the p50 and p95 over all counted samples, the spread of the rounds'
    p50 (min–max), the peak RSS of its largest process, and the ratios to `referentie` (default: the
    last side): ratio of the p50s and p95s, and the min–max of the per-round p50 ratios."""
    namen = list(reeksen)
    referentie = referentie or namen[-1]
    ref = reeksen[referentie]
    schaal = 1000 if eenheid == "ms" else 1
    print(f"\n{titel}  ({len(ref.rondes)} paren in beurten, {len(ref.tijden)} metingen per zijde)")
    print(
        f"  {'zijde':28} {'p50 ' + eenheid:>9} {'p95 ' + eenheid:>9} {'spreiding p50':>15} "
        f"{'piek MiB':>9} {'ratio p50':>9} {'ratio p95':>9} {'ratio/paar':>11}"
    )
    for naam in namen:
        r = reeksen[naam]
        piek = f"{r.piek_mb:9.0f}" if r.piek_mb is not None else f"{'–':>9}"
        if naam == referentie:
            ratios = f"{'':>9} {'':>9} {'':>11}"
        else:
            paar = [a / b for a, b in zip(r.ronde_p50, ref.ronde_p50, strict=True)]
            ratios = f"{r.p50 / ref.p50:9.2f} {r.p95 / ref.p95:9.2f} {min(paar):5.2f}–{max(paar):<5.2f}"
        print(
            f"  {naam:28} {r.p50 * schaal:9.2f} {r.p95 * schaal:9.2f} "
            f"{_spreiding(r.ronde_p50, schaal):>15} {piek} {ratios}",
            flush=True,
        )


def verhouding(reeksen: dict[str, Reeks], teller: str, noemer: str) -> tuple[float, float]:
    """p50 and p95 ratio of two sides."""
    return reeksen[teller].p50 / reeksen[noemer].p50, reeksen[teller].p95 / reeksen[noemer].p95
