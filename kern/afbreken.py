"""Soft hyphens in long Dutch words, so that a heading on a phone breaks "Vergunning-/aanvragen" and not
"Vergunningaanvrag/en".

CSS `hyphens: auto` (portaal.css) does this only where the browser has a Dutch hyphenation dictionary:
Chromium on Linux, and every browser that has not downloaded one yet, has none and then breaks the word
anywhere (`overflow-wrap`, which keeps the page from scrolling sideways). A soft hyphen (U+00AD) is
invisible until the line breaks there, and every browser honours it."""

import re
from functools import lru_cache

import pyphen

ZACHT = "\u00ad"
# A word of up to this many letters fits on one line of a first-level heading at 320 px (WCAG reflow);
# longer ones may have to break.
LANGSTE = 12
_WOORD = re.compile(rf"[^\W\d_]{{{LANGSTE + 1},}}")
# At least three letters on either side: no "Vergunningaanvrag-en" style stubs.
_NL = pyphen.Pyphen(lang="nl_NL", left=3, right=3)


def afbreekbaar(tekst: str) -> str:
    """`tekst` with a soft hyphen at each Dutch hyphenation point of its long words; words that already
    have one (set by hand at the compound's seam) are left as they are."""
    if ZACHT in tekst:
        return tekst
    return _WOORD.sub(lambda m: _woord(m.group()), tekst)


@lru_cache(maxsize=4096)  # headings repeat (activiteiten, buurten, lagen)
def _woord(woord: str) -> str:
    return _NL.inserted(woord, hyphen=ZACHT)
