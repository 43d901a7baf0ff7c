"""Rebuild the vendored NL Design System CSS and the municipality's theme from npm tarballs.

    npm pack @utrecht/component-library-css@9.0.4 @utrecht/page-header-css@2.0.1 … \
        @nl-design-system-unstable/voorbeeld-design-tokens@7.4.1
    python -m dev.nlds --pakketten /tmp/nlds

The component CSS is copied unchanged, one file with each package's licence header kept. The theme
takes from the example theme only the tokens that CSS (and ours) actually reads, follows their
references down to the colour primitives and swaps those for the municipality's palette, so the theme
stays small and every token in it is used.
"""

import argparse
import re
import tarfile
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "loket" / "portaal" / "static"
UIT_CSS = STATIC / "vendor" / "nl-design-system" / "nl-design-system.css"
UIT_THEMA = STATIC / "portaal" / "thema" / "den-helder.css"
EIGEN_CSS = STATIC / "portaal" / "portaal.css"

# (tarball name without .tgz, file inside the package): the order is the cascade order.
PAKKETTEN = [
    ("utrecht-component-library-css-9.0.4", "dist/html.css"),
    ("utrecht-page-layout-css-2.0.1", "dist/index.css"),
    ("utrecht-page-header-css-2.0.1", "dist/index.css"),
    ("utrecht-page-footer-css-3.0.1", "dist/index.css"),
    ("utrecht-skip-link-css-2.0.1", "dist/index.css"),
    ("utrecht-nav-bar-css-2.0.1", "dist/index.css"),
    ("utrecht-link-list-css-3.0.1", "dist/index.css"),
    ("utrecht-alert-css-3.0.1", "dist/index.css"),
    ("utrecht-button-link-css-2.0.1", "dist/index.css"),
]
VOORBEELD = "nl-design-system-unstable-voorbeeld-design-tokens-7.4.1"

# The municipality's palette replaces the example's accent (violet); the other primitives are renamed.
PALET = {
    "violet-700": "#001a33",
    "violet-600": "#00386b",
    "violet-500": "#004b8d",
    "violet-400": "#1f6db3",
    "violet-300": "#99c2e8",
    "violet-200": "#cce0f3",
    "violet-100": "#e5f0fa",
    "violet-50": "#f5f9fd",
}
LETTERS = {
    "--basis-text-font-family-default": "system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif",
    "--basis-heading-font-family": "var(--basis-text-font-family-default)",
    "--basis-text-font-family-monospace": "ui-monospace, 'Noto Sans Mono', monospace",
}

VAR = re.compile(r"var\((--[a-z0-9-]+)")
DEFINITIE = re.compile(r"^\s*(--[a-z0-9-]+):\s*(.+?);\s*(?:/\*.*\*/)?\s*$")


def lees(map_: Path, naam: str, bestand: str) -> str:
    with tarfile.open(map_ / f"{naam}.tgz") as tar:
        return tar.extractfile(f"package/{bestand}").read().decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pakketten", type=Path, required=True, help="map met de npm-tarballs")
    args = parser.parse_args()

    delen = []
    for naam, bestand in PAKKETTEN:
        delen.append(f"/* {naam} {bestand} (npm), ongewijzigd */\n{lees(args.pakketten, naam, bestand)}")
    css = "\n".join(delen)
    UIT_CSS.parent.mkdir(parents=True, exist_ok=True)
    UIT_CSS.write_text(css)

    thema = lees(args.pakketten, VOORBEELD, "dist/theme.css")
    definities = dict(m.groups() for regel in thema.splitlines() if (m := DEFINITIE.match(regel)))
    nodig, te_doen = set(), set(VAR.findall(css + EIGEN_CSS.read_text()))
    while te_doen:
        naam = te_doen.pop()
        if naam in nodig or naam not in definities:
            continue
        nodig.add(naam)
        te_doen |= set(VAR.findall(definities[naam]))

    regels = []
    for naam in sorted(nodig):
        waarde = LETTERS.get(naam, definities[naam])
        kleur = naam.removeprefix("--voorbeeld-kleuren-")
        if kleur in PALET:
            waarde = PALET[kleur]
        regel = f"  {naam}: {waarde};".replace("--voorbeeld-kleuren-violet-", "--gemeente-huisstijl-")
        regels.append(regel.replace("--voorbeeld-kleuren-", "--gemeente-kleur-"))
    UIT_THEMA.parent.mkdir(parents=True, exist_ok=True)
    UIT_THEMA.write_text(
        "/* Thema van de gemeente als design tokens (NL Design System). Afgeleid van\n"
        f" * {VOORBEELD} (EUPL-1.2) met python -m dev.nlds: alleen de tokens die onze CSS leest,\n"
        " * met de huisstijlkleur van de gemeente (gemeente-huisstijl-*). */\n"
        ".gemeente-thema {\n" + "\n".join(regels) + "\n}\n"
    )
    print(f"{UIT_CSS.relative_to(STATIC)}: {len(css)} tekens; {UIT_THEMA.name}: {len(regels)} tokens")


if __name__ == "__main__":
    main()
