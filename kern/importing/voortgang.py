"""The progress line of an import, and its line per file."""

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pipeline imports this module
    from kern.importing.pipeline import BestandResultaat


class Voortgang:
    """A progress line on a terminal; on a pipe or log a line now and then; nothing when silent."""

    def __init__(self, stream=None):
        self.stream = stream
        self.tty = bool(stream) and hasattr(stream, "isatty") and stream.isatty()
        self.interval = 0.5 if self.tty else 10.0
        self.label = ""
        self.n = 0
        self.start = self.last = time.monotonic()

    def begin(self, label: str) -> None:
        self.label, self.n = label, 0
        self.start = self.last = time.monotonic()

    def tick(self, n: int = 1) -> None:
        before, self.n = self.n, self.n + n
        if self.stream and before // 1000 != self.n // 1000:
            now = time.monotonic()
            if now - self.last >= self.interval:
                self.last = now
                rate = self.n / max(now - self.start, 1e-9)
                end = "\r" if self.tty else "\n"
                self.stream.write(f"  {self.label}: {self.n:,} objecten gelezen ({rate:,.0f}/s){end}")
                self.stream.flush()

    def done(self, resultaat: "BestandResultaat") -> None:
        # Files skipped as imported before are counted in the summary; a line each would only be noise.
        if not self.stream or resultaat.status == "al_geimporteerd":
            return
        t = resultaat.telling
        clear = "\r\033[K" if self.tty else ""
        if resultaat.status == "klaar":
            line = (
                f"{t.gelezen:,} gelezen, {t.nieuw:,} nieuw, {t.gewijzigd:,} gewijzigd, "
                f"{t.ongewijzigd:,} ongewijzigd, {t.overgeslagen:,} overgeslagen"
            )
        elif resultaat.status == "mislukt":
            line = f"MISLUKT, teruggedraaid: {resultaat.fout}"
        else:
            line = f"niet gelezen: {resultaat.fout}"
        # The file's own name: with workers, files finish in another order than they began.
        self.stream.write(f"{clear}  {resultaat.naam}: {line} ({resultaat.seconden:.1f} s)\n")
        self.stream.flush()
