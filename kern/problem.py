"""Errors as application/problem+json (RFC 9457) with a stable, machine-readable code."""

from django.http import JsonResponse

from kern.fouten import CodeFout

PROBLEEM_TYPE = "urn:omgevingsloket:probleem:"


def probleem(status: int, code: str, titel: str, detail: str = "", **extra) -> JsonResponse:
    body = {"type": PROBLEEM_TYPE + code, "code": code, "title": titel, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return JsonResponse(
        body,
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )


def probleem_voor(fout: CodeFout) -> JsonResponse:
    """The one place where a CodeFout becomes an HTTP answer (DRF views and plain views alike)."""
    return probleem(fout.http_status, fout.code, fout.titel, str(fout))
