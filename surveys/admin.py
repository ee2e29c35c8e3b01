"""Admin for researchers until the builder exists: edit drafts, publish, share under roles."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

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
    readonly_fields = ["current_version", "withdrawal_count", "created_at"]
    inlines = [PageInline, MembershipInline]
    actions = ["publish"]

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
