"""The tile fast path's connections of one process, the most recently used one handed out first.

psycopg_pool hands its connections out in turn (first in, first out), so that they age evenly. For a
tile that is the wrong way round: each statement then goes to the backend that has waited longest,
whose process and memory are the coldest on the machine. On a light tile that alone added ~0.02 ms
to a ~0.06 ms statement (kaart_bench, 4 connections in turn against one). Here the connection that
just answered answers the next tile; the others are only opened when requests come in at the same
time, and stay for when they do again.

The pool is small and fixed (one connection per application thread at most), so it has no
maintenance thread: a connection that failed is closed by its user and dropped when it comes back,
one that has lived longer than LEVENSDUUR is replaced on its return (memory a backend gathers, a
pooler or replica that moved).
"""

import contextlib
import threading
import time
from collections.abc import Iterator

import psycopg
from psycopg import pq
from psycopg_pool import PoolTimeout

LEVENSDUUR = 3600.0


class TegelVerbinding(psycopg.Connection):
    """A tile connection that knows which tile statements it has prepared, and when it was opened."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.voorbereid: set[bytes] = set()
        self.geopend = time.monotonic()


class Tegelpool:
    def __init__(self, kwargs: dict, grootte: int, wachttijd: float):
        self._kwargs = kwargs
        self._grootte = grootte
        self._wachttijd = wachttijd
        self._vrij: list[TegelVerbinding] = []
        self._open = 0
        self._gesloten = False
        self._slot = threading.Condition()

    def getconn(self) -> TegelVerbinding:
        with self._slot:
            einde = time.monotonic() + self._wachttijd
            while True:
                if self._vrij:
                    return self._vrij.pop()
                if self._gesloten:
                    raise PoolTimeout("de tegelverbindingen zijn gesloten")
                if self._open < self._grootte:
                    self._open += 1
                    break
                rest = einde - time.monotonic()
                if rest <= 0 or not self._slot.wait(rest):
                    raise PoolTimeout(f"geen tegelverbinding vrij binnen {self._wachttijd} s")
        try:
            return TegelVerbinding.connect(**self._kwargs)
        except BaseException:
            self._weg()
            raise

    def putconn(self, conn: TegelVerbinding) -> None:
        bruikbaar = (
            not conn.closed
            and conn.pgconn.transaction_status == pq.TransactionStatus.IDLE
            and time.monotonic() - conn.geopend < LEVENSDUUR
        )
        with self._slot:
            if bruikbaar and not self._gesloten:
                self._vrij.append(conn)
                self._slot.notify()
                return
        conn.close()
        self._weg()

    @contextlib.contextmanager
    def connection(self) -> Iterator[TegelVerbinding]:
        conn = self.getconn()
        try:
            yield conn
        finally:
            self.putconn(conn)

    def vrij(self) -> int:
        return len(self._vrij)

    def close(self) -> None:
        """Close the idle connections now and those in use when they come back."""
        with self._slot:
            self._gesloten = True
            vrij, self._vrij = self._vrij, []
            self._open -= len(vrij)
            self._slot.notify_all()
        for conn in vrij:
            conn.close()

    def _weg(self) -> None:
        with self._slot:
            self._open -= 1
            self._slot.notify()
