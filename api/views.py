"""The API under /api/v1/: thin views over the services the workspace and the journey use.

Access is decided exactly as in the workspace: a token's scope (api.permissions), then the
user's role on the survey through surveys.selectors (another team's survey is 404, never 403).
Who may do what, and why, is in docs/api.md.
"""

from __future__ import annotations

from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api import selectors
from api.errors import ApiError, ErrorSerializer, error_body, flatten_details
from api.idempotency import (
    MAX_KEY_LENGTH,
    idempotency_claim,
    idempotency_finish,
    idempotency_release,
    request_fingerprint,
)
from api.models import ApiToken, Scope
from api.serializers import (
    ExportJobSerializer,
    ExportRequestSerializer,
    ResponsePageSerializer,
    ResponseSerializer,
    SubmissionRequestSerializer,
    SubmittedSerializer,
    SurveyDetailSerializer,
    SurveySerializer,
)
from api.tokens import token_record_use
from exports import jobs
from exports.forms import ExportOptionsForm
from responses.models import Response as SurveyResponse
from responses.services import NotAccepting
from responses.submission import AnswersInvalid, response_prepare_complete
from surveys.selectors import (
    CAN_ANALYSE,
    CAN_BUILD,
    CAN_VIEW,
    Role,
    role_on_survey,
    survey_for_member,
)

SAFEGUARDS = ("redact_free_text", "disclosure_check")


def _errors(*codes: int) -> dict:
    return {code: OpenApiResponse(ErrorSerializer) for code in codes}


COMMON_ERRORS = (401, 403, 404, 406, 429)
SLUG = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    pattern=r"^[-a-zA-Z0-9_]+$",
    description="The survey's address, as in /s/<slug>/ (see GET /api/v1/surveys/).",
)


class ApiView(APIView):
    """Every use of a token is audited (with the survey, when one was reached), and nothing
    the API answers is kept by a cache or a browser."""

    required_scope = Scope.READ

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = getattr(request, "_auth", None)
        if isinstance(token, ApiToken):
            token_record_use(token=token, request=request, survey=getattr(request, "survey", None))
        response["Cache-Control"] = "no-store"
        return response


def _survey(request, slug: str, roles: tuple[str, ...]):
    survey = survey_for_member(user=request.user, slug=slug, roles=roles)
    request.survey = survey
    return survey


class SurveyList(ApiView):
    @extend_schema(
        summary="Your surveys",
        responses={200: SurveySerializer(many=True), **_errors(*COMMON_ERRORS)},
    )
    def get(self, request):
        memberships = selectors.surveys_of(user=request.user)
        rows = [_with_role(m.survey, m.role) for m in memberships]
        return Response(SurveySerializer(rows, many=True).data)


def _with_role(survey, role):
    survey.role = role
    return survey


class SurveyDetail(ApiView):
    @extend_schema(
        summary="A survey and its published instrument",
        parameters=[SLUG],
        responses={200: SurveyDetailSerializer, **_errors(*COMMON_ERRORS)},
    )
    def get(self, request, slug):
        survey = _survey(request, slug, CAN_VIEW)
        survey = _with_role(survey, role_on_survey(user=request.user, survey=survey))
        return Response(SurveyDetailSerializer(survey).data)


class ListingQuery(serializers.Serializer):
    status = serializers.ChoiceField(SurveyResponse.Status.values, required=False)
    submitted_from = serializers.DateField(required=False)
    submitted_to = serializers.DateField(required=False)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=1000, default=100)
    cursor = serializers.CharField(required=False, max_length=500)


IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Any unique string (a UUID): sending the same request again with the same key "
    "replays the first result instead of storing a second response.",
)


