"""The template library: ready-made instruments a researcher can start a new survey from.

Each template is an XLSForm workbook in this folder, so it can be opened in a spreadsheet,
shared with KoboToolbox or ODK users, and imported through the same path as an upload. The
workbooks are generated from readable sources (`sources/*.yaml`, and `surveys.demo` for the
demo) by `tools/build_instrument_templates.py`; a test keeps them in step.

- `instrument_templates()` lists them for the "new survey" page: key, name, description for
  the researcher, question count and file path.
- `survey_create_from_template(*, key, owner, slug=None)` makes a new draft survey from one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from surveys.models import Survey

LIBRARY = Path(__file__).resolve().parent


class TemplateNotFound(KeyError):
    pass


@dataclass(frozen=True)
class InstrumentTemplate:
    key: str
    name: str
    description: str
    path: Path

    @property
    def question_count(self) -> int:
        """Questions in the instrument, information texts included (a matrix counts once)."""
        return _question_count(self.path)


TEMPLATES = (
    InstrumentTemplate(
        key="complex_safeguarding",
        name="Complex safeguarding practitioner survey",
        description=(
            "The demo instrument: how practitioners in every agency recognise and respond to "
            "child sexual abuse and exploitation — concerns in their caseload, the language "
            "they use, risk assessment, training and support. Uses every question type."
        ),
        path=LIBRARY / "complex_safeguarding.xlsx",
    ),
    InstrumentTemplate(
        key="police_disruption",
        name="Police perspectives on disrupting child sexual abuse",
        description=(
            "For police officers and staff: which disruption tactics they use, how effective "
            "they think each one is, what gets in the way, and how well partnership working "
            "supports disruption."
        ),
        path=LIBRARY / "police_disruption.xlsx",
    ),
    InstrumentTemplate(
        key="cse_risk_tools",
        name="Risk-assessment tools for child sexual exploitation",
        description=(
            "For practitioners in any agency: which risk-assessment tools and checklists for "
            "child sexual exploitation they use, what for, how scores and thresholds work in "
            "practice, and how useful the tools are."
        ),
        path=LIBRARY / "cse_risk_tools.xlsx",
    ),
)


def instrument_templates() -> list[InstrumentTemplate]:
    return list(TEMPLATES)


def instrument_template(key: str) -> InstrumentTemplate:
    for template in TEMPLATES:
        if template.key == key:
            return template
    raise TemplateNotFound(key)


def survey_create_from_template(*, key: str, owner, slug: str | None = None) -> Survey:
    """A new draft survey owned by `owner` with the template's instrument and settings."""
    from surveys.xlsform import survey_import_xlsform

    template = instrument_template(key)
    result = survey_import_xlsform(
        data=template.path.read_bytes(),
        owner=owner,
        filename=template.path.name,
        slug=slug,
        source=f"template:{key}",
    )
    return result.survey


@cache
def _question_count(path: Path) -> int:
    from surveys.xlsform import instrument_from_xlsform

    read = instrument_from_xlsform(path.read_bytes(), filename=path.name)
    return sum(len(page["questions"]) for page in read.instrument["pages"])
