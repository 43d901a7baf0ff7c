"""The sample vergunningaanvragen and werkzaamheden of `make run`: in every buurt, with activiteiten,
decided and open ones, some werkzaamheden running today; written once; no outbox events."""

from loket.buurtdashboard import broncellen
from loket.buurtdashboard.models import Broncel
from loket.zaken.models import Gebeurtenis
from tests.loket.buurtdashboard.conftest import gebied  # noqa: F401 - the fixture


def test_voorbeeldaanvragen_en_werkzaamheden_in_elke_buurt(gebied):  # noqa: F811
    from dev.sample.berichten_historie import maak_werkzaamheden
    from dev.sample.vergunningen import maak_aanvragen

    stil = lambda *_: None  # noqa: E731
    aanvragen = maak_aanvragen(schrijf=stil)
    werk = maak_werkzaamheden(schrijf=stil)
    assert aanvragen > 100 and werk > 20
    assert (maak_aanvragen(schrijf=stil), maak_werkzaamheden(schrijf=stil)) == (0, 0)  # once
    assert not Gebeurtenis.objects.exists()
    broncellen.ververs_alles()
    totaal = Broncel.objects.filter(bron="vergunningen", sleutel="")
    per_buurt = {c.buurtcode for c in totaal.filter(maat="aangevraagd")}
    assert per_buurt == {"BU04006101", "BU04006102", "BU04006201", "BU04006202"}
    assert sum(c.aantal for c in totaal.filter(maat="aangevraagd")) == aanvragen
    assert totaal.filter(maat="besloten").exists() and totaal.filter(maat="open").exists()
    activiteiten = set(
        Broncel.objects.filter(bron="vergunningen").exclude(sleutel="").values_list("naam", flat=True)
    )
    assert {"Dakkapel plaatsen", "Houtopstand vellen"} <= activiteiten
    assert Broncel.objects.filter(bron="buurtberichten", sleutel="werkzaamheden", maat="bezig").exists()
