"""Admin pieces every app shares: read-only views of what deliveries and syncs write, and the import runs."""

from django.contrib import admin

from kern.models import ImportRun


class AlleenLezen(admin.ModelAdmin):
    """For data that changes through deliveries and syncs only, never by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(AlleenLezen):
    list_display = ["gestart", "soort", "bestand", "status", "klaar"]
    list_filter = ["soort", "status"]
    search_fields = ["bestand", "sha256"]
