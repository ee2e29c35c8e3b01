"""Instruments as files: start a survey from a template or an uploaded XLSForm or JSON file, see
what the import changed, and download a survey's draft as XLSForm or JSON."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from surveys.instrument_import import ImportResult, InstrumentInvalid
from surveys.instrument_json import instrument_json_export, survey_import_json
from surveys.library import instrument_templates, survey_create_from_template
from surveys.selectors import CAN_BUILD, survey_for_member
from workspace.forms.instruments import InstrumentUploadForm, TemplateChoiceForm

# The reports of the last few imports, in the researcher's session, for the page after the
# upload (a report is not stored anywhere else; the audit log records that the import happened).
REPORTS_KEY = "workspace.import_reports"
REPORTS_KEPT = 5


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_from_template(request):
    form = TemplateChoiceForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        survey = survey_create_from_template(key=form.cleaned_data["template"], owner=request.user)
        messages.success(
            request, _("Survey created from the template. Review its questions, then publish it.")
        )
        return redirect("workspace:survey_build", slug=survey.slug)
    return render(
        request,
        "workspace/survey_from_template.html",
        {"form": form, "templates": instrument_templates(), "nav_current": "surveys"},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_upload(request):
    form = InstrumentUploadForm(
        data=request.POST if request.method == "POST" else None,
        files=request.FILES if request.method == "POST" else None,
    )
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = _import(form, owner=request.user)
        except InstrumentInvalid as invalid:
            problems = invalid.problems
        else:
            _keep_report(request, result)
            return redirect("workspace:survey_imported", slug=result.survey.slug)
    failed = bool(form.errors or problems)
    return render(
        request,
        "workspace/survey_upload.html",
        {"form": form, "problems": problems, "nav_current": "surveys"},
        status=400 if failed else 200,
    )


def _import(form: InstrumentUploadForm, *, owner) -> ImportResult:
    upload = form.cleaned_data["file"]
    data = upload.read()
    if form.is_json:
        return survey_import_json(text=data, owner=owner)
    from surveys.xlsform import survey_import_xlsform  # see survey_download_xlsform

    return survey_import_xlsform(data=data, owner=owner, filename=upload.name)


def _keep_report(request, result: ImportResult) -> None:
    report = result.report
    entry = {
        "slug": result.survey.slug,
        "messages": [{"where": m.where, "text": m.text} for m in report.messages],
        "language_kept": report.language_kept,
        "languages_left_out": list(report.languages_left_out),
    }
    kept = [r for r in request.session.get(REPORTS_KEY, []) if r["slug"] != entry["slug"]]
    request.session[REPORTS_KEY] = [*kept, entry][-REPORTS_KEPT:]


@login_required
@require_GET
def survey_imported(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_BUILD)
    report = next(
        (r for r in request.session.get(REPORTS_KEY, []) if r["slug"] == survey.slug), None
    )
    return render(request, "workspace/survey_imported.html", {"survey": survey, "report": report})


@login_required
@require_GET
def survey_download_xlsform(request, slug):
    # pyxform and openpyxl (which loads pandas) take seconds to import: they are loaded when a
    # workbook is first read or written, not when the site starts, as surveys.library does.
    from surveys.xlsform import XLSX_CONTENT_TYPE, survey_export_xlsform

    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_BUILD)
    return _attachment(survey_export_xlsform(survey=survey), XLSX_CONTENT_TYPE, f"{slug}.xlsx")


@login_required
@require_GET
def survey_download_json(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_BUILD)
    text = instrument_json_export(survey=survey)
    return _attachment(text.encode(), "application/json; charset=utf-8", f"{slug}.json")


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
