"""The admin is for the people who run the site (superusers), never for researchers.

Researchers get survey roles, and what a role may see is decided in surveys.selectors; Django's
model permissions know nothing of surveys, so a staff account with them could reach any survey.
Here only an active superuser passes: staff status and model permissions alone open nothing.
No admin page shows answers or follow-up contacts (responses.admin).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class CandourAdminSite(admin.AdminSite):
    site_header = _("Candour site administration")
    site_title = _("Candour administration")
    index_title = _("Site administration")

    def has_permission(self, request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)
