"""The toepasbare-regels API in the shape of the DSO services, so DSO clients feel at home:
Uitvoeren services v3 (conclusie/_bepaal, indieningsvereisten/_bepaal, maatregelen/_bepaal, toelichtingen) and the
Zoekinterface v2 (werkzaamheden/_zoek). Plus /api/vergunningcheck/sessies for permalinks."""

import re

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from kern.api import ApiFout, ProbleemSerializer, query_params
from kern.crs import RD_NEW, WGS84, srid_from_content_crs
from kern.gemeente import huidige

from . import werkzaamheden
from .models import ToepasbareRegelBestand
from .plek import Plek, uit_geojson
from .regelset import geladen, geldig_op
from .sttr.antwoorden import lees_datum
from .vergunningcheck import Check

ANTWOORDTYPE = {
    "boolean": "boolean",
    "number": "numeriek",
    "list": "lijstwaarde",
    "date": "datum",
    "string": "string",
}


# The limits of a _bepaal body, shared by its serializer and gewone_invoer.
MAX_ID, MAX_ANTWOORD, MAX_REF, MAX_REFS, MAX_FEIT = 200, 1000, 500, 10, 100


class AntwoordSerializer(serializers.Serializer):
    id = serializers.CharField(max_length=MAX_ID)
    antwoord = serializers.CharField(max_length=MAX_ANTWOORD, allow_blank=True, trim_whitespace=False)


class RefSerializer(serializers.Serializer):
    functioneleStructuurRef = serializers.CharField(max_length=MAX_REF)  # noqa: N815 (DSO field name)
    antwoorden = AntwoordSerializer(many=True, required=False, default=list)


class GeoSerializer(serializers.Serializer):
    intersects = serializers.JSONField(
        help_text="GeoJSON Point of Polygon, in het CRS van de Content-Crs-header"
    )


class BepaalSerializer(serializers.Serializer):
    functioneleStructuurRefs = RefSerializer(many=True, min_length=1, max_length=MAX_REFS)  # noqa: N815
    _geo = GeoSerializer()
    datum = serializers.CharField(required=False, help_text="peildatum dd-MM-jjjj (standaard vandaag)")
    betwisteFeiten = serializers.ListField(  # noqa: N815
        child=serializers.CharField(max_length=MAX_FEIT),
        required=False,
        default=list,
        help_text="feiten die volgens de gebruiker niet kloppen: die vragen worden dan gesteld",
    )

    def get_fields(self):
        fields = super().get_fields()
        fields["_geo"] = fields.pop("_geo")  # DRF skips names starting with _ unless declared like this
        return fields


# What DRF's CharField refuses in any string: NUL and lone surrogates.
_GEWEIGERD = re.compile("[\x00\ud800-\udfff]")


def _tekst(waarde, maximum: int | None = None, trim: bool = True) -> str | None:
    """The string BepaalSerializer's CharField makes of `waarde` when it is a plain string it accepts."""
    if type(waarde) is not str or _GEWEIGERD.search(waarde):
        return None
    tekst = waarde.strip() if trim else waarde
    return tekst if (tekst or not trim) and (maximum is None or len(tekst) <= maximum) else None


def _teksten(waarden, maximum: int) -> list[str] | None:
    if type(waarden) is not list:
        return None
    uit = [_tekst(w, maximum) for w in waarden]
    return None if None in uit else uit


def _gewone_ref(ref) -> dict | None:
    if type(ref) is not dict or (naam := _tekst(ref.get("functioneleStructuurRef"), MAX_REF)) is None:
        return None
    antwoorden = ref.get("antwoorden", [])
    if type(antwoorden) is not list:
        return None
    gelezen = []
    for a in antwoorden:
        if type(a) is not dict:
            return None
        id_, antwoord = _tekst(a.get("id"), MAX_ID), _tekst(a.get("antwoord"), MAX_ANTWOORD, trim=False)
        if id_ is None or antwoord is None:
            return None
        gelezen.append({"id": id_, "antwoord": antwoord})
    return {"functioneleStructuurRef": naam, "antwoorden": gelezen}


def gewone_invoer(data) -> dict | None:
    """BepaalSerializer's validated_data for a body of plain strings within its limits, read without
    it: DRF's nested serializer copies its fields on every request, a sixth of a step's CPU. Anything
    else (another type, a missing field, a limit crossed) gives None and goes through the serializer,
    so every error reads as before; tests compare the two."""
    if type(data) is not dict or type(geo := data.get("_geo")) is not dict or geo.get("intersects") is None:
        return None
    refs = data.get("functioneleStructuurRefs")
    if type(refs) is not list or not 1 <= len(refs) <= MAX_REFS:
        return None
    gelezen = [_gewone_ref(r) for r in refs]
    betwist = _teksten(data.get("betwisteFeiten", []), MAX_FEIT)
    if None in gelezen or betwist is None:
        return None
    uit = {
        "functioneleStructuurRefs": gelezen,
        "_geo": {"intersects": geo["intersects"]},
        "betwisteFeiten": betwist,
    }
    if "datum" in data:
        if (datum := _tekst(data["datum"])) is None:
            return None
        uit["datum"] = datum
    return uit


