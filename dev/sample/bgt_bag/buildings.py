"""What stands on a plot: frontage widths, building programme (gebruiksdoelen per VBO), era, floors.

Block kinds follow the town's history: 'centre' (17th-19th century shops by the harbour), 'old'
(terraced houses around 1900), 'flats' (post-war apartment blocks), 'new' (late 20th century), 'mixed'.
"""

from __future__ import annotations

ERA = {
    "centre": (1620, 1905),
    "old": (1880, 1938),
    "flats": (1955, 1978),
    "new": (1976, 2008),
    "mixed": (1920, 1995),
    "public": (1950, 2015),
    "park": (1960, 2015),
}
WIDTHS = {
    "centre": ((5.5, 11.0), (14.0, 24.0), 0.3),
    "old": ((4.8, 7.0), (10.0, 18.0), 0.15),
    "new": ((5.1, 6.3), (15.0, 25.0), 0.1),
    "flats": ((5.5, 7.0), (24.0, 45.0), 0.8),
    "mixed": ((5.0, 9.0), (12.0, 30.0), 0.3),
}
FLOORS = {"centre": 3, "old": 2, "new": 2, "flats": 4, "mixed": 3}


def split(rng, length: float, kind: str) -> list:
    narrow, wide, p_wide = WIDTHS[kind]
    out, pos = [], 0.0
    while length - pos > wide[1] + narrow[0]:
        w = rng.uniform(*wide) if rng.random() < p_wide else rng.uniform(*narrow)
        out.append(w)
        pos += w
    rest = length - pos
    if rest > wide[1] or (rest > narrow[1] and rng.random() < 0.5):
        out += [rest / 2, rest / 2]
    elif rest >= narrow[0] or not out:
        out.append(rest)
    else:
        out[-1] += rest
    return out


def programme(rng, kind: str, width: float, corner: bool) -> tuple:
    """Gebruiksdoelen per VBO, the addressing style and the pand kind for one frontage plot."""
    wide = width >= WIDTHS[kind][1][0] if kind in WIDTHS else width > 12
    r = rng.random()
    if kind == "centre":
        if wide:
            if r < 0.45:
                return "shop_flats", [("winkelfunctie",)] + [("woonfunctie",)] * rng.randint(3, 9), "toev"
            if r < 0.65:
                return "hotel", [("logiesfunctie",), ("bijeenkomstfunctie", "logiesfunctie")], "letters"
            if r < 0.8:
                return "office", [("kantoorfunctie",)] * rng.randint(2, 4), "letters"
            return "store", [("winkelfunctie",)], "single"
        ground = rng.choice(
            [("winkelfunctie",)] * 5
            + [("bijeenkomstfunctie",), ("kantoorfunctie",), ("winkelfunctie", "woonfunctie")]
        )
        if corner and r < 0.3:
            ground = ("bijeenkomstfunctie", "winkelfunctie")
        return "shop", [ground] + [("woonfunctie",)] * rng.choice((0, 1, 1, 2)), rng.choice(("letters", "hs"))
    if kind == "flats" or (wide and r < 0.7):
        n = rng.randint(6, 16) if kind == "flats" else rng.randint(4, 8)
        return "apartments", [("woonfunctie",)] * n, rng.choice(("toev", "letters", "numbers"))
    if wide:
        choice = rng.choice(("industry", "church", "sport", "zorg", "school"))
        return (
            choice,
            {
                "industry": [("industriefunctie",), ("kantoorfunctie",)],
                "church": [("bijeenkomstfunctie",)],
                "sport": [("sportfunctie",), ("bijeenkomstfunctie", "sportfunctie")],
                "zorg": [("gezondheidszorgfunctie",), ("gezondheidszorgfunctie", "woonfunctie")],
                "school": [("onderwijsfunctie",)],
            }[choice],
            "letters",
        )
    if r < 0.02:
        return "house", [("gezondheidszorgfunctie",)], "single"
    if r < 0.05:
        return "house", [("kantoorfunctie", "woonfunctie")], "single"
    if kind == "old" and r < 0.25:
        return "house", [("woonfunctie",)] * 2, rng.choice(("letters", "hs", "bis"))
    return "house", [("woonfunctie",)], "single"
