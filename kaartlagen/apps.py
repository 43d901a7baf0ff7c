from django.apps import AppConfig


class KaartlagenConfig(AppConfig):
    name = "kaartlagen"
    verbose_name = "Kaartlagen (BAG, BGT, CBS)"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from kaartlagen.basiskaart.mapproxy import na_wijziging_kaartlaag
        from kaartlagen.models import Kaartlaag

        post_save.connect(na_wijziging_kaartlaag, sender=Kaartlaag, dispatch_uid="mapproxy-herladen")
        post_delete.connect(na_wijziging_kaartlaag, sender=Kaartlaag, dispatch_uid="mapproxy-herladen-weg")
