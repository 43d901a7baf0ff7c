"""A real SMTP server (tests/support/smtp.py) with Django's SMTP backend pointed at it."""

import pytest

from tests.support.smtp import smtp_sink


@pytest.fixture
def sink(settings):
    with smtp_sink() as s:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", s.poort
        yield s
