"""The open-data register and its DCAT-AP-DONL 1.1 catalogue (JSON-LD).

Where the rules come from:
- required and recommended properties of Dataset and Distribution: DCAT-AP-DONL 1.1,
  https://github.com/dataoverheid/readthedocs-dcat-ap-donl-1.1 (source/classes-dataset.rst and
  source/classes-distribution.rst), as data.overheid.nl's CKAN schema enforces them
  (dataoverheid/ckanext-dataoverheid, ckanext/dataoverheid/schema/dcat_ap_donl_schema.py);
- value lists: source/valuelists.rst there, published at https://waardelijsten.dcat-ap-donl.nl/:
  overheid_license.json (the Creative Commons deed.nl URIs below), donl_language.json (EU language
  authority), overheid_taxonomiebeleidsagenda.json (OWMS terms), overheid_frequency.json ("overgenomen
  van het Publicatiebureau van de EU": the EU frequency authority), mdr_filetype_nal.json (the EU
  file-type authority) and iana_mediatypes.json. Only the values the portal can use are copied here.
- the publisher/authority: donl_organization.json (donl:organization), whose organisations are OWMS
  terms, http://standaarden.overheid.nl/owms/terms/<term> (e.g. "Groningen_(gemeente)"; read in
  dataoverheid/ckanext-dataoverheid config.json and the Samenwerkende Catalogi examples), with the
  TOOI URI (identifier.overheid.nl) of the same organisation as owl:sameAs.
"""

import re

import pytest

from kaartlagen.models import Kaartlaag
from tests.support import factories as f

pytestmark = pytest.mark.django_db

LICENTIES = {
    "http://creativecommons.org/publicdomain/zero/1.0/deed.nl",
    "http://creativecommons.org/licenses/by/4.0/deed.nl",
    "http://creativecommons.org/licenses/by-sa/4.0/deed.nl",
    "http://creativecommons.org/publicdomain/mark/1.0/deed.nl",
}
TALEN = {f"http://publications.europa.eu/resource/authority/language/{t}" for t in ("NLD", "ENG", "FRY")}
THEMAS = {
    f"http://standaarden.overheid.nl/owms/terms/{t}"
    for t in (
        "Bestuur",
        "Cultuur_en_recreatie",
        "Economie",
        "Financiën",
        "Huisvesting_(thema)",
        "Internationaal",
        "Landbouw_(thema)",
        "Migratie_en_integratie",
        "Natuur_en_milieu",
        "Onderwijs_en_wetenschap",
        "Openbare_orde_en_veiligheid",
        "Recht_(thema)",
        "Ruimte_en_infrastructuur",
        "Ruimtelijke_ordening",
        "Sociale_zekerheid",
        "Verkeer_(thema)",
        "Werk_(thema)",
        "Zorg_en_gezondheid",
    )
}
FREQUENTIES = {
    f"http://publications.europa.eu/resource/authority/frequency/{c}"
    for c in ("CONT", "DAILY", "WEEKLY", "WEEKLY_2", "MONTHLY", "QUARTERLY", "ANNUAL", "ANNUAL_2", "BIENNIAL")
    + ("IRREG", "UNKNOWN")
}
BESTANDSTYPEN = {
    f"http://publications.europa.eu/resource/authority/file-type/{c}"
    for c in (
        "GEOJSON",
        "JSON",
        "CSV",
        "WMS_SRVC",
        "WMTS_SRVC",
        "WFS_SRVC",
        "PNG",
        "ATOM",
        "ICS",
        "HTML",
        "XML",
    )
}
MEDIA_TYPE = re.compile(r"^https://www\.iana\.org/assignments/media-types/[a-z]+/[-+.\w]+$")
DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URI = re.compile(r"^https?://\S+$")
OWMS_ORGANISATIE = re.compile(r"^http://standaarden\.overheid\.nl/owms/terms/[^/\s?#]+$")
TOOI_GEMEENTE = re.compile(r"^https://identifier\.overheid\.nl/tooi/id/gemeente/gm\d{4}$")


def _tekst(waarde) -> str:
    assert isinstance(waarde, dict) and waarde["@language"] == "nl" and waarde["@value"].strip()
    return waarde["@value"]


