"""The open-data register: every open dataset the portal publishes, derived from the registries, and
its DCAT-AP-DONL 1.1 catalogue in JSON-LD for data.overheid.nl to harvest.

Datasets come from providers (`@dataset_bron`): kaartlagen gives the public vector layers (OGC API –
Features and downloads) and the basemap services; an app above registers its own from its
`AppConfig.ready()` (buurtberichten: its Atom and iCalendar feeds). Nothing here is a hand-kept list.

The values follow the DCAT-AP-DONL 1.1 value lists (waardelijsten.dcat-ap-donl.nl): licences from
overheid:license, language from donl:language, themes from overheid:taxonomiebeleidsagenda (OWMS),
frequency and file types from the EU Publications Office lists, media types from IANA. The publisher
and authority are the municipality's OWMS URI, as donl:organization requires, with its TOOI URI as
owl:sameAs (`kern.gemeente`). See docs/open-data.md.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kaartlagen.basiskaart import diensten as basiskaart
from kaartlagen.bronnen import CC0, CC_BY, VECTOR_BRONNEN
from kaartlagen.models import Kaartlaag
from kern import gemeente
from kern.crs import RD_NEW, WGS84

NLD = "http://publications.europa.eu/resource/authority/language/NLD"
OWMS = "http://standaarden.overheid.nl/owms/terms/"
FREQUENTIE = "http://publications.europa.eu/resource/authority/frequency/"
BESTANDSTYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"
BESCHIKBAAR = "http://data.overheid.nl/status/beschikbaar"
RUIMTE = "Ruimte_en_infrastructuur"
# In words for the register page.
LICENTIES = {CC0: "CC0: vrij te gebruiken", CC_BY: "CC BY 4.0: vrij te gebruiken, met bronvermelding"}
FREQUENTIES = {"CONT": "Steeds, zodra er iets verandert", "IRREG": "Na elke nieuwe levering van de bron"}


@dataclass(frozen=True)
class Distributie:
    titel: str
    beschrijving: str
    toegang: str  # dcat:accessURL
    formaat: str  # EU file type: GEOJSON, CSV, WMS_SRVC, …
    media_type: str  # IANA, e.g. application/geo+json
    download: str | None = None  # dcat:downloadURL, for a file as a whole


@dataclass(frozen=True)
class Dataset:
    sleutel: str  # unique in the catalogue, part of the identifier
    titel: str
    beschrijving: str
    licentie: str
    frequentie: str  # a code of the EU frequency list (IRREG, CONT, …)
    gewijzigd: date
    distributies: list[Distributie]
    landingspagina: str
    thema: str = RUIMTE  # an OWMS term of the Taxonomie Beleidsagenda
    trefwoorden: list[str] = field(default_factory=list)

    @property
    def licentie_tekst(self) -> str:
        return LICENTIES.get(self.licentie, self.licentie)

    @property
    def frequentie_tekst(self) -> str:
        return FREQUENTIES.get(self.frequentie, self.frequentie)


DatasetBron = Callable[[str], Iterable[Dataset]]
BRONNEN: list[DatasetBron] = []


def dataset_bron(functie: DatasetBron) -> DatasetBron:
    """Register a provider: `functie(basis_url)` yields the Datasets an app publishes."""
    if functie not in BRONNEN:
        BRONNEN.append(functie)
    return functie


def datasets(basis: str) -> list[Dataset]:
    """Every open dataset, `basis` being the site's absolute root URL (no trailing slash)."""
    return [dataset for bron in BRONNEN for dataset in bron(basis)]


def _laatst_gewijzigd(bron) -> date:
    """From the table when the source says how; otherwise today (data that changes all the time)."""
    if bron.gewijzigd:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {bron.gewijzigd} FROM {bron.tabel} t WHERE {bron.filter}")  # noqa: S608
            (waarde,) = cursor.fetchone()
        if waarde:
            return timezone.localdate(waarde)
    return timezone.localdate()


