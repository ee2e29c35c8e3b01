"""The package's HTML documents (codebook, cleaning report), rendered by a template engine of
their own.

They use nothing but the template language's built-in tags, and a package is often the first
thing a process renders (`manage.py export`, a worker's first job). The project's engine would
first import the tag libraries of every installed app (Django REST framework, allauth, crispy
forms …): 0.7 s measured, more than writing the CSV of 10,000 responses, for two pages that
need none of them. This engine reads the exports app's templates only.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.template import Engine

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@cache
def _engine() -> Engine:
    return Engine(dirs=[str(TEMPLATES)], autoescape=True)


def document_render(template_name: str, context: dict) -> str:
    """`template_name` (under exports/templates) rendered with `context`, escaped as HTML."""
    return _engine().render_to_string(template_name, context)
