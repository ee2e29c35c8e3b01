"""Invitations to sign up: the only way a new researcher account comes to exist.

An owner adds a colleague to a survey by e-mail. If nobody has that address yet, an Invitation
holds the role they will get and the hash of a single-use, expiring link sent to the address.
"""

from django.conf import settings
from django.db import models

from surveys.models import Survey, SurveyMembership


class Invitation(models.Model):
    email = models.EmailField()
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=10, choices=SurveyMembership.Role.choices)
    # SHA-256 of the link's token: a database dump does not hand out working links.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.role}) to {self.survey}"
