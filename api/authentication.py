"""`Authorization: Bearer cdr_…`: the only way into the API. Sessions are not accepted, so a
signed-in browser can never be made to call the API (no CSRF to worry about)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api.tokens import token_find

KEYWORDS = ("bearer", "token")


class TokenInvalid(exceptions.AuthenticationFailed):
    default_detail = "The API token is unknown, revoked or expired."
    default_code = "token_invalid"


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header:
            return None
        if header[0].lower() not in KEYWORDS or len(header) != 2:
            raise TokenInvalid("Send the token as ‘Authorization: Bearer cdr_…’.")
        token = token_find(header[1])
        if token is None:
            raise TokenInvalid
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token from the workspace (Account › API tokens), "
            "or from `manage.py create_api_token`.",
        }
