"""The one shape of an expected, explainable failure: a stable machine-readable code and a message
for people. Importers, search, tiles, rules and zaken raise subclasses; `kern.problem.probleem_voor`
turns any of them into problem+json, for every API and view alike."""


class CodeFout(ValueError):
    # What an API answers when this failure reaches it; a subclass or an instance may say otherwise.
    http_status = 400
    titel = "Verzoek niet mogelijk"

    def __init__(self, code: str, bericht: str, *, http_status: int | None = None, titel: str | None = None):
        super().__init__(bericht)
        self.code = code
        if http_status is not None:
            self.http_status = http_status
        if titel is not None:
            self.titel = titel
