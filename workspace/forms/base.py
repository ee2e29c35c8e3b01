"""The workspace's forms. They check what a researcher typed; the services in surveys.builder
write it. Every form renders GOV.UK markup through crispy-forms-gds."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms


class GovukForm(forms.Form):
    """A form rendered by crispy-forms-gds inside the page's own <form> tag."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def error_links(self) -> list[tuple[str, str]]:
        """(element id, message) for the error summary: the first input of each field."""
        links = [("main-content", str(error)) for error in self.non_field_errors()]
        for field in self:
            grouped = isinstance(
                field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
            )
            target = f"{field.auto_id}_1" if grouped else field.auto_id
            links.extend((target, str(error)) for error in field.errors)
        return links
