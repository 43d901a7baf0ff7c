"""REST conventions shared by every API of the portal: problem+json errors with stable codes."""

from rest_framework import exceptions, serializers, status
from rest_framework.views import exception_handler

from loket.problem import probleem


class ProbleemSerializer(serializers.Serializer):
    """What every error looks like (RFC 9457), for the OpenAPI schema."""

    type = serializers.CharField()
    code = serializers.CharField(help_text="vaste code, bijv. buiten_gemeente, zoekterm_te_lang")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(required=False)


class ApiFout(exceptions.APIException):
    """A refused request with a stable code, e.g. ApiFout("buiten_gemeente", "…")."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, code: str, detail: str, titel: str = "Verzoek niet mogelijk", status_code: int = 400):
        super().__init__(detail, code)
        self.fout_code, self.titel, self.status_code = code, titel, status_code


def problem_exception_handler(exc, context):
    if isinstance(exc, ApiFout):
        return probleem(exc.status_code, exc.fout_code, exc.titel, str(exc.detail))
    if isinstance(exc, exceptions.ValidationError):
        velden = exc.detail if isinstance(exc.detail, dict) else {"": exc.detail}
        fouten = {
            veld: [str(m) for m in (berichten if isinstance(berichten, list) else [berichten])]
            for veld, berichten in velden.items()
        }
        detail = "; ".join(f"{veld}: {' '.join(m)}" if veld else " ".join(m) for veld, m in fouten.items())
        return probleem(400, "invoer_ongeldig", "De invoer klopt niet", detail, fouten=fouten)
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.APIException):
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else "fout"
        return probleem(response.status_code, code, str(exc.default_detail), str(exc.detail))
    return response
