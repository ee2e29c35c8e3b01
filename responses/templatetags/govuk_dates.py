"""Dates and times written the GOV.UK way: "24 January 2027 at 5:30pm", "midnight", "midday"."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def day_and_time(value: datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return _("%(day)s at %(time)s") % {"day": date_format(local, "j F Y"), "time": _clock(local)}


def _clock(moment: datetime) -> str:
    if (moment.hour, moment.minute) == (0, 0):
        return _("midnight")
    if (moment.hour, moment.minute) == (12, 0):
        return _("midday")
    hour = moment.hour % 12 or 12
    time = f"{hour}:{moment.minute:02d}" if moment.minute else str(hour)
    return (_("%(time)sam") if moment.hour < 12 else _("%(time)spm")) % {"time": time}
