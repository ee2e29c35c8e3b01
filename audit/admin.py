from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, for operators to consult."""

    list_display = ["occurred_at", "actor_label", "action", "survey_label"]
    list_filter = ["action"]
    search_fields = ["actor_label", "survey_label"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