@dataset_bron
def kaartlagen(basis: str) -> Iterable[Dataset]:
    """Each public vector layer: OGC API – Features and the two whole-layer downloads."""
    naam = gemeente.huidige().naam
    for laag in Kaartlaag.objects.open_data():
        bron = VECTOR_BRONNEN[laag.bron]
        collectie = basis + reverse("kaartlagen:ogc-collectie", args=[laag.naam])
        geojson = basis + reverse("kaartlagen:download", args=[laag.naam, "geojson"])
        csv = basis + reverse("kaartlagen:download", args=[laag.naam, "csv"])
        yield Dataset(
            sleutel=f"kaartlaag-{laag.naam}",
            titel=f"{laag.titel} (gemeente {naam})",
            beschrijving=(
                f"De kaartlaag '{laag.titel}' van het omgevingsloket van gemeente {naam}, met de "
                f"eigenschappen {', '.join(bron.attributen)}."
                + (f" Bron: {laag.attributie}." if laag.attributie else "")
            ),
            licentie=bron.licentie,
            frequentie=bron.frequentie,
            gewijzigd=_laatst_gewijzigd(bron),
            landingspagina=collectie + "?f=html",
            trefwoorden=[laag.groep, "kaart", "open data"],
            distributies=[
                Distributie(
                    "OGC API – Features",
                    f"De objecten van '{laag.titel}' per pagina, met bbox en keuze uit WGS84 of RD.",
                    basis + reverse("kaartlagen:ogc-items", args=[laag.naam]),
                    "GEOJSON",
                    "application/geo+json",
                ),
                Distributie(
                    "Download als GeoJSON",
                    f"De hele laag '{laag.titel}' in één bestand (WGS84).",
                    geojson,
                    "GEOJSON",
                    "application/geo+json",
                    download=geojson,
                ),
                Distributie(
                    "Download als CSV",
                    f"De hele laag '{laag.titel}' als tabel, met de geometrie als WKT (WGS84).",
                    csv,
                    "CSV",
                    "text/csv",
                    download=csv,
                ),
            ],
        )


@dataset_bron
def basiskaarten(basis: str) -> Iterable[Dataset]:
    """The basemap, drawn from our BGT: WMS, WMTS and XYZ tiles."""
    naam = gemeente.huidige().naam
    algemeen = [_als_distributie(e) for e in basiskaart.diensten(basis) if e.bestandstype]
    for laag in basiskaart.lagen():
        tegels = [_als_distributie(e) for e in basiskaart.tegels(basis, laag)]
        yield Dataset(
            sleutel=f"basiskaart-{laag.naam}",
            titel=f"{laag.titel} (gemeente {naam})",
            beschrijving=(
                f"Een achtergrondkaart van gemeente {naam}, getekend uit de Basisregistratie "
                "Grootschalige Topografie (BGT). Als WMS, WMTS en kant-en-klare tegels in RD en Web Mercator."
            ),
            licentie=CC0,
            frequentie="IRREG",
            gewijzigd=_laatst_gewijzigd(VECTOR_BRONNEN["bgt"]),
            landingspagina=basis + reverse("kaartlagen:basiskaart"),
            trefwoorden=["basiskaart", "BGT", "WMS", "WMTS"],
            distributies=[*algemeen, *tegels],
        )


def _als_distributie(eindpunt) -> Distributie:
    return Distributie(
        eindpunt.titel, eindpunt.uitleg, eindpunt.url, eindpunt.bestandstype, eindpunt.media_type
    )


def _bbox_wkt() -> str:
    """The municipality's bbox as a WKT polygon in WGS84 (lon lat), for dct:spatial."""
    from django.contrib.gis.geos import Polygon

    vak = Polygon.from_bbox(gemeente.huidige().bbox_rd)
    vak.srid = RD_NEW
    vak.transform(WGS84)
    minx, miny, maxx, maxy = (round(v, 6) for v in vak.extent)
    return f"POLYGON(({minx} {miny},{maxx} {miny},{maxx} {maxy},{minx} {maxy},{minx} {miny}))"


def _tekst(waarde: str) -> dict:
    return {"@value": waarde, "@language": "nl"}


def _id(uri: str) -> dict:
    return {"@id": uri}


def _datum(d: date) -> dict:
    return {"@value": d.isoformat(), "@type": "xsd:date"}


CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "adms": "http://www.w3.org/ns/adms#",
    "overheid": OWMS,
    "locn": "http://www.w3.org/ns/locn#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "gsp": "http://www.opengis.net/ont/geosparql#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def catalogus(basis: str, zelf: str) -> dict:
    """The DCAT-AP-DONL 1.1 catalogue as a JSON-LD document (`zelf`: its own URL)."""
    g = gemeente.huidige()
    uitgever = {
        "@id": g.owms,
        "@type": "foaf:Organization",
        "foaf:name": f"Gemeente {g.naam}",
        # The same organisation in TOOI, the list the government's newer registers use.
        "owl:sameAs": _id(g.tooi),
        **({"dct:identifier": g.oin} if g.oin else {}),
    }
    contact = {
        "@type": "vcard:Organization",
        "vcard:fn": f"Gemeente {g.naam}",
        **({"vcard:hasEmail": _id(f"mailto:{g.email}")} if g.email else {}),
        **({"vcard:hasTelephone": g.telefoon} if g.telefoon else {}),
        **({"vcard:hasURL": _id(g.website)} if g.website else {}),
    }
    ruimte = {"@type": "dct:Location", "dcat:bbox": {"@value": _bbox_wkt(), "@type": "gsp:wktLiteral"}}
    alle = datasets(basis)

    def dataset(d: Dataset) -> dict:
        return {
            "@id": f"{zelf}#{d.sleutel}",
            "@type": "dcat:Dataset",
            "dct:identifier": f"{zelf}#{d.sleutel}",
            "dct:title": _tekst(d.titel),
            "dct:description": _tekst(d.beschrijving),
            "dcat:keyword": [_tekst(t) for t in d.trefwoorden],
            "dct:language": [_id(NLD)],
            "dcat:theme": [_id(OWMS + d.thema)],
            "dct:modified": _datum(d.gewijzigd),
            "overheid:authority": _id(g.owms),
            "dct:publisher": uitgever,
            "dcat:contactPoint": contact,
            "dct:license": _id(d.licentie),
            "dct:accrualPeriodicity": _id(FREQUENTIE + d.frequentie),
            "dct:spatial": ruimte,
            "adms:status": _id(BESCHIKBAAR),
            "dcat:landingPage": _id(d.landingspagina),
            # DCAT-AP-DONL asks the language of the metadata apart from that of the data.
            "foaf:isPrimaryTopicOf": {"@type": "dcat:CatalogRecord", "dct:language": _id(NLD)},
            "dcat:distribution": [distributie(d, x) for x in d.distributies],
        }

    def distributie(d: Dataset, x: Distributie) -> dict:
        return {
            "@type": "dcat:Distribution",
            "dct:title": _tekst(x.titel),
            "dct:description": _tekst(x.beschrijving),
            "dcat:accessURL": _id(x.toegang),
            **({"dcat:downloadURL": _id(x.download)} if x.download else {}),
            "dct:format": _id(BESTANDSTYPE + x.formaat),
            "dcat:mediaType": _id(IANA + x.media_type),
            "dct:license": _id(d.licentie),
            "dct:language": [_id(NLD)],
            "dct:modified": _datum(d.gewijzigd),
        }

    return {
        "@context": CONTEXT,
        "@id": zelf,
        "@type": "dcat:Catalog",
        "dct:title": _tekst(f"Open data van het omgevingsloket van gemeente {g.naam}"),
        "dct:description": _tekst(
            "Alle open datasets die het omgevingsloket publiceert: kaartlagen, downloads, de "
            "basiskaart en de feeds van buurtberichten."
        ),
        "dct:publisher": uitgever,
        "dct:language": [_id(NLD)],
        "dct:license": _id(CC0),
        "dct:spatial": ruimte,
        "dct:modified": _datum(max((d.gewijzigd for d in alle), default=timezone.localdate())),
        "foaf:homepage": _id(basis + reverse("kaartlagen:open-data")),
        "dcat:themeTaxonomy": _id(OWMS + "TaxonomieBeleidsagenda"),
        "dcat:dataset": [dataset(d) for d in alle],
    }
