"""The signature on a Verzoeknotificatie: HMAC-SHA256 over "<timestamp>.<body>" with a shared secret.

Used by the mock to sign and by our webhook to verify. The timestamp in the signed text makes a
captured notification useless after `MAX_LEEFTIJD` seconds; inside that window the webhook remembers
each MAC it accepted (`Notificatie.handtekening`), so the same signed body counts once (no replays).
"""

import hashlib
import hmac
import time

HEADER = "X-Dso-Handtekening"
MAX_LEEFTIJD = 300


def onderteken(geheim: str, body: bytes, tijdstip: int | None = None) -> str:
    tijdstip = int(time.time()) if tijdstip is None else tijdstip
    mac = hmac.new(geheim.encode(), f"{tijdstip}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={tijdstip},v1={mac}"


def klopt(geheim: str, body: bytes, header: str | None, nu: float | None = None) -> bool:
    if not geheim or not header:
        return False
    try:
        delen = dict(deel.split("=", 1) for deel in header.split(","))
        tijdstip = int(delen["t"])
    except (KeyError, ValueError):
        return False
    nu = time.time() if nu is None else nu
    if abs(nu - tijdstip) > MAX_LEEFTIJD:
        return False
    verwacht = onderteken(geheim, body, tijdstip).split("v1=", 1)[1]
    return hmac.compare_digest(verwacht, delen.get("v1", ""))


def mac(header: str) -> str:
    """The v1 MAC of a header that `klopt` accepted."""
    return dict(deel.split("=", 1) for deel in header.split(","))["v1"]
