"""Mutual TLS as with a PKIoverheid certificate: the mock requires a client certificate from a CA it
trusts; our client presents one from the settings. Certificates made with openssl for the test."""

import shutil
import ssl
import subprocess

import pytest

from dso_koppeling.client import DsoFout
from tests.support.knooppunt import maak_client

FEED = "/overheid/verzoeken/api/afhandelen/v1/verzoeken"


def _openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def certificaten(tmp_path):
    if not shutil.which("openssl"):
        pytest.skip("openssl ontbreekt (Debian-pakket openssl)")
    _openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Test PKIoverheid CA",
        cwd=tmp_path,
    )
    for naam, extra in (("server", "subjectAltName=IP:127.0.0.1"), ("client", "extendedKeyUsage=clientAuth")):
        _openssl(
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            f"{naam}.key",
            "-out",
            f"{naam}.csr",
            "-subj",
            f"/CN=gemeente-den-helder-{naam}",
            cwd=tmp_path,
        )
        (tmp_path / f"{naam}.ext").write_text(extra + "\n")
        _openssl(
            "x509",
            "-req",
            "-in",
            f"{naam}.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            f"{naam}.pem",
            "-days",
            "2",
            "-extfile",
            f"{naam}.ext",
            cwd=tmp_path,
        )
    return tmp_path


def test_client_met_certificaat_komt_binnen_zonder_niet(knooppunt, certificaten):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificaten / "server.pem", certificaten / "server.key")
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_verify_locations(certificaten / "ca.pem")
    _, url = knooppunt(aantal=2, ssl_context=context)
    url = url.replace("http://", "https://")

    met = maak_client(
        url,
        certificaat=str(certificaten / "client.pem"),
        certificaat_sleutel=str(certificaten / "client.key"),
        ca_bundel=str(certificaten / "ca.pem"),
    )
    assert met.json("GET", FEED)["page"]["totalElements"] == 4

    zonder = maak_client(url, ca_bundel=str(certificaten / "ca.pem"), max_pogingen=2)
    with pytest.raises(DsoFout) as fout:
        zonder.get(FEED)
    assert fout.value.code == "dso_onbereikbaar"
