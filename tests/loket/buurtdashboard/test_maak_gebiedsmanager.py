"""`manage.py maak_gebiedsmanager`: a staff account with a dashboard role and its wijken; the
password only by a prompt, never on the command line."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from loket.buurtdashboard.models import Dashboardrol
from loket.buurtdashboard.toegang import toegang
from tests.loket.buurtdashboard.conftest import WIJK_A, WIJK_B


def _draai(*args, wachtwoorden=(), tty=True, monkeypatch=None):
    antwoorden = iter(wachtwoorden)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(antwoorden))
    monkeypatch.setattr("sys.stdin.isatty", lambda: tty)
    uit, fout = io.StringIO(), io.StringIO()
    call_command("maak_gebiedsmanager", *args, stdout=uit, stderr=fout)
    return uit.getvalue(), fout.getvalue()


def test_gebiedsmanager_met_wijken_en_gevraagd_wachtwoord(gebied, monkeypatch):
    goed = "Lange-zin-als-wachtwoord-42"
    # first attempt: the two entries differ; the second one is accepted
    uit, fout = _draai(
        "jan",
        "--email",
        "jan@example.org",
        "--wijk",
        WIJK_A.lower(),
        "--wijk",
        WIJK_B,
        wachtwoorden=["iets", "anders", goed, goed],
        monkeypatch=monkeypatch,
    )
    assert "niet gelijk" in fout and "Aangemaakt: jan" in uit
    user = get_user_model().objects.get(username="jan")
    assert user.is_staff and not user.is_superuser and user.check_password(goed)
    assert user.email == "jan@example.org"
    t = toegang(user)
    assert t.rol == "gebiedsmanager" and t.wijken == frozenset({WIJK_A, WIJK_B})
    # Again for the same person: the role is replaced, not doubled.
    _draai("jan", "--wijk", WIJK_A, "--zonder-wachtwoord", monkeypatch=monkeypatch)
    assert Dashboardrol.objects.get(gebruiker=user).wijken == [WIJK_A]
    assert get_user_model().objects.get(username="jan").check_password(goed)  # kept


def test_onbekende_wijk_of_geen_wijk_wordt_geweigerd(gebied, monkeypatch):
    with pytest.raises(CommandError, match="WK999999"):
        _draai("piet", "--wijk", "WK999999", "--zonder-wachtwoord", monkeypatch=monkeypatch)
    with pytest.raises(CommandError, match="minstens één wijk"):
        _draai("piet", "--zonder-wachtwoord", monkeypatch=monkeypatch)
    assert not get_user_model().objects.filter(username="piet").exists()  # all or nothing


def test_zonder_terminal_geen_wachtwoord_vragen(gebied, monkeypatch):
    with pytest.raises(CommandError, match="--zonder-wachtwoord"):
        _draai("kees", "--wijk", WIJK_A, tty=False, monkeypatch=monkeypatch)
    uit, _ = _draai("kees", "--rol", "medewerker", "--zonder-wachtwoord", tty=False, monkeypatch=monkeypatch)
    user = get_user_model().objects.get(username="kees")
    assert not user.has_usable_password() and "/beheer/" in uit
    assert toegang(user).wijken is None  # a medewerker reads everything


def test_zwak_wachtwoord_wordt_niet_aangenomen(gebied, monkeypatch):
    with pytest.raises(CommandError, match="Geen geldig wachtwoord"):
        _draai("els", "--wijk", WIJK_A, wachtwoorden=["123"] * 6, monkeypatch=monkeypatch)


def test_geen_wachtwoordargument(gebied):
    with pytest.raises(CommandError):
        call_command("maak_gebiedsmanager", "x", "--wachtwoord", "geheim")
