"""The one shape of an expected, explainable failure: a stable machine-readable code and a message
for people. Importers, search, tiles and features raise subclasses; APIs turn them into problem+json."""


class CodeFout(ValueError):
    def __init__(self, code: str, bericht: str):
        super().__init__(bericht)
        self.code = code
