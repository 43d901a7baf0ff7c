from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "kern.mail"
    label = "kern_mail"
    verbose_name = "E-mail (bezorgingen)"
    default_auto_field = "django.db.models.BigAutoField"
