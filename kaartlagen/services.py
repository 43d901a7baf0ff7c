"""Read-side services over the PostGIS truth, for views, APIs and commands alike."""

from kaartlagen.models import BgtObject, Buurt, Nummeraanduiding, OpenbareRuimte, Pand, Verblijfsobject, Wijk


def inhoud() -> list[dict]:
    """What the portal holds now, for the home page and `load_sample`'s closing line."""
    return [
        {"titel": "Panden (BAG)", "aantal": Pand.objects.filter(actief=True).count()},
        {"titel": "Verblijfsobjecten (BAG)", "aantal": Verblijfsobject.objects.filter(actief=True).count()},
        {"titel": "Adressen (BAG)", "aantal": Nummeraanduiding.objects.filter(actief=True).count()},
        {"titel": "Straten en andere openbare ruimten (BAG)", "aantal": OpenbareRuimte.objects.count()},
        {"titel": "Objecten in de topografie (BGT)", "aantal": BgtObject.objects.count()},
        {"titel": "Wijken (CBS)", "aantal": Wijk.objects.count()},
        {"titel": "Buurten (CBS)", "aantal": Buurt.objects.count()},
    ]
