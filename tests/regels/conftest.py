"""The sample rules and the sample omgevingsplan over the kaartlagen sample, loaded once per test."""

import pytest

from toepasbare_regels import voorbeeld
from toepasbare_regels.importing import importeer_pad


@pytest.fixture
def regels(db, tmp_path):
    for naam, inhoud in voorbeeld.bestanden().items():
        (tmp_path / naam).write_bytes(inhoud)
    resultaat = importeer_pad(tmp_path)
    assert resultaat.ok, resultaat.samenvatting()
    return resultaat


def antwoord_voor(vraag_id: str, antwoorden: dict[str, str]) -> str | None:
    """Answers in the tables are keyed by the question's variable name (U_<naam> → <naam>)."""
    naam = vraag_id.rsplit(".", 1)[-1].removeprefix("U_")
    return antwoorden.get(naam)


def doorloop(refs, geometrie, antwoorden: dict[str, str]):
    """Play a user: answer each question group from `antwoorden` until the check is done.

    Returns the result and the questions asked, in order; fails on a question the table has no answer for.
    """
    from toepasbare_regels.vergunningcheck import Check

    gegeven, gesteld = {}, []
    for _ in range(30):
        resultaat = Check(refs, geometrie, gegeven).uitvoeren()
        if resultaat["klaar"]:
            return resultaat, gesteld
        for vraag in resultaat["vraaggroep"]["vragen"]:
            waarde = antwoord_voor(vraag["id"], antwoorden)
            assert waarde is not None, f"onverwachte vraag: {vraag['tekst']} ({vraag['id']})"
            gesteld.append(vraag["id"].rsplit(".", 1)[-1].removeprefix("U_"))
            gegeven[vraag["id"]] = waarde
    raise AssertionError("de check werd niet klaar")
