"""Write the template library's XLSForm workbooks from their readable sources.

    .venv/bin/python tools/build_instrument_templates.py           # write surveys/library/*.xlsx
    .venv/bin/python tools/build_instrument_templates.py --check   # fail if a file is stale

Sources: the demo survey's Python definition (`surveys.demo`) and YAML files under
`surveys/library/sources/`, one per template. A YAML source is the JSON instrument format
(`surveys.instrument_json`) with defaults and shorthands, so that a methodologist can review it:

    form_id: police-disruption
    settings: {title: …, description: …}      # the rest take the model's defaults
    pages:
      - title: Your role
        intro: …                               # optional, like hint, relevant and config
        questions:
          - code: role
            type: single_choice
            label: Which of these best describes your role?
            required: true
            choices:                           # `value: label`, or a full mapping
              - constable: Constable or detective constable
              - {value: prefer_not_to_say, label: Prefer not to say, exclusive: true,
                 non_substantive: true}
          - code: powers
            type: matrix
            rows: [{cawn: Child abduction warning notices}]   # the matrix's statements
            choices: *agree                    # YAML anchors share scales

Every template must publish without a problem and import back from its workbook unchanged,
with nothing in the import report; the script stops with the reason otherwise. The workbook's
content is compared entry by entry, so `--check` does not depend on the zlib that compressed it.
"""

from __future__ import annotations

import argparse
import os
import sys
import zipfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import yaml  # noqa: E402

from surveys.demo import instrument as demo  # noqa: E402
from surveys.instrument_json import (  # noqa: E402
    QUESTION_KEYS,
    InstrumentFile,
    QuestionDocument,
    instrument_json_dumps,
    setting_defaults,
)
from surveys.library import instrument_templates  # noqa: E402
from surveys.validation import schema_problems  # noqa: E402
from surveys.xlsform import instrument_from_xlsform, xlsform_from_instrument  # noqa: E402

SOURCES = ROOT / "surveys" / "library" / "sources"
DEMO_ORGANISATION = "The Safeguarding Practice Research Group (demo)"


class SourceInvalid(Exception):
    pass


def demo_source() -> tuple[InstrumentFile, str]:
    """The demo survey as `manage.py seed_demo` creates it (a test keeps the two equal)."""
    settings = setting_defaults() | {
        "title": demo.DEMO_TITLE,
        "description": demo.DESCRIPTION,
        "organisation": DEMO_ORGANISATION,
        "contact_details": demo.CONTACT_DETAILS,
        "privacy_extra": demo.PRIVACY_EXTRA,
        "estimated_minutes": 15,
        "followup_enabled": True,
        "followup_prompt": demo.FOLLOWUP_PROMPT,
    }
    pages = [
        {
            "title": page.title,
            "intro": page.intro,
            "relevant": page.relevant,
            "questions": [
                {
                    "code": question.code,
                    "type": question.type,
                    "label": question.label,
                    "hint": question.hint,
                    "required": question.required,
                    "relevant": question.relevant,
                    "config": dict(question.config),
                    "choices": [
                        {
                            "value": choice.value,
                            "label": choice.label,
                            "exclusive": choice.exclusive,
                            "other": choice.is_other,
                        }
                        | ({"non_substantive": True} if choice.non_substantive else {})
                        for choice in question.choices
                    ],
                }
                for question in page.questions
            ],
        }
        for page in demo.DEMO_PAGES
    ]
    return {"settings": settings, "pages": pages}, demo.DEMO_SLUG


def yaml_source(path: Path) -> tuple[InstrumentFile, str]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    unknown = set(document) - {"form_id", "settings", "lists", "pages"}
    if unknown:
        raise SourceInvalid(f"{path.name}: unknown top-level keys {sorted(unknown)}")
    settings = setting_defaults() | document["settings"]
    pages = [
        {
            "title": page["title"],
            "intro": page.get("intro", ""),
            "relevant": page.get("relevant", ""),
            "questions": [_question(path, question) for question in page["questions"]],
        }
        for page in document["pages"]
    ]
    return {"settings": settings, "pages": pages}, document["form_id"]


def _question(path: Path, source: dict) -> QuestionDocument:
    unknown = set(source) - set(QUESTION_KEYS) - {"rows"}
    if unknown:
        raise SourceInvalid(f"{path.name}, {source.get('code')}: unknown keys {sorted(unknown)}")
    config = dict(source.get("config", {}))
    if "rows" in source:
        config["rows"] = [
            {"value": value, "label": label} for value, label in _pairs(source["rows"])
        ]
    return {
        "code": source["code"],
        "type": source["type"],
        "label": source["label"],
        "hint": source.get("hint", ""),
        "required": source.get("required", False),
        "relevant": source.get("relevant", ""),
        "config": config,
        "choices": [_choice(choice) for choice in source.get("choices", [])],
    }


def _pairs(items: list) -> list[tuple[str, str]]:
    pairs = []
    for item in items:
        ((value, label),) = item.items()
        pairs.append((str(value), str(label)))
    return pairs


def _choice(item: dict) -> dict:
    if "value" in item and "label" in item:
        if not isinstance(item["label"], str):
            raise SourceInvalid(f"option {item['value']}: quote the label {item['label']!r}")
        choice = {
            "value": str(item["value"]),
            "label": item["label"],
            "exclusive": item.get("exclusive", False),
            "other": item.get("other", False),
        }
        if item.get("non_substantive"):
            choice["non_substantive"] = True
        return choice
    ((value, label),) = _pairs([item])
    return {"value": value, "label": label, "exclusive": False, "other": False}


def template_sources() -> dict[str, tuple[InstrumentFile, str]]:
    sources = {"complex_safeguarding": demo_source()}
    for template in instrument_templates():
        if template.key not in sources:
            sources[template.key] = yaml_source(SOURCES / f"{template.key}.yaml")
    return sources


def workbook_built(key: str, instrument: InstrumentFile, form_id: str) -> bytes:
    """The workbook, after checking that it publishes and imports back unchanged."""
    problems = schema_problems(
        {"format": 1, "title": instrument["settings"]["title"], **instrument}
    )
    if problems:
        raise SourceInvalid(f"{key} does not publish:\n  " + "\n  ".join(problems))
    data = xlsform_from_instrument(instrument, form_id=form_id)
    read = instrument_from_xlsform(data, filename=f"{key}.xlsx")
    if read.report:
        raise SourceInvalid(f"{key} imports with changes:\n  " + "\n  ".join(read.report.lines()))
    if instrument_json_dumps(read.instrument) != instrument_json_dumps(instrument):
        raise SourceInvalid(f"{key} does not import back as the same instrument")
    return data


def workbook_content(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {name: archive.read(name) for name in sorted(archive.namelist())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the committed files")
    check = parser.parse_args(argv).check
    stale = []
    sources = template_sources()
    for template in instrument_templates():
        instrument, form_id = sources[template.key]
        try:
            data = workbook_built(template.key, instrument, form_id)
        except SourceInvalid as error:
            print(error, file=sys.stderr)
            return 1
        current = template.path.read_bytes() if template.path.exists() else b""
        if current and workbook_content(current) == workbook_content(data):
            continue
        if check:
            stale.append(template.path.relative_to(ROOT))
        else:
            template.path.write_bytes(data)
            print(f"Wrote {template.path.relative_to(ROOT)}")
    if stale:
        print(
            "Out of date (run tools/build_instrument_templates.py): "
            + ", ".join(str(path) for path in stale),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
