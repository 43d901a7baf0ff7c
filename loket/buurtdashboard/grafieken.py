"""Charts as Vega-Lite specs made with Altair; the browser draws them with the vendored vega,
vega-lite and vega-embed (static/vendor/vega/), with Vega's expression interpreter so the strict CSP
needs no 'unsafe-eval'. Every chart stands above its table (the same figures, and a CSV download)."""

import json

import altair as alt

from loket.buurtdashboard import privacy


def _json(grafiek) -> str:
    # Inside a <script type="application/json"> block: "</" must not close it.
    return json.dumps(grafiek.to_dict()).replace("</", "<\\/")


def _waarde(n):
    # A suppressed count is drawn as a gap, never as its real value.
    return None if n == privacy.KLEIN else n


def maandlijn(rijen: list[list], kop: list[str]) -> str:
    """Line per gebied of the monthly table (first column the month)."""
    waarden = [
        {"maand": r[0] + "-01", "gebied": naam.removeprefix("nieuw "), "aantal": _waarde(r[i])}
        for r in rijen
        for i, naam in enumerate(kop[1:], 1)
    ]
    grafiek = (
        alt.Chart(alt.Data(values=waarden))
        .mark_line(point=True)
        .encode(
            x=alt.X("maand:T", title="Maand", axis=alt.Axis(format="%b %Y")),
            y=alt.Y("aantal:Q", title="Nieuwe meldingen"),
            color=alt.Color("gebied:N", title="Gebied"),
            tooltip=[alt.Tooltip("maand:T", format="%B %Y"), "gebied:N", "aantal:Q"],
        )
        .properties(width="container", height=260, title="Nieuwe meldingen per maand")
    )
    return _json(grafiek)


def staven(rijen: list[list], kop: list[str]) -> str:
    """Bars per onderwerp of the category table (second column: count in the gebied)."""
    waarden = [{"onderwerp": r[0], "aantal": _waarde(r[1])} for r in rijen]
    grafiek = (
        alt.Chart(alt.Data(values=waarden))
        .mark_bar()
        .encode(
            y=alt.Y("onderwerp:N", title="Onderwerp", sort="-x"),
            x=alt.X("aantal:Q", title=kop[1].capitalize()),
            tooltip=["onderwerp:N", "aantal:Q"],
        )
        .properties(width="container", title="Meldingen per onderwerp, laatste 24 maanden")
    )
    return _json(grafiek)
