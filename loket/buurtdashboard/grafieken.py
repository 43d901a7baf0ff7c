"""Charts as Vega-Lite specs made with Altair; the browser draws them with the vendored vega,
vega-lite and vega-embed (static/vendor/vega/), with Vega's expression interpreter so the strict CSP
needs no 'unsafe-eval'. Every chart stands above its table (the same figures, and a CSV download).

Altair builds (and validates) each kind of chart once per process, around a named data source; a
request only puts its rows in. Building the spec with Altair on every request cost 30–90 ms a chart.
"""

import json
from functools import lru_cache

import altair as alt

from loket.buurtdashboard import privacy

_DATA = "tabel"


def _json(spec_json: str, waarden: list[dict]) -> str:
    spec = json.loads(spec_json)
    spec["data"] = {"values": waarden}
    # Inside a <script type="application/json"> block: "</" must not close it.
    return json.dumps(spec).replace("</", "<\\/")


def _waarde(n):
    # A suppressed count is drawn as a gap, never as its real value.
    return None if n == privacy.KLEIN else n


@lru_cache(maxsize=64)
def _maandlijn_spec(titel: str, as_titel: str) -> str:
    grafiek = (
        alt.Chart(alt.Data(name=_DATA))
        .mark_line(point=True)
        .encode(
            x=alt.X("maand:T", title="Maand", axis=alt.Axis(format="%b %Y")),
            y=alt.Y("aantal:Q", title=as_titel),
            # Below the chart: on a phone a legend beside it leaves the lines no room.
            color=alt.Color(
                "reeks:N", title="", legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=320)
            ),
            tooltip=[alt.Tooltip("maand:T", format="%B %Y"), "reeks:N", "aantal:Q"],
        )
        .properties(
            width="container",
            height=260,
            title=alt.TitleParams([titel, "(zonder de lopende maand)"], anchor="start"),
        )
    )
    return json.dumps(grafiek.to_dict())


def maandlijn(
    rijen: list[list],
    kop: list[str],
    titel: str = "Nieuwe meldingen per maand",
    as_titel: str = "Nieuwe meldingen",
) -> str:
    """A line per column of a monthly table (first column the month, "2026-11"). The last row is the
    running month: it is left out of the line (a few days would look like a drop), the table keeps it."""
    waarden = [
        {"maand": r[0][:7] + "-01", "reeks": naam.removeprefix("nieuw "), "aantal": _waarde(r[i])}
        for r in rijen[:-1]
        for i, naam in enumerate(kop[1:], 1)
    ]
    return _json(_maandlijn_spec(titel, as_titel), waarden)


@lru_cache(maxsize=64)
def _staven_spec(as_titel: str) -> str:
    grafiek = (
        alt.Chart(alt.Data(name=_DATA))
        .mark_bar()
        .encode(
            y=alt.Y("onderwerp:N", title="Onderwerp", sort="-x"),
            x=alt.X("aantal:Q", title=as_titel),
            tooltip=["onderwerp:N", "aantal:Q"],
        )
        .properties(
            width="container",
            title=alt.TitleParams("Meldingen per onderwerp, laatste 24 maanden", anchor="start"),
        )
    )
    return json.dumps(grafiek.to_dict())


def staven(rijen: list[list], kop: list[str]) -> str:
    """Bars per onderwerp of the category table (second column: count in the gebied)."""
    return _json(
        _staven_spec(kop[1].capitalize()), [{"onderwerp": r[0], "aantal": _waarde(r[1])} for r in rijen]
    )
