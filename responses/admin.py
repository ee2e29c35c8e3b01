"""Read-only views of responses for operators. Follow-up contacts are deliberately absent:
only a survey's owners can export them, separately (responses.views.followup)."""

from django.contrib import admin

from responses.models import Invitation, Response


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["id", "survey", "status", "started_on", "submitted_at", "is_test"]
    list_filter = ["survey", "status", "is_test"]
    readonly_fields = [field.name for field in Response._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["survey", "batch", "used", "created_at"]
    list_filter = ["survey", "used"]
    readonly_fields = ["survey", "code_hash", "batch", "used", "created_at"]

    def has_add_permission(self, request):
        return False  # codes are created with `manage.py create_invitations`, shown once
