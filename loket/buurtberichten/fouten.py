from kern.fouten import CodeFout


class BuurtberichtFout(CodeFout):
    """Something buurtberichten refuses: a wrong area, an unknown token, too many requests."""
