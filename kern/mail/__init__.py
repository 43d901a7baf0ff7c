"""Mail as an outbox of deliveries (decision 0012, docs/mail.md).

`plan_mail(...)` is called inside the caller's transaction and writes one `Bezorging` row with a unique
key; a job (`kern/mail/tasks.py`) sends due rows one at a time over one kept-open SMTP connection and
marks each sent in the same transaction that sends it. One refused address never holds up or repeats
another.

The names are resolved lazily so that `import kern.mail` works before Django's app registry is ready.
"""

__all__ = ["adres_geblokkeerd", "bewaar_bijlage", "bewaar_bijlagen", "plan_mail", "plan_mails", "wis_adres"]


def __getattr__(naam: str):
    if naam in __all__:
        from kern.mail import planning

        return getattr(planning, naam)
    raise AttributeError(naam)
