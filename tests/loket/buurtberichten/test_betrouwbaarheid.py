"""Exactly once at the mailbox, whatever happens to the worker or the mail server: a real worker
process (`manage.py procrastinate worker`) fans out a bericht to 120 direct subscribers in portions
and sends through `kern.mail` to a real SMTP server; counted at that server.

1. The worker is killed with SIGKILL in the middle of the fan-out and started again.
2. The mail server refuses 30 % of the deliveries for a while (450, try again later).
Every subscriber gets the bericht exactly once in both."""

import random
import signal
import subprocess
import time
from collections import Counter

import pytest

from kern.mail.models import GEPLAND, VERSTUURD
from kern.mail.models import Bezorging as Mail
from loket.buurtberichten import tasks, verspreiding
from loket.buurtberichten.models import Bezorging
from tests.loket.buurtberichten.helpers import abonnement, bericht, rond
from tests.support.proces import mail_worker, wacht_op
from tests.support.smtp import Sink, smtp_sink

pytestmark = pytest.mark.django_db(transaction=True)
AANTAL = 120


def _worker(poort: int) -> subprocess.Popen:
    return mail_worker(
        poort,
        "buurtberichten,mail",
        BUURTBERICHTEN_PORTIE="15",
        MAIL_BACKOFF_BASIS="0.2",
        MAIL_BACKOFF_MAX="1",
    )


def _stop(proces: subprocess.Popen) -> None:
    proces.terminate()
    try:
        proces.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proces.kill()
        proces.wait()


def _abonnees_en_bericht():
    for i in range(AANTAL):
        abonnement(rond(113005, 553005, 300), email=f"buur{i}@example.org")
    return bericht()  # the fan-out job is deferred with it


def _tel(sink) -> tuple[dict, int]:
    per_adres = Counter(m["To"] for m in sink)
    return {a: n for a, n in per_adres.items() if n > 1}, AANTAL - len(per_adres)


def _herstart_wat_bleef_hangen() -> None:
    """What the periodic jobs do every minute: jobs of a killed worker stay 'doing', so the portions
    still waiting and the mail outbox get a fresh job."""
    from kern.mail.tasks import wek

    for bericht_id in verspreiding.direct_blijven_liggen(minuten=0):
        tasks.mail_direct.defer(bericht_id=bericht_id)
    for bericht_id in verspreiding.nog_te_verspreiden(minuten=0):
        tasks.verspreid.defer(bericht_id=bericht_id)
    wek()  # as the planning does: a send job may still be waiting from before the kill


def test_sigkill_midden_in_de_verspreiding():
    _abonnees_en_bericht()
    with smtp_sink() as sink:
        # A server that checks its recipients, so the kill lands mid-send: over the worker's parallel
        # connections 120 mails still take seconds, which a loaded machine's poller does not miss.
        sink.rcpt_vertraging = 0.05
        eerste = _worker(sink.poort)
        try:
            # Triggered by what the database has committed, not by what the server received: the
            # latter would aim the kill at the one moment no SMTP client can make safe (between the
            # server's 250 and our COMMIT, RFC 1047; see kern/mail/verzending.py).
            wacht_op(lambda: Mail.objects.filter(status=VERSTUURD).count() >= 30, eerste, stap=0.002)
            eerste.send_signal(signal.SIGKILL)
        finally:
            eerste.kill()
            eerste.wait()
        voor = len(sink)
        nog_niet_gemaild = Bezorging.objects.filter(gemaild_op__isnull=True).count()
        assert voor < AANTAL, "de worker was al klaar voor de kill"
        _herstart_wat_bleef_hangen()
        tweede = _worker(sink.poort)
        try:
            wacht_op(lambda: len(sink) >= AANTAL and not Mail.objects.filter(status=GEPLAND).exists(), tweede)
            time.sleep(0.3)  # anything still on its way arrives now
        finally:
            _stop(tweede)
    dubbel, verloren = _tel(sink)
    print(f"\nSIGKILL: {voor} voor de kill ({nog_niet_gemaild} nog niet gepland), {len(sink)} ontvangen")
    assert dubbel == {} and verloren == 0
    assert Mail.objects.filter(status=VERSTUURD, soort="buurtberichten-bericht").count() == AANTAL


class Wankel(Sink):
    """Refuses 30 % of the recipients with 450 until it has refused `max_weigeringen` times."""

    def __init__(self, max_weigeringen: int):
        super().__init__()
        self.rng = random.Random(15)
        self.geweigerd = 0
        self.max_weigeringen = max_weigeringen

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.geweigerd < self.max_weigeringen and self.rng.random() < 0.3:
            self.geweigerd += 1
            return "450 4.2.1 Mailbox busy, try again later"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


_laatste_tik = [0.0]


def _tik() -> None:
    """The send job's minute tick, once a second: refused mails wait for it after their backoff, and
    in real minutes three or four refusal rounds would outlast the test's patience."""
    from kern.mail.tasks import wek

    if time.monotonic() - _laatste_tik[0] >= 1:
        _laatste_tik[0] = time.monotonic()
        wek()


def test_mailserver_weigert_een_tijd_30_procent(monkeypatch):
    _abonnees_en_bericht()
    with smtp_sink() as sink:
        wankel = Wankel(max_weigeringen=60)
        # The controller calls the handler it was given; give it our refusing one.
        monkeypatch.setattr(sink, "handle_RCPT", wankel.handle_RCPT)
        worker = _worker(sink.poort)
        try:
            wacht_op(
                lambda: _tik() or (len(sink) >= AANTAL and not Mail.objects.filter(status=GEPLAND).exists()),
                worker,
            )
            time.sleep(0.3)
        finally:
            _stop(worker)
    dubbel, verloren = _tel(sink)
    print(f"\n30 % geweigerd: {wankel.geweigerd} keer 450, {len(sink)} ontvangen")
    assert wankel.geweigerd >= 20
    assert dubbel == {} and verloren == 0
    assert Mail.objects.filter(status=VERSTUURD).count() == AANTAL
