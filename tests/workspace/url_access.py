"""Who may open which URL: THE table the role matrix test holds every URL to.

Every URL pattern outside /s/ (respondents), /admin/, /healthz and static files must have a row,
or the matrix test fails: add your URL here when you add a view. A row maps each persona to the
status a GET request gets. Strangers (another team's researcher) get 404 wherever a survey is
involved; anonymous visitors are sent to sign in (302) before anything is looked up.
"""

from __future__ import annotations

ROLES = ("owner", "editor", "analyst", "viewer", "stranger", "anonymous")


def access(owner, editor, analyst, viewer, *, stranger=404, anonymous=302) -> dict[str, int]:
    return {
        "owner": owner,
        "editor": editor,
        "analyst": analyst,
        "viewer": viewer,
        "stranger": stranger,
        "anonymous": anonymous,
    }


def everyone(status: int, *, anonymous: int | None = None) -> dict[str, int]:
    return access(
        status,
        status,
        status,
        status,
        stranger=status,
        anonymous=status if anonymous is None else anonymous,
    )


CAN_VIEW = access(200, 200, 200, 200)
CAN_BUILD = access(200, 200, 404, 404)
CAN_ANALYSE = access(200, 404, 200, 404)
OWNER_ONLY = access(200, 404, 404, 404)
# Views that only take POST answer a GET with 405 before looking anything up.
POST_ONLY = everyone(405, anonymous=302)
SIGNED_IN = everyone(200, anonymous=302)

EXPECTED: dict[str, dict[str, int]] = {
    # The home page and the researchers' own account pages.
    "home": everyone(200),
    "account_invitation": everyone(404),  # a link that is not a valid invitation
    "account_login": everyone(302, anonymous=200),  # signed in: sent on to their surveys
    "account_logout": everyone(200, anonymous=302),
    "account_inactive": everyone(200),
    "account_signup": everyone(302, anonymous=200),  # anonymous: "sign-up is by invitation"
    "account_reauthenticate": SIGNED_IN,
    "account_request_reauthentication_code": SIGNED_IN,
    "account_confirm_reauthentication_code": everyone(302),  # no code was requested
    "account_email": SIGNED_IN,
    "account_email_verification_sent": everyone(200),
    "account_change_password": SIGNED_IN,
    "account_set_password": everyone(302, anonymous=302),  # they have one: sent to change it
    "account_reset_password": everyone(200),
    "account_confirm_login_code": everyone(302, anonymous=302),
    "account_confirm_email": everyone(200),  # an unknown key says so
    "account_reset_password_from_key_done": everyone(200),
    "account_reset_password_from_key": everyone(200),  # an invalid key says so
    "account_reset_password_done": everyone(200),
    "mfa_index": SIGNED_IN,
    "mfa_authenticate": everyone(302, anonymous=302),
    "mfa_reauthenticate": everyone(302),  # no authenticator: reauthenticate by password
    "mfa_activate_totp": everyone(302),  # asks to reauthenticate first
    "mfa_deactivate_totp": everyone(404, anonymous=302),  # no authenticator to deactivate
    "mfa_view_recovery_codes": everyone(404, anonymous=302),  # none without an authenticator
    "mfa_generate_recovery_codes": everyone(302, anonymous=302),
    "mfa_download_recovery_codes": everyone(404, anonymous=302),
    # The workspace.
    "workspace:survey_list": SIGNED_IN,
    # Personal API tokens: each researcher's own (another's token is 404, see tests/api).
    "workspace:api_tokens": SIGNED_IN,
    "workspace:api_token_revoke": POST_ONLY,
    "workspace:survey_create": SIGNED_IN,
    "workspace:survey_overview": CAN_VIEW,
    "workspace:survey_settings": CAN_BUILD,
    "workspace:survey_delete": OWNER_ONLY,
    "workspace:survey_status": POST_ONLY,
    "workspace:survey_build": CAN_BUILD,
    "workspace:page_create": CAN_BUILD,
    "workspace:page_edit": CAN_BUILD,
    "workspace:page_delete": CAN_BUILD,
    "workspace:page_move": POST_ONLY,
    "workspace:question_create": CAN_BUILD,
    "workspace:question_edit": CAN_BUILD,
    "workspace:question_delete": CAN_BUILD,
    "workspace:question_move": POST_ONLY,
    "workspace:choice_create": CAN_BUILD,
    "workspace:choice_edit": CAN_BUILD,
    "workspace:choice_delete": CAN_BUILD,
    "workspace:choice_move": POST_ONLY,
    "workspace:preview": CAN_BUILD,
    "workspace:preview_page": CAN_BUILD,
    "workspace:publish": CAN_BUILD,
    "workspace:team": OWNER_ONLY,
    "workspace:team_member": OWNER_ONLY,
    # Instruments as files: ways to start a survey, the import report, downloads of the draft.
    "workspace:survey_from_template": SIGNED_IN,
    "workspace:survey_upload": SIGNED_IN,
    "workspace:survey_imported": CAN_BUILD,
    "workspace:download_xlsform": CAN_BUILD,
    "workspace:download_json": CAN_BUILD,
    # Distribute: owners and editors. The CSV of new codes is only ever the answer to a POST.
    "workspace:distribute": CAN_BUILD,
    "workspace:invitation_codes_download": POST_ONLY,
    "workspace:qr_svg": CAN_BUILD,
    "workspace:qr_png": CAN_BUILD,
    # The dashboard: every role; free text for owners and analysts; the threshold for owners.
    "workspace:dashboard": CAN_VIEW,
    "workspace:dashboard_answers": CAN_ANALYSE,  # the survey published for this row
    "workspace:dashboard_threshold": OWNER_ONLY,
    # The audit log: owners only.
    "workspace:audit_log": OWNER_ONLY,
    # Exports: owners and analysts (the job in the matrix is a finished one).
    "exports:home": CAN_ANALYSE,
    "exports:job": CAN_ANALYSE,
    "exports:job_status": CAN_ANALYSE,
    "exports:download": CAN_ANALYSE,
    "exports:override": POST_ONLY,
    "exports:schedule_new": CAN_ANALYSE,
    "exports:schedule_edit": CAN_ANALYSE,
    "exports:schedule_delete": CAN_ANALYSE,
    "exports:release_profile": CAN_ANALYSE,
    # Follow-up contacts (responses app): owners only.
    "responses:followup_contacts": OWNER_ONLY,
    # The API: a signed-in browser gets nothing from it (tokens only; tests/api has the API's
    # own matrix of roles and tokens). Its description and documentation page are public.
    "api:schema": everyone(200),
    "api:docs": everyone(200),
    "api:survey_list": everyone(401),
    "api:survey_detail": everyone(401),
    "api:survey_responses": everyone(401),
    "api:survey_exports": everyone(401),
    "api:export_job": everyone(401),
    "api:export_download": everyone(401),
}
