"""The tables of the counts other apps register (`kaartlagen.gebiedsbronnen`, pre-aggregated in
`Broncel`): vergunningaanvragen and besluiten per activiteit, werkzaamheden and buurtberichten.
Like `overzicht.py`: raw numbers are read here and every count goes through `privacy.aantal`."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, DateField, F, Min, Q, Sum, When
from django.utils import timezone
from django.utils.formats import date_format

from loket.buurtdashboard import gebieden, grafieken, indicatoren, privacy
from loket.buurtdashboard.models import Broncel
from loket.buurtdashboard.tabel import Tabel

MAANDEN = 24
VERGUNNINGEN = "vergunningen"
BERICHTEN = "buurtberichten"


def eerste_maand(vandaag: date | None = None) -> date:
    """The first of the 24 full months before the running one."""
    vandaag = vandaag or timezone.localdate()
    return date(vandaag.year - MAANDEN // 12, vandaag.month, 1)


def maanden(sinds: date, vandaag: date | None = None) -> list[date]:
    """Every month from `sinds` up to and including the running one."""
    vandaag = vandaag or timezone.localdate()
    uit, m = [], sinds
    while m <= vandaag:
        uit.append(m)
        m = date(m.year + m.month // 12, m.month % 12 + 1, 1)
    return uit


def maandlabel(m: date, vandaag: date | None = None) -> str:
    """2026-11, and for the running month "2026-12 (lopend, t/m 5 december)": not a whole month yet."""
    vandaag = vandaag or timezone.localdate()
    if (m.year, m.month) == (vandaag.year, vandaag.month):
        return f"{m:%Y-%m} (lopend, t/m {date_format(vandaag, 'j F')})"
    return f"{m:%Y-%m}"


def sinds_tekst(sinds: date) -> str:
    return f"sinds {date_format(sinds, 'F Y')}"


@dataclass
class Cijfers:
    """One source's counts in one gebied: (sleutel, maat, maand) → aantal; maand None = now, or (for
    a sleutel other than "") the whole period."""

    per: dict[tuple[str, str, date | None], int] = field(default_factory=dict)
    namen: dict[str, str] = field(default_factory=dict)

    def totaal(self, maat: str, sleutel: str = "") -> int:
        """Over the whole period; sleutel "" is the source's own total (each thing once)."""
        return sum(n for (s, m, _), n in self.per.items() if m == maat and s == sleutel)

    def per_maand(self, maat: str, sleutel: str = "") -> dict[date, int]:
        uit: dict[date, int] = defaultdict(int)
        for (s, m, maand), n in self.per.items():
            if m == maat and s == sleutel and maand is not None:
                uit[maand] += n
        return uit


class Bronnen:
    """What one request reads of the sources, for all its gebieden at once: per source one query per
    level (gemeente, wijken, buurten), each summed in PostgreSQL; the tables share the result."""

    def __init__(self, sinds: date, gebieden_: list[gebieden.Gebied]):
        self.sinds = sinds
        self.gebieden = gebieden_
        self._cache: dict[str, dict[str, Cijfers]] = {}

    def __call__(self, bron: str, g: gebieden.Gebied) -> Cijfers:
        if bron not in self._cache:
            self._cache[bron] = self._lees(bron)
        return self._cache[bron].get(g.code) or Cijfers()

    def _lees(self, bron: str) -> dict[str, Cijfers]:
        basis = Broncel.objects.filter(bron=bron).filter(Q(maand__isnull=True) | Q(maand__gte=self.sinds))
        uit: dict[str, Cijfers] = {}
        per_soort = {
            soort: [g.code for g in self.gebieden if g.soort == soort]
            for soort in ("gemeente", "wijk", "buurt")
        }
        for soort, veld in (("gemeente", None), ("wijk", "wijkcode"), ("buurt", "buurtcode")):
            codes = per_soort[soort]
            if not codes:
                continue
            qs = basis.filter(**{f"{veld}__in": codes}) if veld else basis
            groep = [veld] if veld else []
            # Months only for the source's own total (sleutel ""): per activiteit or soort the tables show
            # totals, so those are summed over the months here (a fraction of the rows).
            rijen = (
                qs.annotate(m=Case(When(sleutel="", then=F("maand")), default=None, output_field=DateField()))
                .values_list(*groep, "sleutel", "maat", "m")
                .annotate(n=Sum("aantal"), naam=Min("naam"))
            )
            for *code, sleutel, maat, maand, n, naam in rijen:
                c = uit.setdefault(code[0] if veld else codes[0], Cijfers())
                c.per[(sleutel, maat, maand)] = n
                c.namen[sleutel] = naam
        return uit


def lees(bron: str, g: gebieden.Gebied, sinds: date) -> Cijfers:
    return Bronnen(sinds, [g])(bron, g)


