"""Scopes: a token may read, submit, export, or any of these. Roles on surveys are checked
separately, by surveys.selectors, exactly as the workspace checks them."""

from __future__ import annotations

from rest_framework import exceptions, permissions


class ScopeMissing(exceptions.PermissionDenied):
    default_code = "scope_missing"


class HasScope(permissions.BasePermission):
    """The view's `required_scope` must be one of the token's scopes."""

    def has_permission(self, request, view):
        token = request.auth
        if token is None:
            raise exceptions.NotAuthenticated
        scope = getattr(view, "required_scope", None)
        if scope is None or token.has_scope(scope):
            return True
        raise ScopeMissing(f"This token does not have the ‘{scope}’ scope.")
