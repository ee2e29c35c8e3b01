"""Every API error has one JSON shape, documented in the schema as `Error`:

    {"code": "answers_invalid", "message": "…", "details": {"years": ["Enter a whole number…"]}}

`code` is stable (clients branch on it); `message` is for people; `details` maps a field, or for
answers a question code, to its messages (empty when there is nothing per field).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

MESSAGES = {
    "not_authenticated": "Send a personal API token as ‘Authorization: Bearer cdr_…’.",
    "not_found": "There is nothing here, or your role on the survey does not let you see it.",
    "throttled": "Too many requests with this token; wait and try again.",
    "invalid": "The request is not valid; see details.",
    "parse_error": "The body is not valid JSON.",
}


class ApiError(exceptions.APIException):
    """An error with our own code and per-field details."""

    def __init__(self, *, status_code: int, code: str, message: str, details=None):
        super().__init__(detail=message, code=code)
        self.status_code = status_code
        self.code = code
        self.message = message
        self.details = details or {}


def error_body(code: str, message: str, details: dict | None = None) -> dict:
    return {"code": code, "message": message, "details": details or {}}


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's handler (500) takes it
    if isinstance(exc, ApiError):
        response.data = error_body(exc.code, exc.message, exc.details)
        return response
    code, message, details = _describe(exc)
    response.data = error_body(code, message, details)
    return response


def _describe(exc: exceptions.APIException) -> tuple[str, str, dict]:
    if isinstance(exc, exceptions.ValidationError):
        details = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        return "invalid", MESSAGES["invalid"], flatten_details(details)
    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else exc.default_code
    message = (
        str(exc.detail) if not isinstance(exc.detail, list | dict) else str(exc.default_detail)
    )
    return code, MESSAGES.get(code, message), {}


def flatten_details(details) -> dict[str, list[str]]:
    """Field → list of messages, flattening nested serializer errors to dotted names."""
    flat: dict[str, list[str]] = {}

    def walk(prefix: str, value):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list):
            if all(not isinstance(item, dict | list) for item in value):
                flat.setdefault(prefix or "non_field_errors", []).extend(str(i) for i in value)
            else:
                for index, inner in enumerate(value):
                    walk(f"{prefix}.{index}", inner)
        else:
            flat.setdefault(prefix or "non_field_errors", []).append(str(value))

    walk("", details)
    return flat


class ErrorSerializer(serializers.Serializer):
    """The schema of every error response."""

    code = serializers.CharField(help_text="Stable machine-readable code, e.g. answers_invalid.")
    message = serializers.CharField(help_text="What went wrong, for people.")
    details = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per field, or per question code for answers.",
    )


ERROR_STATUSES = (
    status.HTTP_400_BAD_REQUEST,
    status.HTTP_401_UNAUTHORIZED,
    status.HTTP_403_FORBIDDEN,
    status.HTTP_404_NOT_FOUND,
    status.HTTP_405_METHOD_NOT_ALLOWED,
    status.HTTP_406_NOT_ACCEPTABLE,
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
    status.HTTP_429_TOO_MANY_REQUESTS,
)


def not_found_response() -> Response:
    return Response(error_body("not_found", MESSAGES["not_found"]), status=404)