def vergunningen(kol, lees_bron: Bronnen) -> Tabel:
    tabel = Tabel(
        "vergunningen",
        f"Aanvragen voor een vergunning, {sinds_tekst(lees_bron.sinds)}",
        ["gebied", "aangevraagd", "besluiten", "nu open", "trend aanvragen"],
        toelichting=(
            "Aanvragen die via het Omgevingsloket (DSO) binnenkwamen. Besluiten: aanvragen waarop in die "
            "periode een besluit is genomen. Nu open: nog geen besluit en niet ingetrokken, ook als de "
            "aanvraag ouder is."
        ),
    )
    cijfers = [lees_bron(VERGUNNINGEN, k) for k in kol]
    alle_maanden = maanden(lees_bron.sinds)
    per_maand = [c.per_maand("aangevraagd") for c in cijfers]
    trends = indicatoren.trends([[(m, pm.get(m, 0)) for m in alle_maanden] for pm in per_maand])
    for k, c, tr in zip(kol, cijfers, trends, strict=True):
        n = c.totaal("aangevraagd")
        trendtekst = tr["tekst"] if n >= privacy.DREMPEL else ("–" if not n else privacy.KLEIN)
        tabel.rijen.append(
            [
                k.naam,
                privacy.aantal(n),
                privacy.aantal(c.totaal("besloten")),
                privacy.aantal(c.totaal("open")),
                trendtekst,
            ]
        )
    return tabel


def _naast_gemeente(g: gebieden.Gebied) -> list[gebieden.Gebied]:
    return [g] if g.soort == "gemeente" else [g, gebieden.gemeente()]


def activiteiten(g: gebieden.Gebied, lees_bron: Bronnen) -> Tabel:
    vergelijk = _naast_gemeente(g)
    kop = ["activiteit"]
    for k in vergelijk:
        kop += [f"aangevraagd {k.naam}", f"besluiten {k.naam}", f"nu open {k.naam}"]
    tabel = Tabel(
        "activiteiten",
        f"Aanvragen en besluiten per activiteit, {sinds_tekst(lees_bron.sinds)}",
        kop,
        toelichting="Een aanvraag voor twee activiteiten telt bij allebei.",
    )
    cijfers = [lees_bron(VERGUNNINGEN, k) for k in vergelijk]
    namen = {**cijfers[-1].namen, **cijfers[0].namen}
    namen.pop("", None)  # the total over every activiteit
    for sleutel in sorted(namen, key=lambda s: namen[s].lower()):
        rij = [namen[sleutel]]
        for c in cijfers:
            rij += [privacy.aantal(c.totaal(m, sleutel)) for m in ("aangevraagd", "besloten", "open")]
        tabel.rijen.append(rij)
    return tabel


def vergunningmaanden(g: gebieden.Gebied, lees_bron: Bronnen) -> Tabel:
    vergelijk = _naast_gemeente(g)
    kop = ["maand"]
    for k in vergelijk:
        kop += [f"aangevraagd {k.naam}", f"besluiten {k.naam}"]
    tabel = Tabel(
        "vergunningmaanden",
        "Aanvragen voor een vergunning en besluiten per maand",
        kop,
        toelichting="De lopende maand is nog niet compleet; de grafiek laat hem weg.",
    )
    reeksen = [
        (
            lees_bron(VERGUNNINGEN, k).per_maand("aangevraagd"),
            lees_bron(VERGUNNINGEN, k).per_maand("besloten"),
        )
        for k in vergelijk
    ]
    for m in maanden(lees_bron.sinds):
        rij = [maandlabel(m)]
        for aan, bes in reeksen:
            rij += [privacy.aantal(aan.get(m, 0)), privacy.aantal(bes.get(m, 0))]
        tabel.rijen.append(rij)
    tabel.grafiek = grafieken.maandlijn(tabel.rijen, tabel.kop, "Aanvragen en besluiten per maand", "Aantal")
    return tabel


def berichten(kol, lees_bron: Bronnen) -> Tabel:
    tabel = Tabel(
        "berichten",
        "Werkzaamheden en buurtberichten",
        ["soort", *[k.naam for k in kol]],
        toelichting=(
            "Nu bezig: de begindatum is voorbij en de einddatum nog niet. Aangekondigd: begint later. "
            f"Gepubliceerd: berichten {sinds_tekst(lees_bron.sinds)}. Een bericht telt in de buurt waar "
            "het midden ervan ligt."
        ),
    )
    cijfers = [lees_bron(BERICHTEN, k) for k in kol]
    namen = {s: n for c in reversed(cijfers) for s, n in c.namen.items()}
    for maat, label in (
        ("bezig", "nu bezig"),
        ("aangekondigd", "aangekondigd"),
        ("gepubliceerd", "gepubliceerd"),
    ):
        for sleutel in sorted(namen, key=lambda s: namen[s].lower()):
            if maat != "gepubliceerd" and not any(c.totaal(maat, sleutel) for c in cijfers):
                continue  # only soorten with dates (werkzaamheden, evenementen) are ever "bezig"
            tabel.rijen.append(
                [f"{namen[sleutel]}: {label}", *[privacy.aantal(c.totaal(maat, sleutel)) for c in cijfers]]
            )
    return tabel