def _ids(waarde) -> list[str]:
    lijst = waarde if isinstance(waarde, list) else [waarde]
    assert lijst, "leeg"
    return [w["@id"] for w in lijst]


def _controleer_dataset(d: dict, gemeente) -> None:
    # Mandatory (classes-dataset.rst: man)
    assert URI.match(d["dct:identifier"]) and d["@id"] == d["dct:identifier"]
    _tekst(d["dct:title"]), _tekst(d["dct:description"])
    assert set(_ids(d["dct:language"])) <= TALEN
    assert set(_ids(d["foaf:isPrimaryTopicOf"]["dct:language"])) <= TALEN  # metadataLanguage
    assert set(_ids(d["dcat:theme"])) <= THEMAS
    assert d["dct:modified"]["@type"] == "xsd:date" and DATUM.match(d["dct:modified"]["@value"])
    assert _ids(d["overheid:authority"]) == [gemeente.owms] == [d["dct:publisher"]["@id"]]
    assert OWMS_ORGANISATIE.match(gemeente.owms), gemeente.owms
    _controleer_uitgever(d["dct:publisher"], gemeente)
    contact = d["dcat:contactPoint"]
    assert contact["vcard:fn"] and contact["vcard:hasEmail"] == {"@id": f"mailto:{gemeente.email}"}
    # Recommended / optional, filled and from the lists
    assert _ids(d["dct:license"])[0] in LICENTIES
    assert _ids(d["dct:accrualPeriodicity"])[0] in FREQUENTIES
    assert d["dct:spatial"]["dcat:bbox"]["@value"].startswith("POLYGON((")
    assert URI.match(_ids(d["dcat:landingPage"])[0])
    assert d["dcat:distribution"], f"{d['@id']} heeft geen distributie"
    for x in d["dcat:distribution"]:
        # Mandatory (classes-distribution.rst: man)
        assert URI.match(_ids(x["dcat:accessURL"])[0])
        assert _ids(x["dct:license"])[0] in LICENTIES
        _tekst(x["dct:title"]), _tekst(x["dct:description"])
        assert set(_ids(x["dct:language"])) <= TALEN
        assert _ids(x["dct:format"])[0] in BESTANDSTYPEN, x["dct:format"]
        # Recommended
        assert MEDIA_TYPE.match(_ids(x["dcat:mediaType"])[0]), x["dcat:mediaType"]
        if "dcat:downloadURL" in x:
            assert URI.match(_ids(x["dcat:downloadURL"])[0])


def _controleer_uitgever(uitgever: dict, gemeente) -> None:
    assert uitgever["@id"] == gemeente.owms and uitgever["foaf:name"] == f"Gemeente {gemeente.naam}"
    assert (
        TOOI_GEMEENTE.match(_ids(uitgever["owl:sameAs"])[0])
        and uitgever["owl:sameAs"]["@id"] == gemeente.tooi
    )


def _catalogus(client) -> dict:
    response = client.get("/open-data/catalogus.jsonld")
    assert response.status_code == 200 and response["Content-Type"] == "application/ld+json"
    return response.json()