class SurveyResponses(ApiView):
    @property
    def required_scope(self):
        return Scope.SUBMIT if self.request.method == "POST" else Scope.READ

    @extend_schema(
        summary="List responses (owners and analysts)",
        parameters=[SLUG, ListingQuery],
        responses={200: ResponsePageSerializer, **_errors(400, *COMMON_ERRORS)},
    )
    def get(self, request, slug):
        survey = _survey(request, slug, CAN_ANALYSE)
        query = ListingQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        responses = selectors.responses_for_listing(
            survey=survey,
            status=params.get("status"),
            submitted_from=params.get("submitted_from"),
            submitted_to=params.get("submitted_to"),
        )
        if params.get("cursor"):
            try:
                responses = responses.filter(id__gt=selectors.cursor_decode(params["cursor"]))
            except selectors.CursorInvalid:
                raise ApiError(
                    status_code=400, code="cursor_invalid", message="The cursor is not valid."
                ) from None
        size = params["page_size"]
        page = list(responses[: size + 1])
        following = None
        if len(page) > size:
            page = page[:size]
            query_string = request.query_params.copy()
            query_string["cursor"] = selectors.cursor_encode(page[-1].id)
            following = request.build_absolute_uri(f"{request.path}?{query_string.urlencode()}")
        return Response({"results": ResponseSerializer(page, many=True).data, "next": following})

    @extend_schema(
        summary="Submit one complete response (owners and editors)",
        request=SubmissionRequestSerializer,
        parameters=[SLUG, IDEMPOTENCY_HEADER],
        responses={
            201: SubmittedSerializer,
            **_errors(400, *COMMON_ERRORS, 409, 415, 422),
        },
    )
    def post(self, request, slug):
        survey = _survey(request, slug, CAN_BUILD)
        body = request.data
        key = request.headers.get("Idempotency-Key")
        if key is None:
            status_code, result = _submit(survey, body, store=_insert)
            return Response(result, status=status_code)
        if not 0 < len(key) <= MAX_KEY_LENGTH:
            raise ApiError(
                status_code=400,
                code="idempotency_key_invalid",
                message=f"An Idempotency-Key is 1 to {MAX_KEY_LENGTH} characters.",
            )
        fingerprint = request_fingerprint(path=request.path, body=body)
        claim = idempotency_claim(user=request.user, key=key, fingerprint=fingerprint)
        if claim.replay is not None:
            return Response(
                claim.replay.body,
                status=claim.replay.status_code,
                headers={"Idempotent-Replayed": "true"},
            )
        if claim.conflict:
            raise _idempotency_conflict(claim.conflict)

        def store(response, result):  # the response and its key's result, committed together
            idempotency_finish(record=claim.record, status_code=201, body=result, stored=response)

        try:
            status_code, result = _submit(survey, body, store=store)
        except BaseException:
            idempotency_release(record=claim.record)
            raise
        if status_code != status.HTTP_201_CREATED:
            idempotency_release(record=claim.record)  # nothing stored: the key is not spent
        return Response(result, status=status_code)


def _idempotency_conflict(conflict: str) -> ApiError:
    if conflict == "different_request":
        return ApiError(
            status_code=422,
            code="idempotency_key_reused",
            message="This Idempotency-Key was used with a different request.",
        )
    return ApiError(
        status_code=409,
        code="idempotency_key_in_flight",
        message="A request with this Idempotency-Key is still being processed; try again.",
    )


def _submit(survey, body, *, store) -> tuple[int, dict]:
    """(status, body) of one submission: 201 stored, 400 invalid, 409 not accepting. A valid
    response and the body that reports it are made first, then `store(response, body)`
    inserts the response."""
    request_data = SubmissionRequestSerializer(data=body)
    if not request_data.is_valid():
        details = flatten_details(request_data.errors)
        return 400, error_body("invalid", "The request is not valid; see details.", details)
    try:
        response, validated = response_prepare_complete(
            survey=survey,
            answers=request_data.validated_data["answers"],
            now=timezone.now(),
            channel=SurveyResponse.Channel.API,
        )
    except AnswersInvalid as invalid:
        return 400, error_body(
            "answers_invalid", "Some answers are not valid; see details.", invalid.errors
        )
    except NotAccepting as refusal:
        return 409, error_body(
            "survey_not_accepting",
            "The survey is not taking responses now.",
            {"availability": [refusal.availability.value]},
        )
    response.version = survey.current_version
    result = dict(
        SubmittedSerializer(_with_not_applicable(response, validated.not_applicable)).data
    )
    store(response, result)
    return 201, result


