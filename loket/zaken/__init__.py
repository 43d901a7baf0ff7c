"""The zaak core: zaaktypen with their statustypen and allowed overgangen, zaken, status history,
teams, documents and the domain-event outbox. Meldingen and DSO verzoeken both build on it."""