def _invoer(request) -> dict:
    if (gelezen := gewone_invoer(request.data)) is not None:
        return gelezen
    data = BepaalSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    return data.validated_data


def _peildatum(tekst: str | None):
    if not tekst:
        return None
    if (datum := lees_datum(tekst)) is None:
        raise ApiFout("datum_ongeldig", "Geef de datum als dd-mm-jjjj.")
    return datum


def _srid(content_crs: str) -> int:
    crs = content_crs.strip()
    if not crs:
        raise ApiFout(
            "content_crs_ontbreekt",
            f"Geef het coördinatenstelsel op in de header Content-Crs (bijv. EPSG:{RD_NEW}).",
        )
    srid = srid_from_content_crs(crs)
    if srid is None:
        raise ApiFout(
            "content_crs_onbekend",
            f"Onbekend coördinatenstelsel {crs[:100]!r}: gebruik EPSG:{RD_NEW} of EPSG:{WGS84}.",
        )
    return srid


def _uitvoeren(request, typering: str) -> list[dict]:
    return bepaal(_invoer(request), request.headers.get("Content-Crs", ""), typering)


def bepaal(v: dict, content_crs: str, typering: str) -> list[dict]:
    """A _bepaal call's answer for its read body and Content-Crs header; for the view and its fast
    path (toepasbare_regels.snelpad)."""
    # One place for every ref: its locaties and facts are looked up once per request.
    plek = Plek(uit_geojson(v["_geo"]["intersects"], _srid(content_crs)), _peildatum(v.get("datum")))
    uit = []
    for ref in v["functioneleStructuurRefs"]:
        antwoorden = {a["id"]: a["antwoord"] for a in ref["antwoorden"]}
        resultaat = Check(
            [ref["functioneleStructuurRef"]], plek, antwoorden, set(v["betwisteFeiten"]), typering
        ).uitvoeren()
        uit.append(_dso(ref["functioneleStructuurRef"], resultaat, typering))
    return uit


def _vraag(q: dict) -> dict:
    return {
        "id": q["id"],
        "tekst": q["tekst"],
        "antwoordType": ANTWOORDTYPE.get(q["type"], "string"),
        "opties": [{"optieTekst": o} for o in q["opties"]],
        "toelichtingId": q["id"] if q["toelichting"] else None,
        "bijlage": q["bijlage"],
        # Our addition: a number's unit and bounds from the rule's itemDefinition (sttr.grenzen).
        **{k: q[k] for k in ("eenheid", "minimum", "maximum") if q.get(k)},
    }


def _per_typering(a: dict, typering: str) -> dict:
    """Indieningsvereisten: indienbaar, and while it is not, every question and bijlage still open (or
    why it cannot be decided). Maatregelen: the voorschriften and maatregelen that apply."""
    if typering == "Indieningsvereisten":
        return {
            "indienbaar": a.get("uitkomst") == "ja",
            "openVragen": [_vraag(v.als_dict()) for v in a.get("open_vragen", [])],
            "redenen": a.get("redenen", []),
        }
    if typering == "Maatregelen" and "uitkomst" in a:
        return {"voorschriften": a.get("voorschriften", []), "maatregelen": a.get("maatregelen", [])}
    return {}


def _dso(ref: str, r: dict, typering: str = "Conclusie") -> dict:
    """Our check result in the DSO Uitvoeren v3 shape (per activiteit conclusies or vraaggroepen)."""
    vraaggroepen = []
    if r["vraaggroep"]:
        vraaggroepen = [
            {
                "omschrijving": r["vraaggroep"]["naam"],
                "vragen": [_vraag(q) for q in r["vraaggroep"]["vragen"]],
            }
        ]
    return {
        "functioneleStructuurRef": ref,
        "activiteiten": [
            {
                "identificatie": a["activiteit"],
                "omschrijving": a["naam"],
                "bestuursorgaan": {"bestuurslaag": "gemeente", "organisatieCode": huidige().code},
                **_per_typering(a, typering),
                "conclusies": (
                    [
                        {
                            "toestemmingstype": {
                                "code": a["conclusie"]["code"],
                                "waarde": a["conclusie"]["tekst"],
                            }
                        }
                        | {
                            k: a[k]
                            for k in (
                                "toelichting",
                                "artikelen",
                                "waarom",
                                "werkingsgebieden",
                                "voorbehouden",
                                "acties",
                            )
                            if k in a
                        }
                        | (
                            {"indieningsvereisten": a["indieningsvereisten"]}
                            if "indieningsvereisten" in a
                            else {}
                        )
                    ]
                    if a.get("conclusie")
                    else []
                ),
                "vraaggroepen": vraaggroepen if a.get("open_vragen") else [],
            }
            for a in r["activiteiten"]
        ],
        "feiten": r["feiten"],
        "nogVragen": r["nog_vragen"],
        "peildatum": r["peildatum"],
    }


