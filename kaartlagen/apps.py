from django.apps import AppConfig


def _na_wijziging(sender, **kwargs):
    # MapProxy's module (and yaml) is loaded when a layer changes, not at start: an import never does.
    from kaartlagen.basiskaart.mapproxy import na_wijziging

    na_wijziging(sender, **kwargs)


class KaartlagenConfig(AppConfig):
    name = "kaartlagen"
    verbose_name = "Kaartlagen (BAG, BGT, CBS)"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_save

        from kaartlagen import voorbereid
        from kaartlagen.models import Kaartlaag
        from kern.models import Gemeentegrens

        # What the basemap's MapProxy configuration is made of: rewritten when it changes.
        for bron in (Kaartlaag, Gemeentegrens):
            post_save.connect(_na_wijziging, sender=bron, dispatch_uid=f"mapproxy-herladen-{bron.__name__}")
            post_delete.connect(_na_wijziging, sender=bron, dispatch_uid=f"mapproxy-weg-{bron.__name__}")
        connection_created.connect(voorbereid.generieke_plannen, dispatch_uid="generieke-plannen")
