from kaartlagen.importing.bag import importeer_bag
from kaartlagen.importing.command import ImportCommand


class Command(ImportCommand):
    soort = "bag"
    help = "Importeer een LV BAG 2.0-extract (gemeentezip van het Kadaster, map of XML-bestand)."

    def importeer(self, bron, opnieuw, stream):
        return importeer_bag(bron, opnieuw=opnieuw, werkers=self.werkers, stream=stream)
