"""A strict Content-Security-Policy on the public portal: only our own scripts, styles and data.

No 'unsafe-inline': pages keep scripts and styles in static files. A page that must embed generated
inline code (the buurtdashboard's folium maps) sets its own header with `beleid(nonce)`: a fresh random
nonce per response, carried by exactly the <script>/<style> blocks it generated. The admin (under
/beheer/) is left to Django, whose templates use a few inline styles.
"""


def beleid(nonce: str = "") -> str:
    """The policy; with `nonce`, inline blocks carrying that nonce are allowed as well."""
    extra = f" 'nonce-{nonce}'" if nonce else ""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self'{extra}",
            f"style-src 'self'{extra}",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


BELEID = beleid()


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/beheer/"):
            response.setdefault("Content-Security-Policy", BELEID)
        return response
