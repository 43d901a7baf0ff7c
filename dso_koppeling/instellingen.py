"""The DSO connection's configuration, read once from Django settings (which read the environment;
see docs/configuration.md). Nothing else in the adapter reads settings for the connection."""

from dataclasses import dataclass, field

from django.conf import settings

from kern import gemeente


@dataclass(frozen=True)
class DsoInstellingen:
    basis_url: str
    api_sleutel: str
    certificaat: str = ""  # PKIoverheid client certificate (PEM) for mutual TLS
    certificaat_sleutel: str = ""
    ca_bundel: str = ""  # trust store for the server; empty = the system's
    timeout: float = 10.0  # seconds per connect and per read
    max_pogingen: int = 6
    backoff_basis: float = 0.5
    backoff_max: float = 30.0
    retry_after_max: float = 120.0  # never wait longer than this, whatever Retry-After says
    breker_drempel: int = 5  # consecutive failed calls before the circuit opens
    breker_pauze: float = 30.0  # seconds the circuit stays open before one trial call
    bevoegd_gezag: str = field(default_factory=lambda: gemeente.huidige().code)  # "gm0400"
    oin: str = ""

    @classmethod
    def uit_settings(cls, **overschrijf) -> "DsoInstellingen":
        waarden = {
            "basis_url": settings.DSO_BASIS_URL,
            "api_sleutel": settings.DSO_API_SLEUTEL,
            "certificaat": settings.DSO_CLIENT_CERTIFICAAT,
            "certificaat_sleutel": settings.DSO_CLIENT_SLEUTEL,
            "ca_bundel": settings.DSO_CA_BUNDEL,
            "timeout": settings.DSO_TIMEOUT,
            "max_pogingen": settings.DSO_MAX_POGINGEN,
            "backoff_basis": settings.DSO_BACKOFF_BASIS,
            "backoff_max": settings.DSO_BACKOFF_MAX,
            "breker_drempel": settings.DSO_BREKER_DREMPEL,
            "breker_pauze": settings.DSO_BREKER_PAUZE,
            "bevoegd_gezag": settings.DSO_BEVOEGD_GEZAG,
            "oin": settings.DSO_OIN,
        }
        waarden.update(overschrijf)
        return cls(**waarden)
