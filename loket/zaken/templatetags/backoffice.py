from django import template

from loket.zaken import backoffice

register = template.Library()


@register.inclusion_tag("zaken/backoffice/_menu.html", takes_context=True)
def backoffice_menu(context):
    """The backoffice's own menu with the notices of its sections, at the top of every staff page."""
    request = context["request"]
    return {"user": request.user, "csrf_token": context.get("csrf_token"), **backoffice.menu(request)}
