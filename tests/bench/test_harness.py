"""The bench harness measures what it says: sides in turns, percentiles within the samples, a command's
own peak memory (not the bench process's), every item of a concurrent run once, a connection kept as
a browser keeps it."""

import contextlib
import http.server
import importlib.util
import sys
import threading
import time

import pytest

from tests.support.paden import ROOT

spec = importlib.util.spec_from_file_location("harness", ROOT / "bench" / "harness.py")
harness = importlib.util.module_from_spec(spec)
spec.loader.exec_module(harness)


class Stil(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def bediend(handler):
    """`handler` on a free port of 127.0.0.1, as a harness.Portaal."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield harness.Portaal("", "127.0.0.1", server.server_port, None)
    finally:
        server.shutdown()
        server.server_close()


def test_sides_take_turns_and_warm_up_is_not_counted():
    volgorde = []
    zijden = [harness.Zijde(n, lambda n=n: volgorde.append(n) or 1.0) for n in ("a", "b")]
    reeksen = harness.in_beurten(zijden, paren=5, opwarmen=1)
    assert volgorde == ["a", "b", "b", "a", "a", "b", "b", "a", "a", "b", "b", "a"]
    assert [len(r.rondes) for r in reeksen.values()] == [5, 5]


def test_fewer_than_five_pairs_is_refused():
    with pytest.raises(ValueError, match="minstens 5"):
        harness.in_beurten([harness.Zijde("a", lambda: 1.0)], paren=3)


def test_percentile_interpolates_within_the_samples():
    assert harness.percentiel([1, 2, 3, 4, 5], 50) == 3
    assert harness.percentiel([1, 2, 3, 4, 5], 95) == pytest.approx(4.8)
    assert harness.percentiel([7], 95) == 7


def test_command_peak_memory_is_the_commands_own():
    # This test process is large (Django, pytest); a small command must not inherit its peak.
    klein = harness.commando([sys.executable, "-S", "-c", "pass"])
    groot = harness.commando(
        [sys.executable, "-S", "-c", "b = bytearray(200 * 2**20); b[::4096] = b'x' * len(b[::4096])"]
    )
    assert klein.piek_mb < 30
    assert groot.piek_mb > 200
    assert len(groot.tijden) == 1 and groot.tijden[0] > 0


def test_failing_command_raises():
    with pytest.raises(RuntimeError, match="faalde"):
        harness.commando([sys.executable, "-S", "-c", "import sys; sys.exit(3)"])


def test_concurrent_clients_each_item_once_on_their_own_client():
    gezien, clients = [], set()
    slot = threading.Lock()

    def maak():
        with slot:
            clients.add(threading.get_ident())

        def client(item):
            with slot:
                gezien.append(item)

        return client

    tijden = harness.gelijktijdig(maak, list(range(100)), clients=4)
    assert sorted(gezien) == list(range(100))
    assert len(tijden) == 100
    assert len(clients) == 4


def test_one_after_another_times_each_item_in_order():
    gezien = []
    ronde = harness.een_voor_een(["a", "b", "c"], lambda item: gezien.append(item) or time.sleep(0.01))
    assert gezien == ["a", "b", "c"]
    assert len(ronde.tijden) == 3 and all(0.01 <= t < 1 for t in ronde.tijden)


@pytest.mark.parametrize("client", ["Verbinding", "KaleVerbinding"])
@pytest.mark.parametrize(("http11", "verbindingen"), [(True, 1), (False, 3)])
def test_a_client_keeps_its_connection_while_the_server_offers_keep_alive(http11, verbindingen, client):
    geopend = []

    class Handler(Stil):
        protocol_version = "HTTP/1.1" if http11 else "HTTP/1.0"

        def setup(self):
            geopend.append(self.client_address)
            super().setup()

        def do_GET(self):  # noqa: N802 (http.server's name)
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

    with bediend(Handler) as server:
        verbinding = getattr(harness, client)(server)
        assert [verbinding.get("/") for _ in range(3)] == [(200, b"ok")] * 3
        verbinding.sluit()
    assert len(geopend) == verbindingen


def test_the_lean_client_reads_empty_answers_and_refuses_what_it_cannot_read():
    class Handler(Stil):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 (http.server's name)
            if self.path == "/leeg":
                self.send_response(204)
                self.end_headers()
            elif self.path == "/groot":
                inhoud = bytes(range(256)) * 4096  # more than one recv
                self.send_response(200)
                self.send_header("Content-Length", str(len(inhoud)))
                self.end_headers()
                self.wfile.write(inhoud)
            else:
                self.send_response(200)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                self.wfile.write(b"2\r\nok\r\n0\r\n\r\n")

    with bediend(Handler) as server:
        verbinding = harness.KaleVerbinding(server)
        assert verbinding.get("/leeg") == (204, b"")
        assert verbinding.get("/groot") == (200, bytes(range(256)) * 4096)
        assert verbinding.get("/leeg") == (204, b"")
        with pytest.raises(RuntimeError, match="Content-Length"):
            verbinding.get("/stukken")
        verbinding.sluit()
