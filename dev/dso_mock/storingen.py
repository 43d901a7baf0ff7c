"""Fault injection, switchable per run: what a real knooppunt does on a bad day.

With probability `kans` a call meets one fault, chosen evenly from the kinds that fit it: every call
can meet the transport faults; feed pages also the content faults. Decisions come from one seeded
random generator, so a run with the same seed and the same calls meets the same faults.
"""

import os
import random
import threading
from collections import Counter
from dataclasses import dataclass, field

TRANSPORT = ("latentie", "serverfout", "te_veel", "timeout", "reset")
FEED = ("dubbel", "volgorde", "wijziging", "kapot_item")
ALLE = TRANSPORT + FEED


def standaard_timeout() -> float:
    return float(os.environ.get("DSO_TIMEOUT", "10")) + 1


@dataclass
class Storingen:
    kans: float = 0.0
    soorten: tuple[str, ...] = ALLE
    seed: int = 1
    latentie: float = 0.2  # seconds added by "latentie"
    # Seconds a "timeout" answer is held back: longer than the client waits (DSO_TIMEOUT), or it is
    # only a slow answer.
    timeout: float = field(default_factory=lambda: standaard_timeout())
    retry_after: int = 1  # seconds in Retry-After of a 429
    geteld: Counter = field(default_factory=Counter)

    def __post_init__(self):
        onbekend = set(self.soorten) - set(ALLE)
        if onbekend:
            raise ValueError(
                f"onbekende storing(en): {', '.join(sorted(onbekend))}; kies uit {', '.join(ALLE)}"
            )
        self._rng = random.Random(self.seed)  # noqa: S311 - reproducible faults, not security
        self._lock = threading.Lock()

    def kies(self, feed: bool = False) -> str | None:
        """The fault this call meets, or None."""
        mogelijk = [s for s in self.soorten if s in TRANSPORT or feed]
        with self._lock:
            if not mogelijk or self._rng.random() >= self.kans:
                return None
            soort = self._rng.choice(mogelijk)
            self.geteld[soort] += 1
            return soort

    def keuze(self, reeks):
        with self._lock:
            return self._rng.choice(reeks)

    def schud(self, lijst: list) -> None:
        with self._lock:
            self._rng.shuffle(lijst)

    @classmethod
    def uit_tekst(cls, kans: float, soorten: str = "", **opties) -> "Storingen":
        gekozen = tuple(s.strip() for s in soorten.split(",") if s.strip()) or ALLE
        return cls(kans=kans, soorten=gekozen, **opties)