_BEPAAL_SCHEMA = {
    "request": BepaalSerializer,
    "responses": {200: OpenApiTypes.OBJECT, 400: ProbleemSerializer},
    "parameters": [
        OpenApiParameter(
            "Content-Crs",
            str,
            OpenApiParameter.HEADER,
            required=True,
            description=f"EPSG:{RD_NEW} of EPSG:{WGS84}",
        )
    ],
}


class ConclusieBepaalView(APIView):
    @extend_schema(
        summary="Vergunningcheck: conclusie per activiteit, of de volgende vragen", **_BEPAAL_SCHEMA
    )
    def post(self, request):
        return Response(_uitvoeren(request, "Conclusie"))


class IndieningsvereistenBepaalView(APIView):
    @extend_schema(
        summary="Indieningsvereisten: indienbaar, of de vragen en bijlagen die nog nodig zijn",
        **_BEPAAL_SCHEMA,
    )
    def post(self, request):
        return Response(_uitvoeren(request, "Indieningsvereisten"))


class MaatregelenBepaalView(APIView):
    @extend_schema(
        summary="Maatregelen: de voorschriften en maatregelen die gelden, of de volgende vragen",
        **_BEPAAL_SCHEMA,
    )
    def post(self, request):
        return Response(_uitvoeren(request, "Maatregelen"))


class ToelichtingSerializer(serializers.Serializer):
    id = serializers.CharField()
    toelichting = serializers.CharField()


class ToelichtingView(APIView):
    @extend_schema(
        summary="De uitleg bij een vraag", responses={200: ToelichtingSerializer, 404: ProbleemSerializer}
    )
    def get(self, request, ident: str):
        sleutel, _, uitv = ident.partition(".")
        for row in ToepasbareRegelBestand.objects.defer("dmn").filter(
            geldig_op(timezone.localdate()), sleutel=sleutel
        ):
            model, _ = geladen(row)
            regel = model.uitvoeringsregel(uitv)
            if regel and (regel.toelichting or regel.lange_toelichting):
                return Response({"id": ident, "toelichting": regel.lange_toelichting or regel.toelichting})
        raise ApiFout(
            "toelichting_onbekend", f"Geen toelichting met id {ident[:120]!r}.", "Niet gevonden", 404
        )


class ZoekSerializer(serializers.Serializer):
    zoekterm = serializers.CharField(max_length=werkzaamheden.MAX_ZOEKTERM, allow_blank=True)


class WerkzaamheidSerializer(serializers.Serializer):
    urn = serializers.CharField()
    omschrijving = serializers.CharField()
    toelichting = serializers.CharField()
    functioneleStructuurRef = serializers.CharField()  # noqa: N815
    trefwoorden = serializers.ListField(child=serializers.CharField())
    score = serializers.FloatField()


class WerkzaamhedenZoekView(APIView):
    @extend_schema(
        summary="Werkzaamheden zoeken op de woorden die mensen gebruiken",
        request=ZoekSerializer,
        responses={200: OpenApiTypes.OBJECT, 400: ProbleemSerializer},
    )
    def post(self, request):
        data = ZoekSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        uitkomst = werkzaamheden.zoek(data.validated_data["zoekterm"])
        aantal = len(uitkomst.treffers)
        return Response(
            {
                "_embedded": {
                    "werkzaamheden": [
                        {
                            "urn": t.werkzaamheid.urn,
                            "omschrijving": t.werkzaamheid.naam,
                            "toelichting": t.werkzaamheid.omschrijving,
                            "functioneleStructuurRef": t.werkzaamheid.functionele_structuur_ref,
                            "trefwoorden": t.werkzaamheid.synoniemen,
                            "score": t.score,
                        }
                        for t in uitkomst.treffers
                    ]
                },
                # False: nothing fitted; these are the nearest few (our addition to the DSO shape).
                "passend": uitkomst.passend,
                "page": {"size": aantal, "totalElements": aantal, "totalPages": 1, "number": 1},
            }
        )


class SuggestParams(serializers.Serializer):
    q = serializers.CharField(max_length=werkzaamheden.MAX_ZOEKTERM, allow_blank=True)


class WerkzaamheidSuggestieSerializer(serializers.Serializer):
    urn = serializers.CharField()
    weergavenaam = serializers.CharField(help_text="De naam van de werkzaamheid")
    passend = serializers.BooleanField(help_text="Onwaar: niets paste, dit is een van de dichtstbijzijnde")


class WerkzaamhedenSuggestView(APIView):
    """The suggestions under the search field of the vergunningcheck while typing: the same search as
    the page and werkzaamheden/_zoek (`werkzaamheden.zoek`), in the shape of the address suggestions."""

    @extend_schema(
        summary="Werkzaamheden voorstellen tijdens het typen",
        parameters=[SuggestParams],
        responses={200: WerkzaamheidSuggestieSerializer(many=True), 400: ProbleemSerializer},
    )
    def get(self, request):
        uitkomst = werkzaamheden.zoek(query_params(SuggestParams, request)["q"], 5)
        return Response(
            [
                {"urn": t.werkzaamheid.urn, "weergavenaam": t.werkzaamheid.naam, "passend": uitkomst.passend}
                for t in uitkomst.treffers
            ]
        )
