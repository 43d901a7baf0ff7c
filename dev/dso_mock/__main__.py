"""`python -m dev.dso_mock --port 8001`: the mock knooppunt as its own server."""

import argparse
import contextlib
import logging
import os
import ssl
import sys
from pathlib import Path

from dev.dso_mock.server import start

# The seed reads the BAG sample through kern.importing, whose unpack limits are settings (UITPAKKEN_*);
# this process runs outside manage.py (scripts/run.sh), so it names the settings module itself.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m dev.dso_mock", description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=int(os.environ.get("DSO_MOCK_PORT", "8001")))
    p.add_argument(
        "--opslag", type=Path, help="JSON-bestand om de toestand te bewaren (anders alleen in geheugen)"
    )
    p.add_argument("--aantal", type=int, default=40, help="aantal verzoeken in de startdata")
    p.add_argument("--seed", type=int, default=400)
    p.add_argument("--omgeving", default="pre", choices=["pre", "prod"])
    p.add_argument(
        "--storingen-kans", type=float, default=0.0, help="deel van de aanroepen met een storing (0–1)"
    )
    p.add_argument("--storingen", default="", help="soorten, komma-gescheiden (standaard alle)")
    p.add_argument(
        "--max-per-seconde", type=float, default=0, help="429 boven dit aantal aanroepen per sleutel"
    )
    p.add_argument(
        "--webhook", default=os.environ.get("DSO_MOCK_WEBHOOK", ""), help="URL voor Verzoeknotificaties"
    )
    p.add_argument("--webhook-geheim", default=os.environ.get("DSO_WEBHOOK_GEHEIM", "mock-webhook-geheim"))
    p.add_argument("--tls-cert", type=Path)
    p.add_argument("--tls-key", type=Path)
    p.add_argument("--client-ca", type=Path, help="eis een clientcertificaat dat deze CA ondertekende (mTLS)")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")

    ssl_context = None
    if args.tls_cert:
        ssl_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ssl_context.load_cert_chain(args.tls_cert, args.tls_key)
        if args.client_ca:
            ssl_context.verify_mode = ssl.CERT_REQUIRED
            ssl_context.load_verify_locations(args.client_ca)
    server, app = start(
        args.port,
        host=args.host,
        opslag_bestand=args.opslag,
        aantal=args.aantal,
        seed=args.seed,
        omgeving=args.omgeving,
        storingen_kans=args.storingen_kans,
        storingen=args.storingen,
        max_per_seconde=args.max_per_seconde,
        webhook=args.webhook,
        webhook_geheim=args.webhook_geheim,
        ssl_context=ssl_context,
        achtergrond=False,
    )
    schema = "https" if ssl_context else "http"
    print(
        f"DSO-mock: {schema}://{args.host}:{server.server_port}/mock/  ({len(app.opslag.verzoeken)} verzoeken, "
        f"omgeving {args.omgeving}, storingen {args.storingen_kans:.0%})",
        flush=True,
    )
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
