"""The API's documents. Each says what leaves (or comes in) and nothing more."""

from __future__ import annotations

import copy

from django.urls import reverse
from rest_framework import serializers

from api.selectors import public_response_id
from exports.forms import (
    DATE_CHOICES,
    FORMAT_CHOICES,
    INCOMPLETE_CHOICES,
    SPEEDER_CHOICES,
    STRAIGHTLINE_CHOICES,
    VALUE_CHOICES,
)
from exports.models import ExportJob
from responses.models import Response


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    checksum = serializers.CharField()
    published_at = serializers.DateTimeField()
    instrument = serializers.JSONField(
        source="schema",
        help_text="The published version's JSON document, as stored: its pages, questions "
        "(each with its `code`, `type`, `required`, `relevant` condition and `choices`).",
    )


class SurveySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    status = serializers.CharField()
    role = serializers.CharField(help_text="Your role: owner, editor, analyst or viewer.")
    current_version = serializers.IntegerField(
        source="current_version.number", allow_null=True, default=None
    )


class SurveyDetailSerializer(SurveySerializer):
    version = VersionSerializer(
        source="current_version", allow_null=True, help_text="null until first published."
    )


class SubmissionRequestSerializer(serializers.Serializer):
    answers = serializers.DictField(
        help_text="Answers keyed by question code, in the stored shape: text and choice codes "
        "as strings, numbers as numbers, multiple choice and ranking as lists of codes, dates "
        "as YYYY-MM-DD, matrices as {row: column}, consent as true, ‘Other’ text under "
        "`<code>.other`.",
    )

    def validate(self, attrs):
        unknown = set(self.initial_data) - set(self.fields)
        if unknown:
            raise serializers.ValidationError(
                {key: ["Not a field of a submission."] for key in sorted(unknown)}
            )
        return attrs


class FieldsMadeOnce:
    """A ModelSerializer works its fields out from the model each time one is made, which cost
    more than the rest of writing a response (bench/profile_page.py --request api); they depend
    only on the class, so they are worked out once per class and copied.

    A plain field is copied shallowly: binding it to a serializer sets only the copy's own name,
    parent and source, and nothing else of a field changes once made (a deep copy, as DRF makes
    of declared fields, built each field anew and cost half of writing out a response). A nested
    serializer, which keeps state of its own, is copied deeply."""

    def get_fields(self):
        made = type(self).__dict__.get("_fields_made")
        if made is None:
            made = super().get_fields()
            type(self)._fields_made = made
        return {
            name: copy.deepcopy(field)
            if isinstance(field, serializers.BaseSerializer)
            else copy.copy(field)
            for name, field in made.items()
        }


class ResponseSerializer(FieldsMadeOnce, serializers.ModelSerializer):
    id = serializers.SerializerMethodField(
        help_text="A stable public id (a keyed hash; not the internal id)."
    )
    version = serializers.IntegerField(source="version.number")

    class Meta:
        model = Response
        fields = [
            "id",
            "status",
            "version",
            "channel",
            "is_test",
            "started_on",
            "submitted_at",
            "answers",
        ]

    def get_id(self, response) -> str:
        return public_response_id(response.id)


class SubmittedSerializer(ResponseSerializer):
    not_applicable = serializers.ListField(
        child=serializers.CharField(),
        help_text="Codes sent for questions that do not apply given the other answers: "
        "not stored (as in the web journey).",
    )

    class Meta(ResponseSerializer.Meta):
        fields = [*ResponseSerializer.Meta.fields, "not_applicable"]


class ResponsePageSerializer(serializers.Serializer):
    results = ResponseSerializer(many=True)
    next = serializers.CharField(
        allow_null=True, help_text="The next page's URL, or null on the last page."
    )


class ExportRequestSerializer(serializers.Serializer):
    """The options of the workspace's export form, with the same defaults; validated by the same
    form (exports.forms.ExportOptionsForm)."""

    formats = serializers.ListField(
        child=serializers.ChoiceField(choices=[c for c, _label in FORMAT_CHOICES]),
        required=False,
        help_text="Default: csv, xlsx, sav, dta.",
    )
    values = serializers.ChoiceField([c for c, _ in VALUE_CHOICES], required=False)
    incomplete = serializers.ChoiceField([c for c, _ in INCOMPLETE_CHOICES], required=False)
    speeders = serializers.ChoiceField([c for c, _ in SPEEDER_CHOICES], required=False)
    straightlining = serializers.ChoiceField([c for c, _ in STRAIGHTLINE_CHOICES], required=False)
    drop_duplicates = serializers.BooleanField(required=False)
    dates = serializers.ChoiceField([c for c, _ in DATE_CHOICES], required=False)
    csv_bom = serializers.BooleanField(required=False)
    include_test = serializers.BooleanField(required=False)
    redact_free_text = serializers.BooleanField(
        required=False, help_text="Owners only may switch this off."
    )
    disclosure_check = serializers.BooleanField(
        required=False, help_text="Owners only may switch this off."
    )
    seed = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=2**62)


class ExportJobSerializer(serializers.ModelSerializer):
    survey = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    percent = serializers.IntegerField(source="percent_done")
    finished = serializers.BooleanField(source="is_finished")
    formats = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "url",
            "survey",
            "status",
            "formats",
            "progress_done",
            "progress_total",
            "percent",
            "finished",
            "error",
            "created_at",
            "finished_at",
            "expires_at",
            "sha256",
            "size",
            "download_url",
        ]

    def get_formats(self, job) -> list[str]:
        return list(job.options.get("formats", []))

    def get_url(self, job) -> str:
        return self._absolute(reverse("api:export_job", args=[job.pk]))

    def get_download_url(self, job) -> str | None:
        if job.status != ExportJob.Status.DONE:
            return None
        return self._absolute(reverse("api:export_download", args=[job.pk]))

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path