def _insert(response, result) -> None:
    response.save(force_insert=True)


def _with_not_applicable(response, codes):
    response.not_applicable = list(codes)
    return response


class SurveyExports(ApiView):
    required_scope = Scope.EXPORT

    @extend_schema(
        summary="Request an export (owners and analysts)",
        parameters=[SLUG],
        request=ExportRequestSerializer,
        responses={202: ExportJobSerializer, **_errors(400, *COMMON_ERRORS, 415)},
    )
    def post(self, request, slug):
        survey = _survey(request, slug, CAN_ANALYSE)
        options = ExportRequestSerializer(data=request.data)
        options.is_valid(raise_exception=True)
        unknown = set(request.data) - set(options.fields)
        if unknown:
            raise serializers.ValidationError({k: ["Not an export option."] for k in unknown})
        is_owner = role_on_survey(user=request.user, survey=survey) == Role.OWNER
        wanted = options.validated_data
        if not is_owner and any(wanted.get(name) is False for name in SAFEGUARDS):
            raise ApiError(
                status_code=403,
                code="safeguard_owner_only",
                message="Only the survey's owners may switch off redaction or the small-group "
                "check.",
            )
        form = ExportOptionsForm(data=_form_data(wanted), may_switch_off_safeguards=is_owner)
        if not form.is_valid():
            raise serializers.ValidationError(
                {
                    ("non_field_errors" if k == "__all__" else k): list(v)
                    for k, v in form.errors.items()
                }
            )
        job = jobs.export_job_request(
            survey=survey, requested_by=request.user, options=form.options
        )
        jobs.export_safeguards_audit(job=job, options=form.options, by=request.user)
        body = ExportJobSerializer(job, context={"request": request}).data
        location = request.build_absolute_uri(reverse("api:export_job", args=[job.pk]))
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": location})


def _form_data(wanted: dict) -> dict:
    """The export form's data: its own defaults, then what was asked."""
    defaults = {name: field.initial for name, field in ExportOptionsForm.base_fields.items()}
    return {**defaults, **{k: v for k, v in wanted.items() if v is not None}}


class ExportJobDetail(ApiView):
    required_scope = Scope.EXPORT

    @extend_schema(
        summary="An export's status and progress",
        responses={200: ExportJobSerializer, **_errors(*COMMON_ERRORS)},
    )
    def get(self, request, job_id):
        job = selectors.job_for_member(user=request.user, job_id=job_id, roles=CAN_ANALYSE)
        request.survey = job.survey
        return Response(ExportJobSerializer(job, context={"request": request}).data)


class ExportDownload(ApiView):
    required_scope = Scope.EXPORT

    def perform_content_negotiation(self, request, force=False):
        # A zip is what this answers, whatever Accept says; errors are JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        summary="Download a finished export's package (a zip)",
        responses={
            (200, "application/zip"): OpenApiResponse(
                bytes, description="The package: data, codebook, cleaning report."
            ),
            **_errors(401, 403, 404, 409, 429),
        },
    )
    def get(self, request, job_id):
        job = selectors.job_for_member(user=request.user, job_id=job_id, roles=CAN_ANALYSE)
        request.survey = job.survey
        try:
            handle = jobs.export_job_download(job=job, user=request.user)
        except jobs.ExportNotReady:
            raise ApiError(
                status_code=409,
                code="export_not_ready",
                message=f"The export is not ready to download (it is {job.status}).",
            ) from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=job.file.name.rsplit("/", 1)[-1],
            content_type="application/zip",
        )
        response["Cache-Control"] = "no-store"
        return response
