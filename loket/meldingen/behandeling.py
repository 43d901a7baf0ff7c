"""What medewerkers do with a melding, for the HTML backoffice and the staff API alike: which meldingen
they may see, the filters of their list, the history, status changes and assignment."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from rest_framework import serializers

from loket.meldingen import selectie, services
from loket.meldingen.models import ZAAKTYPE, Melding
from loket.zaken import services as zaken
from loket.zaken.models import Team, Zaak
from loket.zaken.toegang import is_medewerker, mag_zaaktype


class FilterParams(serializers.Serializer):
    status = serializers.CharField(required=False, help_text="statuscodes, komma-gescheiden")
    categorie = serializers.CharField(required=False, allow_blank=True)
    buurt = serializers.CharField(required=False, allow_blank=True)
    team = serializers.CharField(required=False, allow_blank=True)
    van = serializers.DateField(required=False)
    tot = serializers.DateField(required=False)
    over_termijn = serializers.BooleanField(required=False, default=False)
    open = serializers.BooleanField(required=False, default=False)
    zoek = serializers.CharField(required=False, allow_blank=True, max_length=100)
    sortering = serializers.ChoiceField(choices=list(selectie.SORTERING), default="nieuw")


def filters_uit(query) -> selectie.Filters:
    params = FilterParams(data=query)
    params.is_valid(raise_exception=True)
    data = dict(params.validated_data)
    if data.get("status"):
        data["status"] = [s.strip() for s in data["status"].split(",") if s.strip()]
    return selectie.Filters(**data)


def zichtbare_melding(user, referentie: str) -> Melding:
    zaken_qs = Zaak.objects.zichtbaar_voor(user).filter(referentie=referentie, melding__isnull=False)
    return get_object_or_404(Melding.objects.select_related("zaak__status", "categorie"), zaak__in=zaken_qs)


def mag_meldingen(user) -> bool:
    """Who has meldingen to handle: a member of a team, or with the right for all zaken or this zaaktype."""
    return is_medewerker(user) and (
        user.has_perm("zaken.alle_zaken") or mag_zaaktype(user, ZAAKTYPE) or user.zaak_teams.exists()
    )


def mag_contact_zien(user) -> bool:
    return user.has_perm("meldingen.contactgegevens_zien")


def wijzig_status(user, melding: Melding, data: dict) -> None:
    for veld in ("toelichting_intern", "tekst_voor_burger"):
        if data.get(veld):
            services.controleer_tekst(data[veld], veld, minimum=1)
    zaken.wijzig_status(
        melding.zaak,
        data["status"],
        user,
        data.get("toelichting_intern", ""),
        data.get("tekst_voor_burger", ""),
    )


def wijs_toe(user, melding: Melding, data: dict) -> None:
    team = None
    if data.get("team"):
        team = Team.objects.filter(code=data["team"]).first()
        if team is None:
            raise services.MeldingFout("team_onbekend", "Dit team bestaat niet.")
    medewerker = None
    if data.get("medewerker"):
        medewerker = get_user_model().objects.filter(username=data["medewerker"], is_staff=True).first()
        if medewerker is None:
            raise services.MeldingFout("medewerker_onbekend", "Deze medewerker bestaat niet.")
    zaken.wijs_toe(melding.zaak, team=team, medewerker=medewerker, door=user)
