"""The shared import machinery: our COPY text format, and files imported side by side by workers."""

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from kaartlagen.importing.bag import importeer_bag
from kaartlagen.models import Nummeraanduiding, OpenbareRuimte, Pand
from kern.importing.copytekst import copy_rij
from kern.models import ImportRun
from tests.support import bagxml
from tests.support.paden import shared_data

NASTY = ["tab\there", "new\nline", "back\\slash", 'quote"s', "\\N", "crlf\r\n", "ëñ€ 漢字", ""]


@pytest.mark.django_db
def test_copy_text_round_trips_every_value_type():
    when = dt.datetime(2020, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    rows = [[text, len(text), True, None, dt.date(2020, 2, 29), when, [text, "b", '{"}']] for text in NASTY]
    with connection.cursor() as cursor:
        cursor.execute(
            "create temporary table t (s text, i integer, b boolean, n text, d date, ts timestamptz, a text[])"
        )
        with cursor.copy("copy t from stdin") as copy:
            copy.write("".join(copy_rij(row) for row in rows))
        cursor.execute("select s, i, b, n, d, ts, a from t")
        back = [list(r) for r in cursor.fetchall()]
        cursor.execute("drop table t")
    assert back == rows


def _delivery(tmp_path, n_files=3):
    (tmp_path / "0400WPL01112026-000001.xml").write_text(bagxml.document(bagxml.woonplaats()))
    (tmp_path / "0400OPR01112026-000001.xml").write_text(bagxml.document(bagxml.openbare_ruimte()))
    for f in range(n_files):
        nums = [bagxml.nummeraanduiding(f"04002{f:05d}{i:06d}", huisnummer=i + 1) for i in range(50)]
        (tmp_path / f"0400NUM01112026-00000{f + 1}.xml").write_text(bagxml.document(*nums))
        panden = [
            bagxml.pand(f"04001{f:05d}{i:06d}", pos=bagxml.square(110000 + i * 20, 546000 + f * 20))
            for i in range(50)
        ]
        (tmp_path / f"0400PND01112026-00000{f + 1}.xml").write_text(bagxml.document(*panden))


@pytest.mark.django_db(transaction=True)
def test_workers_import_the_same_as_one_at_a_time(tmp_path):
    _delivery(tmp_path)
    parallel = importeer_bag(tmp_path, werkers=2)
    assert parallel.ok and [b.status for b in parallel.bestanden] == ["klaar"] * 8
    snapshot = sorted(Pand.objects.values_list("identificatie", "bron_hash"))
    assert (
        len(snapshot) == 150
        and Nummeraanduiding.objects.count() == 150
        and OpenbareRuimte.objects.count() == 1
    )

    again = importeer_bag(tmp_path, werkers=2, opnieuw=True)
    t = again.totaal()
    assert (t.nieuw, t.gewijzigd, t.ongewijzigd) == (0, 0, 302)
    assert sorted(Pand.objects.values_list("identificatie", "bron_hash")) == snapshot


@pytest.mark.django_db(transaction=True)
def test_each_file_s_closing_line_names_that_file(tmp_path):
    import io

    _delivery(tmp_path, n_files=2)
    uit = io.StringIO()
    assert importeer_bag(tmp_path, werkers=2, stream=uit).ok
    regels = [r for r in uit.getvalue().splitlines() if " gelezen, " in r]
    namen = sorted(r.strip().split(":", 1)[0].rsplit("/", 1)[-1] for r in regels)
    assert namen == sorted(p.name for p in tmp_path.glob("*.xml")), uit.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_broken_file_in_a_worker_rolls_back_alone(tmp_path):
    _delivery(tmp_path, n_files=2)
    (tmp_path / "0400PND01112026-000002.xml").write_text("<sl-bag-extract:bagStand>kapot")
    resultaat = importeer_bag(tmp_path, werkers=2)
    failed = [b for b in resultaat.bestanden if b.status == "mislukt"]
    assert [b.naam.rsplit("/", 1)[-1] for b in failed] == ["0400PND01112026-000002.xml"]
    assert "[xml_ongeldig]" in failed[0].fout
    assert Pand.objects.count() == 50
    assert ImportRun.objects.filter(status="mislukt").count() == 1


def _large_pand_file(tmp_path, n=400, bad=None, extra=""):
    """A PND file of n panden (pand i on line 3 + i); `bad` panden have a broken geometry."""
    panden = [
        bagxml.pand(
            f"04001{i:011d}",
            pos="1 2 3" if i in (bad or ()) else bagxml.square(110000 + i * 20, 546000),
        )
        for i in range(n)
    ]
    path = tmp_path / "0400PND01112026-000001.xml"
    text = bagxml.document(*panden)
    if extra:
        # After the middle of the file, where the first cut is looked for.
        middle = text.index("<sl:stand>", len(text) // 2)
        text = text[:middle] + extra + text[middle:]
    path.write_text(text)
    return path


@pytest.fixture
def cuts(monkeypatch):
    """Files of more than 10 kB are cut in ranges; records how many ranges each file got."""
    from kern.importing import delen, levering

    monkeypatch.setattr(levering, "MIN_DEEL", 10_000)
    seen = []
    original = delen.delen
    monkeypatch.setattr(delen, "delen", lambda *a: seen.append(original(*a)) or seen[-1])
    return seen


@pytest.mark.django_db(transaction=True)
def test_a_large_file_parsed_in_ranges_reports_the_file_s_own_lines(tmp_path, cuts):
    path = _large_pand_file(tmp_path, bad={7, 390})
    resultaat = importeer_bag(path, werkers=2)
    assert resultaat.ok and [len(d) for d in cuts] == [2]
    assert Pand.objects.count() == 398
    assert sorted((m.identificatie, m.regelnummer) for m in resultaat.bevindingen) == [
        ("0400100000000007", 10),
        ("0400100000000390", 393),
    ]
    t = resultaat.totaal()
    assert (t.gelezen, t.nieuw, t.overgeslagen) == (400, 398, 2)

    one_at_a_time = importeer_bag(path, werkers=1, opnieuw=True)
    assert one_at_a_time.totaal().ongewijzigd == 398  # the same rows, the same fingerprints


@pytest.mark.django_db(transaction=True)
def test_a_cut_inside_a_comment_falls_back_to_reading_the_whole_file(tmp_path, cuts):
    path = _large_pand_file(tmp_path, extra="<!-- " + "<sl:stand> " * 50 + "-->")
    resultaat = importeer_bag(path, werkers=2)
    assert resultaat.ok and [len(d) for d in cuts] == [2]
    assert Pand.objects.count() == 400


@pytest.mark.django_db(transaction=True)
def test_a_broken_large_file_names_its_own_line(tmp_path, cuts):
    path = _large_pand_file(tmp_path)
    lines = path.read_text().splitlines()
    lines[300] = lines[300].replace("</Objecten:Pand>", "</Objecten:Pnd>")
    path.write_text("\n".join(lines) + "\n")
    resultaat = importeer_bag(path, werkers=2)
    [failed] = resultaat.bestanden
    assert failed.status == "mislukt" and "[xml_ongeldig] regel 301" in failed.fout
    assert not Pand.objects.exists()


@pytest.fixture
def voorbereid(cuts, monkeypatch):
    """Per range of a cut file: whether it came back parsed and prepared in its worker's own backend
    (False: the file fell back to being imported whole)."""
    from kern.importing import levering

    uitkomsten = []
    original = levering._Gedeeld.deel_klaar

    def deel_klaar(self, k, uitkomst):
        uitkomsten.append(isinstance(uitkomst, tuple))
        original(self, k, uitkomst)

    monkeypatch.setattr(levering._Gedeeld, "deel_klaar", deel_klaar)
    return uitkomsten


def _voorkomens_over_delen(tmp_path, bouwjaar=1930):
    """400 panden, and two objects whose voorkomens lie in both halves of the file: of A the ended
    voorkomen 1 comes first and 2 (in force) last; of B voorkomen 2 comes first and an older 1 without
    eindRegistratie last. The voorkomen in force is 2 for both, whichever range holds it."""
    a, b = "0400100000009001", "0400100000009002"
    panden = [
        bagxml.pand(a, bouwjaar=1901, nr=1, eind_registratie="2021-01-01T10:00:00"),
        bagxml.pand(b, bouwjaar=1912, nr=2, begin="2021-01-01"),
        *(
            bagxml.pand(f"04001{i:011d}", bouwjaar=bouwjaar, pos=bagxml.square(110000 + i * 20, 546000))
            for i in range(400)
        ),
        bagxml.pand(a, bouwjaar=1902, nr=2, begin="2021-01-01"),
        bagxml.pand(b, bouwjaar=1911, nr=1),
    ]
    path = tmp_path / "0400PND01112026-000001.xml"
    path.write_text(bagxml.document(*panden))
    return path


@pytest.mark.django_db(transaction=True)
def test_ranges_prepared_in_their_workers_merge_to_what_one_process_imports(tmp_path, voorbereid):
    path = _voorkomens_over_delen(tmp_path)
    resultaat = importeer_bag(path, werkers=2)
    assert resultaat.ok and voorbereid == [True, True]
    t = resultaat.totaal()
    assert (t.gelezen, t.historisch, t.nieuw, t.overgeslagen) == (404, 2, 402, 0)
    # Its name was new, so its workers started before its fingerprint was taken; it is still the one.
    assert ImportRun.objects.get().sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert dict(
        Pand.objects.filter(identificatie__startswith="040010000000900").values_list(
            "identificatie", "oorspronkelijk_bouwjaar"
        )
    ) == {"0400100000009001": 1902, "0400100000009002": 1912}
    snapshot = sorted(Pand.objects.values_list("identificatie", "bron_hash", "geom", "actief", "bijgewerkt"))

    # Idempotent: read again by ranges, and whole by one process, nothing is written.
    for werkers in (2, 1):
        again = importeer_bag(path, werkers=werkers, opnieuw=True).totaal()
        assert (again.nieuw, again.gewijzigd, again.ongewijzigd, again.historisch) == (0, 0, 402, 2)
    assert (
        sorted(Pand.objects.values_list("identificatie", "bron_hash", "geom", "actief", "bijgewerkt"))
        == snapshot
    )
    assert voorbereid == [True, True, True, True]
    # Resumable: a file imported before is not read again.
    assert [b.status for b in importeer_bag(path, werkers=2).bestanden] == ["al_geimporteerd"]


@pytest.mark.django_db(transaction=True)
def test_a_merge_that_fails_after_the_ranges_were_prepared_writes_nothing(tmp_path, voorbereid):
    path = _voorkomens_over_delen(tmp_path)
    assert importeer_bag(path, werkers=2).ok
    before = sorted(Pand.objects.values_list("identificatie", "oorspronkelijk_bouwjaar", "bron_hash"))
    (tmp_path / "nieuw").mkdir()
    nieuw = _voorkomens_over_delen(tmp_path / "nieuw", bouwjaar=1999)
    with connection.cursor() as cursor:
        # One update late in the upsert fails: the ones before it must not stay.
        cursor.execute(
            "create function pand_kapot() returns trigger language plpgsql as "
            "$$ begin raise exception 'kapot midden in de merge'; end $$; "
            "create trigger pand_kapot before update on kaartlagen_pand for each row "
            "when (new.identificatie = '0400100000000300') execute function pand_kapot()"
        )
    try:
        resultaat = importeer_bag(nieuw, werkers=2)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("drop trigger pand_kapot on kaartlagen_pand; drop function pand_kapot()")
    [mislukt] = resultaat.bestanden
    assert mislukt.status == "mislukt" and "kapot midden in de merge" in mislukt.fout
    assert voorbereid == [True, True, True, True]
    assert sorted(Pand.objects.values_list("identificatie", "oorspronkelijk_bouwjaar", "bron_hash")) == before
    assert ImportRun.objects.filter(status="mislukt").count() == 1

    # The failed file is not counted as imported: the next run reads it, and finishes it.
    again = importeer_bag(nieuw, werkers=2)
    assert again.ok and again.totaal().gewijzigd == 400
    assert Pand.objects.filter(oorspronkelijk_bouwjaar=1999).count() == 400


@pytest.mark.django_db(transaction=True)
def test_a_file_that_cannot_be_fingerprinted_while_its_ranges_are_read_is_not_merged(
    tmp_path, voorbereid, monkeypatch
):
    from kern.importing.sources import Bestand

    path = _voorkomens_over_delen(tmp_path)

    def kopieer(self, doel=None):
        raise OSError("schijf weg")

    monkeypatch.setattr(Bestand, "kopieer", kopieer)
    with pytest.raises(OSError, match="schijf weg"):
        importeer_bag(path, werkers=2)
    assert voorbereid == [True, True]
    assert not Pand.objects.exists() and not ImportRun.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_one_file_that_is_not_cut_is_imported_without_starting_workers(tmp_path, monkeypatch):
    from kern.importing import levering

    def gestart(*args):
        raise AssertionError("werkers gestart voor één bestand")

    monkeypatch.setattr(levering._Werkers, "_start", gestart)
    path = tmp_path / "0400PND01112026-000001.xml"
    path.write_text(bagxml.document(*(bagxml.pand(f"04001{i:011d}") for i in range(3))))
    resultaat = importeer_bag(path, werkers=2)
    assert resultaat.ok and resultaat.totaal().nieuw == 3
    assert ImportRun.objects.get().sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def _opgeslagen(cursor):
    """Every stored column of every pand but the row's own id and time, geometry as EWKB."""
    cursor.execute(
        "select identificatie, voorkomenidentificatie, begin_geldigheid, eind_geldigheid, "
        "tijdstip_registratie, status, geconstateerd, documentdatum, documentnummer, actief, bron_hash, "
        "oorspronkelijk_bouwjaar, encode(ST_AsEWKB(geom), 'hex') from kaartlagen_pand order by identificatie"
    )
    return cursor.fetchall()


def _indexen(cursor) -> dict:
    """kaartlagen_pand's indexes: {name: (definition, oid)}; an index built again gets a new oid."""
    cursor.execute(
        "select c.relname, pg_get_indexdef(i.indexrelid), i.indexrelid::int from pg_index i "
        "join pg_class c on c.oid = i.indexrelid where i.indrelid = 'kaartlagen_pand'::regclass"
    )
    return {naam: (definitie, oid) for naam, definitie, oid in cursor.fetchall()}


@pytest.mark.conformance
@pytest.mark.django_db(transaction=True)
def test_a_first_load_by_ranges_stores_what_the_upsert_of_one_process_stores():
    """Doesburg's real pand file (13 098 voorkomens). Into an empty table, by ranges in two workers:
    validity checked in the workers, the ranges' rows taken together in place, the rows inserted
    without the upsert and the indexes built afterwards. Into a table with a row, by one process: the
    upsert as before. The same rows, the same fingerprints, the same indexes."""
    path = shared_data("nlextract-bag2-doesburg/full-pand/0221PND15092020.zip")
    with connection.cursor() as cursor:
        cursor.execute("truncate kaartlagen_pand")
        voor = _indexen(cursor)

    snel = importeer_bag(path, werkers=2)
    assert snel.ok and snel.totaal().nieuw == 7_797
    with connection.cursor() as cursor:
        na = _indexen(cursor)
        # Built again (new oids) as they were; the primary key is never dropped.
        assert {naam: d for naam, (d, _) in na.items()} == {naam: d for naam, (d, _) in voor.items()}
        assert {naam for naam in na if na[naam][1] == voor[naam][1]} == {"kaartlagen_pand_pkey"}
        rijen = _opgeslagen(cursor)
        cursor.execute("truncate kaartlagen_pand")
        # A pand of another gemeente: the table is not empty, so the upsert path runs.
        cursor.execute(
            "insert into kaartlagen_pand (identificatie, voorkomenidentificatie, begin_geldigheid, status, "
            "geconstateerd, documentnummer, actief, bron_hash, oorspronkelijk_bouwjaar, geom, bijgewerkt) "
            "values ('9999100000000001', 1, '2020-01-01', 'Pand in gebruik', false, '', true, '', 2000, "
            "ST_Multi(ST_Buffer(ST_Point(110000, 546000, 28992), 5, 1)), now())"
        )

    gewoon = importeer_bag(path, werkers=1, opnieuw=True)
    assert gewoon.ok
    assert (gewoon.totaal().nieuw, gewoon.totaal().historisch) == (7_797, snel.totaal().historisch)
    with connection.cursor() as cursor:
        assert _indexen(cursor) == na  # the upsert leaves the indexes alone
        cursor.execute("delete from kaartlagen_pand where identificatie = '9999100000000001'")
        assert _opgeslagen(cursor) == rijen
