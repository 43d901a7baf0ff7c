"""One table of a dashboard page: what the page, the API and the CSV export all show."""

from dataclasses import dataclass, field


@dataclass
class Tabel:
    naam: str  # for the CSV URL
    titel: str
    kop: list[str]
    rijen: list[list] = field(default_factory=list)
    toelichting: str = ""
    grafiek: str = ""  # a Vega-Lite spec (JSON) drawn above the table
