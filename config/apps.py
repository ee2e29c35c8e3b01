"""Django's admin, as Candour's own site: for site operators only (config.admin_site)."""

from django.contrib.admin.apps import AdminConfig


class CandourAdminConfig(AdminConfig):
    default_site = "config.admin_site.CandourAdminSite"
