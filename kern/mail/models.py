"""The outbox of mail: one `Bezorging` per (event, recipient, kind), and what we know of an address."""

from django.db import models

GEPLAND = "gepland"
VERSTUURD = "verstuurd"
AFGEWEZEN = "afgewezen"  # the receiving server refused it for good (5xx)
OPGEGEVEN = "opgegeven"  # temporary errors until MAIL_MAX_POGINGEN ran out
GEBLOKKEERD = "geblokkeerd"  # not sent: the address bounced too often
GEWIST = "gewist"  # not sent: the address was erased (AVG) before it went out


class Bezorging(models.Model):
    STATUSSEN = [(s, s) for s in (GEPLAND, VERSTUURD, AFGEWEZEN, OPGEGEVEN, GEBLOKKEERD, GEWIST)]

    sleutel = models.CharField(
        max_length=200,
        unique=True,
        help_text="Eén per (gebeurtenis, ontvanger, soort); nooit persoonsgegevens",
    )
    soort = models.CharField(max_length=40, db_index=True, help_text="bijv. melding.status, buurtbericht")
    aan = models.CharField(max_length=254, blank=True)
    onderwerp = models.CharField(max_length=300)
    tekst = models.TextField(blank=True)
    html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    # (content-id/bestandsnaam, sha256 of a `Bijlage`, mimetype): the bytes are stored once, however
    # many deliveries carry them (a bericht's map goes to thousands of subscribers).
    bijlagen = models.JSONField(default=list, blank=True)
    # A mail to many (`plan_mails`): tekst, html and headers are the shared `inhoud`, with `vulling` put
    # in place of its `merk` when it is sent; the row's own tekst, html and headers stay empty.
    inhoud = models.ForeignKey("Inhoud", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    vulling = models.CharField(
        max_length=200, blank=True, help_text="Wat per ontvanger verschilt (een token)"
    )
    message_id = models.CharField(
        max_length=200, help_text="Vast bij elke poging, zodat ontvangers ontdubbelen"
    )
    status = models.CharField(max_length=12, choices=STATUSSEN, default=GEPLAND)
    pogingen = models.PositiveSmallIntegerField(default=0)
    volgende_poging = models.DateTimeField()
    laatste_fout = models.CharField(max_length=300, blank=True, help_text="SMTP-code en tekst, zonder adres")
    aangemaakt = models.DateTimeField(auto_now_add=True)
    verstuurd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "bezorgingen"
        indexes = [
            models.Index(
                fields=["volgende_poging", "id"], name="bezorging_te_doen", condition=models.Q(status=GEPLAND)
            )
        ]

    def __str__(self) -> str:
        return f"{self.sleutel} ({self.status})"


class Adres(models.Model):
    """Hard bounces per address, keyed by an HMAC of the address (no readable address is kept)."""

    kenmerk = models.CharField(
        max_length=64, unique=True, help_text="HMAC-SHA256 van het adres in kleine letters"
    )
    harde_bounces = models.PositiveSmallIntegerField(default=0)
    laatste_bounce = models.DateTimeField(null=True, blank=True)
    geblokkeerd_sinds = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "adressen"

    def __str__(self) -> str:
        return self.kenmerk[:12]


class Bijlage(models.Model):
    """An inline image's bytes, once per content; deliveries refer to it by its SHA-256."""

    sha256 = models.CharField(max_length=64, unique=True)
    data = models.BinaryField()
    gebruikt = models.DateTimeField(help_text="Laatst gepland (zie planning.bewaar_bijlage)")

    class Meta:
        verbose_name_plural = "bijlagen"

    def __str__(self) -> str:
        return self.sha256[:12]


class Inhoud(models.Model):
    """The body of a mail to many (a digest, a buurtbericht), stored once: 100 000 digest rows of
    ~2.4 KB each were 243 MB written and WAL-logged for a few thousand distinct bodies. No personal
    data: what differs per recipient is `Bezorging.vulling`, put in place of `merk` when sent."""

    sha256 = models.CharField(max_length=64, unique=True)
    merk = models.CharField(max_length=64)
    tekst = models.TextField(blank=True)
    html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    gebruikt = models.DateTimeField(help_text="Laatst gepland (zie planning.plan_mails)")

    class Meta:
        verbose_name_plural = "inhouden"

    def __str__(self) -> str:
        return self.sha256[:12]
