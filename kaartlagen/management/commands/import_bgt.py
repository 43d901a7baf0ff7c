from kaartlagen.importing.bgt import importeer_bgt
from kaartlagen.importing.command import ImportCommand


class Command(ImportCommand):
    soort = "bgt"
    help = (
        "Importeer een BGT-download van PDOK (IMGeo 2.1.1 CityGML: zip met bgt_<type>.gml, map of bestand)."
    )

    def importeer(self, bron, opnieuw, stream):
        return importeer_bgt(bron, opnieuw=opnieuw, werkers=self.werkers, stream=stream)
