"""The mail outbox against a real SMTP server: one row per key, one failure holds up or repeats no
other, temporary errors retried with backoff, hard bounces block the address, erasure (AVG)."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from kern.mail import adres_geblokkeerd, plan_mail, verzending, wis_adres
from kern.mail.models import (
    AFGEWEZEN,
    GEBLOKKEERD,
    GEPLAND,
    GEWIST,
    OPGEGEVEN,
    VERSTUURD,
    Adres,
    Bezorging,
    Bijlage,
)

# The sending runs in savepoints of the test's transaction; nothing here needs a second connection.
pytestmark = pytest.mark.django_db


def plan(aan: str, sleutel: str | None = None, **extra) -> bool:
    with transaction.atomic():
        return plan_mail(
            sleutel=sleutel or f"test:{aan}",
            aan=aan,
            onderwerp="Nieuws",
            tekst=f"Hallo {aan}",
            soort="test",
            **extra,
        )


def aan(sink) -> list[str]:
    return [b["To"] for b in sink]


def test_een_sleutel_een_bezorging_en_de_taak_in_dezelfde_transactie(sink):
    assert plan("a@example.org", "gebeurtenis:1:a") is True
    assert plan("a@example.org", "gebeurtenis:1:a") is False
    assert Bezorging.objects.count() == 1
    # The send job was queued with the row, once however many rows were planned.
    assert plan("b@example.org") is True
    assert ProcrastinateJob.objects.filter(task_name="mail.verstuur", status="todo").count() == 1

    with pytest.raises(RuntimeError), transaction.atomic():
        plan_mail(sleutel="terug", aan="c@example.org", onderwerp="x", tekst="x", soort="test")
        raise RuntimeError("de transactie van de aanroeper faalt")
    assert not Bezorging.objects.filter(sleutel="terug").exists()

    assert verzending.verstuur().verstuurd == 2
    assert verzending.verstuur().verstuurd == 0
    assert aan(sink) == ["a@example.org", "b@example.org"]
    assert set(Bezorging.objects.values_list("status", flat=True)) == {VERSTUURD}
    # The Message-ID is fixed when the mail is planned, so a repeat could be recognised downstream.
    assert sink[0]["Message-ID"] == Bezorging.objects.get(aan="a@example.org").message_id


def test_een_portie_plannen_kost_een_statement_per_mail(django_assert_max_num_queries):
    def taken() -> int:
        return ProcrastinateJob.objects.filter(task_name="mail.verstuur", status="todo").count()

    with transaction.atomic():
        # A job deferred in a savepoint that is rolled back is gone: the next mail queues it again.
        with pytest.raises(RuntimeError), transaction.atomic():
            plan("weg@example.org")
            raise RuntimeError("terug")
        assert taken() == 0
        with django_assert_max_num_queries(50 + 6):
            for i in range(50):
                adres = f"a{i}@example.org"
                assert plan_mail(sleutel=adres, aan=adres, onderwerp="x", tekst="x", soort="test") is True
        assert taken() == 1
        assert plan("a0@example.org", "a0@example.org") is False
    assert Bezorging.objects.count() == 50


def test_geweigerd_adres_houdt_niemand_op_en_herhaalt_niets(sink):
    sink.weigeren.add("weg@example.org")
    for adres in ("ok1@example.org", "weg@example.org", "ok2@example.org"):
        plan(adres)
    ronde = verzending.verstuur()
    assert (ronde.verstuurd, ronde.afgewezen) == (2, 1)
    for _ in range(3):
        assert verzending.verstuur().behandeld == 0
    assert aan(sink) == ["ok1@example.org", "ok2@example.org"]
    rij = Bezorging.objects.get(aan="weg@example.org")
    assert rij.status == AFGEWEZEN and rij.pogingen == 1 and rij.laatste_fout.startswith("550")


def test_tijdelijke_fout_later_opnieuw_met_oplopende_wachttijd(sink, settings):
    settings.MAIL_BACKOFF_BASIS, settings.MAIL_MAX_POGINGEN = 60, 3
    sink.later.add("druk@example.org")
    plan("druk@example.org")
    plan("vlot@example.org")
    assert verzending.verstuur().verstuurd == 1
    rij = Bezorging.objects.get(aan="druk@example.org")
    assert rij.status == GEPLAND and rij.pogingen == 1 and rij.laatste_fout.startswith("450")
    wacht = rij.volgende_poging - timezone.now()
    assert timedelta(seconds=50) < wacht <= timedelta(seconds=60)
    assert verzending.verstuur().behandeld == 0  # not due yet

    Bezorging.objects.filter(pk=rij.pk).update(volgende_poging=timezone.now())
    verzending.verstuur()
    rij.refresh_from_db()
    assert rij.pogingen == 2 and rij.volgende_poging - timezone.now() > timedelta(seconds=110)

    Bezorging.objects.filter(pk=rij.pk).update(volgende_poging=timezone.now())
    verzending.verstuur()
    assert Bezorging.objects.get(pk=rij.pk).status == OPGEGEVEN  # the third try was the last

    sink.later.clear()
    plan("druk@example.org", "tweede")
    assert verzending.verstuur().verstuurd == 1  # a temporary error does not block the address
    assert aan(sink) == ["vlot@example.org", "druk@example.org"]


def test_harde_bounces_blokkeren_het_adres(sink, settings):
    settings.MAIL_BLOKKEER_NA = 2
    sink.weigeren.add("weg@example.org")
    plan("weg@example.org", "een")
    verzending.verstuur()
    assert not adres_geblokkeerd("weg@example.org")
    plan("weg@example.org", "twee")
    plan("weg@example.org", "drie")  # planned before the second bounce: not sent after it
    verzending.verstuur()
    assert adres_geblokkeerd("Weg@Example.org ")
    assert Bezorging.objects.get(sleutel="drie").status == GEBLOKKEERD
    assert plan("weg@example.org", "vier") is False
    assert not Bezorging.objects.filter(sleutel="vier").exists()
    # The block list keeps no readable address.
    assert not Adres.objects.filter(kenmerk__icontains="weg").exists()
    assert len(sink) == 0


def test_wis_adres(sink):
    plan("weg@example.org", "verstuurd")
    verzending.verstuur()
    plan("weg@example.org", "nog-niet")
    plan("blijft@example.org")
    assert wis_adres("WEG@example.org") == 2
    assert not Bezorging.objects.filter(aan__iexact="weg@example.org").exists()
    assert Bezorging.objects.get(sleutel="nog-niet").status == GEWIST
    assert Bezorging.objects.get(sleutel="verstuurd").tekst == ""
    assert verzending.verstuur().verstuurd == 1
    assert aan(sink) == ["weg@example.org", "blijft@example.org"]


def test_html_met_ingesloten_afbeelding_en_headers(sink):
    png = b"\x89PNG\r\n\x1a\n-nep-"
    plan(
        "a@example.org",
        html='<p>Kijk: <img src="cid:kaart.png" alt="kaart"></p>',
        headers={"List-Unsubscribe": "<https://loket.example/afmelden/x>"},
        bijlagen=[("kaart.png", png, "image/png")],
    )
    verzending.verstuur()
    [bericht] = sink
    assert bericht["List-Unsubscribe"] == "<https://loket.example/afmelden/x>"
    assert bericht.get_content_type() == "multipart/related"
    delen = {d.get_content_type(): d for d in bericht.walk()}
    assert "cid:kaart.png" in delen["text/html"].get_payload(decode=True).decode()
    assert delen["image/png"]["Content-ID"] == "<kaart.png>"
    assert delen["image/png"].get_payload(decode=True) == png


def test_server_weg_rest_blijft_staan(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there
    for adres in ("a@example.org", "b@example.org", "c@example.org"):
        plan(adres)
    ronde = verzending.verstuur()
    assert (ronde.verstuurd, ronde.uitgesteld) == (0, 1)  # one try, then it stops knocking
    assert sorted(Bezorging.objects.values_list("pogingen", flat=True)) == [0, 0, 1]


def test_opruimen_wist_inhoud_en_houdt_de_sleutel(sink, settings):
    plan("a@example.org", "oud")
    verzending.verstuur()
    plan("b@example.org", "wacht")
    later = timezone.now() + timedelta(days=settings.MAIL_BEWAAR_DAGEN + 1)
    assert verzending.ruim_op(later) == 1
    oud = Bezorging.objects.get(sleutel="oud")
    assert (oud.aan, oud.tekst, oud.status) == ("", "", VERSTUURD)
    assert Bezorging.objects.get(sleutel="wacht").aan == "b@example.org"
    assert plan("a@example.org", "oud") is False


def test_een_afbeelding_voor_veel_bezorgingen_eenmaal_bewaard(sink, settings):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    for adres in ("a@example.org", "b@example.org", "c@example.org"):
        plan(adres, html='<img src="cid:kaart.png">', bijlagen=[("kaart.png", png, "image/png")])
    plan("d@example.org", "zonder")
    assert Bijlage.objects.count() == 1
    assert all(len(r.bijlagen[0][1]) == 64 for r in Bezorging.objects.exclude(sleutel="zonder"))

    plan(
        "e@example.org", "later", html='<img src="cid:kaart.png">', bijlagen=[("kaart.png", png, "image/png")]
    )
    Bezorging.objects.filter(sleutel="later").update(volgende_poging=timezone.now() + timedelta(days=60))
    assert verzending.verstuur().verstuurd == 4
    for bericht in sink:
        delen = {d.get_content_type(): d for d in bericht.walk()}
        if bericht["To"] != "d@example.org":
            assert delen["image/png"].get_payload(decode=True) == png

    # After the retention period the image stays while a delivery still waits for it, then goes.
    later = timezone.now() + timedelta(days=settings.MAIL_BEWAAR_DAGEN + 1)
    assert verzending.ruim_op(later) == 4
    assert Bijlage.objects.count() == 1
    Bezorging.objects.filter(sleutel="later").update(status=VERSTUURD)
    verzending.ruim_op(later)
    assert Bijlage.objects.count() == 0


def test_veel_afbeeldingen_in_een_keer_bewaard(django_assert_max_num_queries):
    """A digest run stores thousands of maps: a batch is a few statements, each image once, the keys in
    the order given; an image last planned long ago gets a new stamp (the nightly delete spares it)."""
    from kern.mail import bewaar_bijlage, bewaar_bijlagen
    from kern.mail.planning import VERS

    beelden = [b"\x89PNG" + bytes([i]) * 100 for i in range(5)]
    oud = bewaar_bijlage(beelden[0])
    Bijlage.objects.filter(sha256=oud).update(gebruikt=timezone.now() - VERS - timedelta(minutes=1))
    with django_assert_max_num_queries(3):
        shas = bewaar_bijlagen([*beelden, beelden[1]])
    assert shas[0] == oud and shas[1] == shas[5] and len(set(shas)) == 5
    assert Bijlage.objects.count() == 5
    assert {bytes(d) for d in Bijlage.objects.values_list("data", flat=True)} == set(beelden)
    assert Bijlage.objects.get(sha256=oud).gebruikt > timezone.now() - VERS


def test_een_inhoud_voor_velen_eenmaal_bewaard_en_per_ontvanger_ingevuld(sink, settings):
    """plan_mails: the rows carry no copy of the body, only what differs per recipient; the mail that
    goes out is the body with that part put in, headers too; the nightly clean-up takes bodies no row
    needs any more."""
    from kern.mail import plan_mails
    from kern.mail.models import Inhoud

    inhouden = [
        (
            "Beheer: https://x/MERK",
            "<p><a href='https://x/MERK'>beheer</a></p>",
            {"List-Unsubscribe": "<https://x/uit/MERK>"},
        ),
        ("Ander bericht voor MERK", "", {}),
    ]
    sql = (
        "SELECT 'veel:' || n AS sleutel, 'v' || n || '@example.org' AS aan, 'Onderwerp' AS onderwerp, "
        "1 + mod(n, 2) AS inhoud, 'token' || n AS vulling, '[]'::jsonb AS bijlagen FROM generate_series(1, 4) n"
    )
    with transaction.atomic():
        assert plan_mails(sql, {}, inhouden=inhouden, merk="MERK", soort="test") == (4, set())
    with transaction.atomic():
        assert plan_mails(sql, {}, inhouden=inhouden, merk="MERK", soort="test") == (0, set())
    assert Inhoud.objects.count() == 2
    assert all(r == ("", "", {}) for r in Bezorging.objects.values_list("tekst", "html", "headers"))
    assert verzending.verstuur().verstuurd == 4
    per_adres = {b["To"]: b for b in sink}
    for n in (1, 3):
        bericht = per_adres[f"v{n}@example.org"]
        assert bericht.get_payload(decode=True).decode().strip() == f"Ander bericht voor token{n}"
    for n in (2, 4):
        bericht = per_adres[f"v{n}@example.org"]
        assert bericht["List-Unsubscribe"] == f"<https://x/uit/token{n}>"
        delen = {
            d.get_content_type(): d.get_payload(decode=True).decode()
            for d in bericht.walk()
            if not d.is_multipart()
        }
        assert delen["text/plain"].strip() == f"Beheer: https://x/token{n}"
        assert f"https://x/token{n}" in delen["text/html"] and "MERK" not in delen["text/html"]

    later = timezone.now() + timedelta(days=settings.MAIL_BEWAAR_DAGEN + 1)
    assert verzending.ruim_op(later) == 4
    assert Inhoud.objects.count() == 0
    assert set(Bezorging.objects.values_list("aan", "vulling", "inhoud")) == {("", "", None)}
