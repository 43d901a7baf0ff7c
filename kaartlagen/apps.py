from django.apps import AppConfig


def _na_wijziging_kaartlaag(sender, **kwargs):
    # MapProxy's module (and yaml) is loaded when a layer changes, not at start: an import never does.
    from kaartlagen.basiskaart.mapproxy import na_wijziging_kaartlaag

    na_wijziging_kaartlaag(sender, **kwargs)


class KaartlagenConfig(AppConfig):
    name = "kaartlagen"
    verbose_name = "Kaartlagen (BAG, BGT, CBS)"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from kaartlagen.models import Kaartlaag

        post_save.connect(_na_wijziging_kaartlaag, sender=Kaartlaag, dispatch_uid="mapproxy-herladen")
        post_delete.connect(_na_wijziging_kaartlaag, sender=Kaartlaag, dispatch_uid="mapproxy-herladen-weg")
