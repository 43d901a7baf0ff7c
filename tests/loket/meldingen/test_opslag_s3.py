"""Media through Django's storage API: the same melding with photos stored in an S3-compatible bucket
(moto's server on a free port, as MinIO or a cloud bucket would be), read back and deleted, with no
file on the local disk."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from loket.zaken.models import Document
from tests.loket.meldingen.helpers import foto, melding_data

pytestmark = pytest.mark.django_db
BUCKET = "loket-media"


@pytest.fixture(scope="module")
def s3_server():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    proces = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(poort)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{poort}"
    tot = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", poort), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < tot and proces.poll() is None, "moto_server startte niet"
            time.sleep(0.2)
    yield url
    proces.terminate()
    proces.wait(10)


@pytest.fixture
def bucket(s3_server, settings, tmp_path):
    import boto3

    s3 = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="proef",
        aws_secret_access_key="proef",
        region_name="eu-west-1",
    )
    s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    settings.MEDIA_ROOT = tmp_path  # must stay empty
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "eu-west-1",
                "access_key": "proef",
                "secret_key": "proef",
                "location": "media",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    yield s3
    for obj in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=obj["Key"])
    s3.delete_bucket(Bucket=BUCKET)


def test_melding_met_fotos_in_de_bucket(adressen, client, bucket, tmp_path):
    data = melding_data()
    data["fotos"] = [
        SimpleUploadedFile("a.jpg", foto(), content_type="image/jpeg"),
        SimpleUploadedFile("a.jpg", foto(), content_type="image/jpeg"),  # same name twice: both stay
    ]
    r = client.post("/api/meldingen", data)
    assert r.status_code == 201, r.content
    documenten = list(Document.objects.filter(zaak__referentie=r.json()["referentie"]))
    sleutels = sorted(o["Key"] for o in bucket.list_objects_v2(Bucket=BUCKET)["Contents"])
    assert len(sleutels) == 2 and all(k.startswith("media/zaken/") for k in sleutels)
    assert sorted(f"media/{d.bestand.name}" for d in documenten) == sleutels
    assert not any(tmp_path.iterdir())  # nothing on the local disk

    inhoud = documenten[0].bestand.open("rb").read()
    assert inhoud.startswith(b"\xff\xd8") and b"Exif" not in inhoud  # the cleaned JPEG, read back
    documenten[0].bestand.delete(save=False)
    assert len(bucket.list_objects_v2(Bucket=BUCKET)["Contents"]) == 1
