from django.db import migrations, models

from surveys.branding import logo_version


def fingerprint_existing_logos(apps, schema_editor):
    """Surveys that already have a logo get its fingerprint (new saves keep it: Survey.save)."""
    Survey = apps.get_model("surveys", "Survey")
    for survey in Survey.objects.exclude(organisation_logo=b"").only("organisation_logo"):
        if survey.organisation_logo:
            survey.organisation_logo_version = logo_version(survey.organisation_logo)
            survey.save(update_fields=["organisation_logo_version"])


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0005_survey_privacy_support_and_non_substantive_choices"),
    ]

    operations = [
        migrations.AddField(
            model_name="survey",
            name="organisation_logo_version",
            field=models.CharField(blank=True, editable=False, max_length=12),
        ),
        migrations.RunPython(fingerprint_existing_logos, migrations.RunPython.noop),
    ]
