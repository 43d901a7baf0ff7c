"""A strict Content-Security-Policy on the public portal: only our own scripts, styles and data.

No 'unsafe-inline': pages keep scripts and styles in static files. The admin (under /beheer/) is left
to Django, whose templates use a few inline styles.
"""

BELEID = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/beheer/"):
            response.setdefault("Content-Security-Policy", BELEID)
        return response