def test_every_dataset_and_distribution_meets_dcat_ap_donl(client, adressen):
    from kern import gemeente

    catalogus = _catalogus(client)
    assert (
        catalogus["@type"] == "dcat:Catalog" and catalogus["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    )
    _tekst(catalogus["dct:title"])
    datasets = catalogus["dcat:dataset"]
    assert len({d["@id"] for d in datasets}) == len(datasets), "identifiers zijn uniek"
    for d in datasets:
        _controleer_dataset(d, gemeente.huidige())
    _controleer_uitgever(catalogus["dct:publisher"], gemeente.huidige())


def test_publisher_is_the_configured_owms_term(client, adressen, settings):
    """Another gemeente names its own OWMS term by configuration; the catalogue follows it everywhere."""
    settings.GEMEENTE_NAAM, settings.GEMEENTE_CBS_CODE = "Groningen", "GM0014"
    settings.GEMEENTE_OWMS = "http://standaarden.overheid.nl/owms/terms/Groningen_(gemeente)"
    catalogus = _catalogus(client)
    uitgevers = {catalogus["dct:publisher"]["@id"]} | {
        w
        for d in catalogus["dcat:dataset"]
        for w in (d["dct:publisher"]["@id"], d["overheid:authority"]["@id"])
    }
    assert uitgevers == {settings.GEMEENTE_OWMS}
    assert catalogus["dct:publisher"]["owl:sameAs"] == {
        "@id": "https://identifier.overheid.nl/tooi/id/gemeente/gm0014"
    }


def test_the_datasets_come_from_the_registries(client, adressen):
    """Every public vector layer, the basemap and the buurtberichten feeds; a layer made or hidden in
    the admin appears or disappears without anything else changing."""
    ids = {d["@id"].split("#")[1] for d in _catalogus(client)["dcat:dataset"]}
    lagen = {f"kaartlaag-{n}" for n in Kaartlaag.objects.open_data().values_list("naam", flat=True)}
    basis = {
        f"basiskaart-{n}" for n in Kaartlaag.objects.filter(soort="basiskaart").values_list("naam", flat=True)
    }
    assert lagen and basis and ids == lagen | basis | {"buurtberichten"}

    Kaartlaag.objects.create(naam="extra-panden", titel="Extra panden", groep="Test", bron="bag_panden")
    Kaartlaag.objects.filter(naam="panden").update(publiek=False)
    ids = {d["@id"].split("#")[1] for d in _catalogus(client)["dcat:dataset"]}
    assert "kaartlaag-extra-panden" in ids and "kaartlaag-panden" not in ids


def test_a_layer_gives_ogc_and_downloads_with_its_sources_licence(client, adressen):
    datasets = {d["@id"].split("#")[1]: d for d in _catalogus(client)["dcat:dataset"]}
    panden, buurten = datasets["kaartlaag-panden"], datasets["kaartlaag-buurten"]
    assert panden["dct:license"]["@id"].endswith("publicdomain/zero/1.0/deed.nl")  # BAG: CC0
    assert buurten["dct:license"]["@id"].endswith("licenses/by/4.0/deed.nl")  # CBS: CC BY 4.0
    toegang = {x["dcat:accessURL"]["@id"] for x in panden["dcat:distribution"]}
    assert toegang == {
        "http://testserver/ogc/collections/panden/items",
        "http://testserver/download/panden.geojson",
        "http://testserver/download/panden.csv",
    }
    # The URLs answer, with the media type the catalogue promises.
    for x in panden["dcat:distribution"]:
        antwoord = client.get(x["dcat:accessURL"]["@id"].replace("http://testserver", ""))
        assert antwoord.status_code == 200
        assert antwoord["Content-Type"].split(";")[0] == x["dcat:mediaType"]["@id"].split("media-types/")[1]


def test_buurtberichten_feeds_per_buurt(client, adressen):
    f.BuurtFactory(code="BU04009999", naam="Nieuwe Buurt", bbox=(113300, 553300, 113400, 553400))
    [berichten] = [d for d in _catalogus(client)["dcat:dataset"] if d["@id"].endswith("#buurtberichten")]
    toegang = {x["dcat:accessURL"]["@id"]: x["dct:format"]["@id"] for x in berichten["dcat:distribution"]}
    atom = "http://testserver/buurtberichten/feeds/buurt/BU04009999.atom"
    ical = "http://testserver/buurtberichten/feeds/buurt/BU04009999.ics"
    assert toegang[atom].endswith("/ATOM") and toegang[ical].endswith("/ICS")
    assert client.get(atom.replace("http://testserver", "")).status_code == 200
    assert client.get(ical.replace("http://testserver", "")).status_code == 200


def test_the_register_page_lists_every_dataset_with_licence_and_frequency(client, adressen):
    pagina = client.get("/open-data/").content.decode()
    assert "<title>Open data – Omgevingsloket gemeente" in pagina
    for d in _catalogus(client)["dcat:dataset"]:
        assert d["dct:title"]["@value"] in pagina
    assert "CC BY 4.0: vrij te gebruiken, met bronvermelding" in pagina
    assert "Steeds, zodra er iets verandert" in pagina
    assert 'href="http://testserver/open-data/catalogus.jsonld"' in pagina
    assert 'href="/open-data/"' in client.get("/").content.decode(), "in het menu"
