from django.apps import AppConfig


class KaartlagenConfig(AppConfig):
    name = "kaartlagen"
    verbose_name = "Kaartlagen (BAG, BGT, CBS)"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from kaartlagen.basiskaart.mapproxy import na_wijziging
        from kaartlagen.models import Kaartlaag
        from kern.models import Gemeentegrens

        # What the basemap's MapProxy configuration is made of: rewritten when it changes.
        for bron in (Kaartlaag, Gemeentegrens):
            post_save.connect(na_wijziging, sender=bron, dispatch_uid=f"mapproxy-herladen-{bron.__name__}")
            post_delete.connect(na_wijziging, sender=bron, dispatch_uid=f"mapproxy-weg-{bron.__name__}")
