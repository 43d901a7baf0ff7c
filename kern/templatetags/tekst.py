from django import template

from kern.afbreken import afbreekbaar as _afbreekbaar

register = template.Library()


@register.filter
def afbreekbaar(tekst) -> str:
    """`{{ titel|afbreekbaar }}` in a heading: long words break at a Dutch hyphenation point on a narrow
    screen (kern/afbreken.py). The result is escaped as any other text."""
    return _afbreekbaar(str(tekst))
