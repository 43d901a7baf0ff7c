"""Meldingen openbare ruimte: a melding is a zaak (loket.zaken) with a category, contact data the
resident chose to give, photos, followers and reactions."""
