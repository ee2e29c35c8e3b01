"""Admin for site operators (superusers only: config.admin_site): edit drafts, publish, and,
until the researcher workspace's owner-only pages exist, give survey roles, each change audited.

It shows counts of responses, invitations and follow-up contacts, never their content.
"""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from audit.services import audit_record
from surveys.models import Choice, Page, Question, Survey, SurveyMembership, SurveyVersion
from surveys.services import IncompatibleChanges, PublishInvalid, survey_publish


class MembershipInline(admin.TabularInline):
    model = SurveyMembership
    extra = 0
    autocomplete_fields = ["user"]


class PageInline(admin.TabularInline):
    model = Page
    extra = 0
    fields = ["position", "title", "relevant"]
    show_change_link = True


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "status", "published_version", "opens_at", "closes_at"]
    list_filter = ["status"]
    search_fields = ["title", "slug", "organisation"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["current_version", "withdrawal_count", "created_at", "what_is_stored"]
    inlines = [PageInline, MembershipInline]
    actions = ["publish"]

    @admin.display(description=_("Responses, invitations and volunteers"))
    def what_is_stored(self, survey):
        if survey.pk is None:
            return "—"
        complete = Q(status="complete")
        responses = survey.responses.aggregate(
            all=Count("pk"), complete=Count("pk", filter=complete)
        )
        invitations = survey.invitations.aggregate(
            all=Count("pk"), used=Count("pk", filter=Q(used=True))
        )
        contacts = survey.followup_contacts.aggregate(
            all=Count("pk"), released=Count("pk", filter=Q(stage="released"))
        )
        return _(
            "%(complete)d complete and %(unfinished)d unfinished responses; "
            "%(used)d of %(invitations)d invitations used; "
            "%(released)d follow-up contacts released, %(waiting)d waiting"
        ) % {
            "complete": responses["complete"],
            "unfinished": responses["all"] - responses["complete"],
            "used": invitations["used"],
            "invitations": invitations["all"],
            "released": contacts["released"],
            "waiting": contacts["all"] - contacts["released"],
        }

    def save_formset(self, request, form, formset, change):
        if formset.model is not SurveyMembership:
            super().save_formset(request, form, formset, change)
            return
        with transaction.atomic():
            memberships_save_audited(actor=request.user, survey=form.instance, formset=formset)

    @admin.display(description=_("Published version"))
    def published_version(self, survey):
        return survey.current_version.number if survey.current_version else "—"

    @admin.action(description=_("Publish the draft of the selected surveys"))
    def publish(self, request, queryset):
        for survey in queryset:
            try:
                result = survey_publish(survey=survey, by=request.user)
            except PublishInvalid as invalid:
                for problem in invalid.problems:
                    self.message_user(request, f"{survey}: {problem}", messages.ERROR)
                continue
            except IncompatibleChanges as incompatible:
                for change in incompatible.changes:
                    self.message_user(request, f"{survey}: {change}", messages.WARNING)
                self.message_user(
                    request,
                    _("%(survey)s was not published: its responses would lose these answers.")
                    % {"survey": survey},
                    messages.ERROR,
                )
                continue
            if result.created:
                self.message_user(
                    request,
                    _("%(survey)s: published version %(number)d.")
                    % {"survey": survey, "number": result.version.number},
                )
            else:
                self.message_user(
                    request,
                    _("%(survey)s: nothing changed since version %(number)d.")
                    % {"survey": survey, "number": result.version.number},
                )


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = ["position", "code", "type", "label", "hint", "required", "relevant", "config"]
    show_change_link = True


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "survey", "position"]
    list_filter = ["survey"]
    inlines = [QuestionInline]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0
    fields = ["position", "value", "label", "exclusive", "is_other"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["code", "type", "page", "position", "required"]
    list_filter = ["type", "page__survey"]
    search_fields = ["code", "label"]
    inlines = [ChoiceInline]


@admin.register(SurveyVersion)
class SurveyVersionAdmin(admin.ModelAdmin):
    list_display = ["survey", "number", "published_at", "published_by", "checksum"]
    list_filter = ["survey"]
    readonly_fields = ["survey", "number", "schema", "checksum", "published_at", "published_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def memberships_save_audited(*, actor, survey: Survey, formset) -> None:
    """Save the membership inline, recording each role given, changed or removed."""
    before = {
        membership.pk: (membership.user, membership.role)
        for membership in SurveyMembership.objects.filter(survey=survey).select_related("user")
    }
    memberships = formset.save(commit=False)
    for removed in formset.deleted_objects:
        user, role = before[removed.pk]
        removed.delete()
        _audit_role(actor, survey, AuditEvent.Action.ROLE_REVOKED, user, role=role)
    for membership in memberships:
        previous_user, previous_role = before.get(membership.pk, (None, None))
        membership.save()
        if previous_user is not None and previous_user != membership.user:
            _audit_role(actor, survey, AuditEvent.Action.ROLE_REVOKED, previous_user, previous_role)
            previous_user = None
        if previous_user is None:
            _audit_role(
                actor, survey, AuditEvent.Action.ROLE_GRANTED, membership.user, role=membership.role
            )
        elif previous_role != membership.role:
            _audit_role(
                actor,
                survey,
                AuditEvent.Action.ROLE_CHANGED,
                membership.user,
                role=membership.role,
                previous_role=previous_role,
            )
    formset.save_m2m()


def _audit_role(actor, survey, action, user, role, previous_role=None) -> None:
    detail = {"user_id": user.pk, "user": user.get_username(), "role": role}
    if previous_role is not None:
        detail["previous_role"] = previous_role
    audit_record(actor=actor, action=action, survey=survey, detail=detail)
