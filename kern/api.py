"""REST conventions shared by every API of the portal: problem+json errors with stable codes."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler

from kern.fouten import CodeFout
from kern.problem import probleem, probleem_voor


class ProbleemSerializer(serializers.Serializer):
    """What every error looks like (RFC 9457), for the OpenAPI schema."""

    type = serializers.CharField()
    code = serializers.CharField(help_text="vaste code, bijv. buiten_gemeente, zoekterm_te_lang")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(required=False)


class ApiFout(CodeFout):
    """A refused request that only an API raises, e.g. ApiFout("niet_gevonden", "…", "Niet gevonden", 404).
    Domain code raises its own CodeFout subclasses; both reach the client through the same handler."""

    def __init__(self, code: str, detail: str, titel: str = CodeFout.titel, status_code: int = 400):
        super().__init__(code, detail, http_status=status_code, titel=titel)


def query_params(serializer_class, request) -> dict:
    """The query string checked by a serializer; what does not fit is a 400 invoer_ongeldig."""
    params = serializer_class(data=request.query_params)
    params.is_valid(raise_exception=True)
    return params.validated_data


def problem_exception_handler(exc, context):
    if isinstance(exc, CodeFout):
        return probleem_voor(exc)
    if isinstance(exc, exceptions.ValidationError):
        velden = exc.detail if isinstance(exc.detail, dict) else {"": exc.detail}
        fouten = {
            veld: [str(m) for m in (berichten if isinstance(berichten, list) else [berichten])]
            for veld, berichten in velden.items()
        }
        detail = "; ".join(f"{veld}: {' '.join(m)}" if veld else " ".join(m) for veld, m in fouten.items())
        return probleem(400, "invoer_ongeldig", "De invoer klopt niet", detail, fouten=fouten)
    # Django's own (get_object_or_404, a permission check) as DRF's, so they too become problem+json.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.APIException):
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else "fout"
        return probleem(response.status_code, code, str(exc.default_detail), str(exc.detail))
    return response
