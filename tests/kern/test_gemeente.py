from kern.gemeente import huidige


def test_identiteit_komt_uit_de_settings(settings):
    settings.GEMEENTE_NAAM = "Doesburg"
    settings.GEMEENTE_CBS_CODE = "gm0221"
    settings.GEMEENTE_TELEFOON = "0313 123456"
    settings.GEMEENTE_EMAIL = ""
    g = huidige()
    assert (g.naam, g.cbs_code, g.code, g.nummer) == ("Doesburg", "GM0221", "gm0221", "0221")
    assert g.contact_zin == "Neem contact op met de gemeente Doesburg: bel 0313 123456."
