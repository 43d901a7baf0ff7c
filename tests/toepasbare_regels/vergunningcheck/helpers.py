"""Playing the vergunningcheck as a user would, and finding sample addresses of a given kind."""


def antwoord_voor(vraag_id: str, antwoorden: dict[str, str]) -> str | None:
    """Answers in the tables are keyed by the question's variable name (U_<naam> → <naam>)."""
    naam = vraag_id.rsplit(".", 1)[-1].removeprefix("U_")
    return antwoorden.get(naam)


def doorloop(refs, geometrie, antwoorden: dict[str, str]):
    """Play a user: answer each question group from `antwoorden` until the check is done.

    Returns the result and the questions asked, in order; fails on a question the table has no answer for.
    """
    from toepasbare_regels.plek import Plek
    from toepasbare_regels.vergunningcheck import Check

    gegeven, gesteld = {}, []
    for _ in range(30):
        resultaat = Check(refs, Plek(geometrie), gegeven).uitvoeren()
        if resultaat["klaar"]:
            return resultaat, gesteld
        for vraag in resultaat["vraaggroep"]["vragen"]:
            waarde = antwoord_voor(vraag["id"], antwoorden)
            assert waarde is not None, f"onverwachte vraag: {vraag['tekst']} ({vraag['id']})"
            gesteld.append(vraag["id"].rsplit(".", 1)[-1].removeprefix("U_"))
            gegeven[vraag["id"]] = waarde
    raise AssertionError("de check werd niet klaar")


def adres_in(soort: str):
    """The point of the first sample address that is a monument, in the beschermd dorpsgezicht (and
    no monument), or neither; found through the omgevingsplan itself, not hard-coded."""
    from kaartlagen.models import Verblijfsobject
    from toepasbare_regels.omgevingsplan.services import locaties_op

    for vbo in Verblijfsobject.objects.filter(actief=True).order_by("identificatie").iterator():
        locaties = locaties_op(vbo.geom)
        monument = "nl.imow-gm0400.gebiedengroep.Monumenten" in locaties
        beschermd = "nl.imow-gm0400.gebied.BeschermdDorpsgezicht" in locaties
        if (soort, monument, beschermd) in {
            ("monument", True, beschermd),
            ("beschermd", False, True),
            ("gewoon", False, False),
        }:
            return vbo.geom
    raise AssertionError(f"geen adres van soort {soort} in de sample")
