"""The one staff login: password, then the code from an authenticator app for whoever has set one up
(TOTP, django-otp). Attempts are limited by django-axes (settings AXES_*): per account from one client
and per client IP, each lock lifting by itself after AXES_COOLOFF_TIME (decision 0014, docs/production.md).
"""

from base64 import b32encode

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import render
from django_otp.plugins.otp_totp.models import TOTPDevice

APPARAAT_NAAM = "app"


def totp_apparaat(gebruiker, bevestigd: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=gebruiker, confirmed=bevestigd).first()


def heeft_tweede_factor(gebruiker) -> bool:
    return TOTPDevice.objects.filter(user=gebruiker, confirmed=True).exists()


class InlogFormulier(AuthenticationForm):
    code = forms.CharField(
        required=False,
        max_length=8,
        label="Code uit uw app",
        help_text="Alleen als u een app voor inlogcodes hebt ingesteld.",
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Gebruikersnaam of wachtwoord klopt niet.",
        "code_nodig": "Vul ook de code uit uw app in.",
        "code_fout": "De code klopt niet of is verlopen. Probeer de nieuwe code uit uw app.",
        "code_pauze": "Te veel foute codes. Wacht even en probeer het dan opnieuw.",
    }

    def clean(self):
        schoon = super().clean()  # the password; axes counts a wrong one
        gebruiker = self.get_user()
        self.apparaat = totp_apparaat(gebruiker) if gebruiker else None
        if self.apparaat is None:
            return schoon
        code = (self.cleaned_data.get("code") or "").strip()
        if not code:
            raise forms.ValidationError(self.error_messages["code_nodig"], code="code_nodig")
        mag, _ = self.apparaat.verify_is_allowed()
        if not mag:
            raise forms.ValidationError(self.error_messages["code_pauze"], code="code_pauze")
        with transaction.atomic():
            goed = self.apparaat.verify_token(code)  # also records the failure for its own throttling
        if not goed:
            # A wrong code counts as a failed login too, so guessing codes runs into the same limit.
            user_login_failed.send(
                sender=__name__, credentials={"username": gebruiker.get_username()}, request=self.request
            )
            raise forms.ValidationError(self.error_messages["code_fout"], code="code_fout")
        return schoon


def nieuw_apparaat(gebruiker) -> TOTPDevice:
    """A fresh, unconfirmed key for the user (replacing an earlier unconfirmed one)."""
    TOTPDevice.objects.filter(user=gebruiker, confirmed=False).delete()
    return TOTPDevice.objects.create(user=gebruiker, name=APPARAAT_NAAM, confirmed=False)


def sleutel_tekst(apparaat: TOTPDevice) -> str:
    """The key as people type it into an app: base32 in groups of four."""
    tekst = b32encode(apparaat.bin_key).decode().rstrip("=")
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))


def bevestig(apparaat: TOTPDevice, code: str) -> bool:
    """Confirm a new key with a code from the app; the user's older keys are then removed."""
    if not apparaat.verify_token(code.strip()):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=apparaat.user, confirmed=True).exclude(pk=apparaat.pk).delete()
        apparaat.confirmed = True
        apparaat.save(update_fields=["confirmed"])
    return True


def uitschakelen(gebruiker) -> int:
    return TOTPDevice.objects.filter(user=gebruiker).delete()[0]


def geblokkeerd(request, original_response=None, credentials=None):
    """django-axes' answer to a locked login: 429 with the time to wait, in words and in Retry-After."""
    seconden = int(settings.AXES_COOLOFF_TIME.total_seconds())
    antwoord = render(
        request, "meldingen/backoffice/geblokkeerd.html", {"wachttijd": max(seconden // 60, 1)}, status=429
    )
    antwoord["Retry-After"] = str(seconden)
    return antwoord
