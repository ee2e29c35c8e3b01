"""Showing an audit event's details: its JSON `detail` as short "name: value" lines."""

from django import template

register = template.Library()


@register.filter
def detail_items(detail) -> list[tuple[str, str]]:
    if not isinstance(detail, dict):
        return []
    return [(str(key).replace("_", " ").capitalize(), _plain(v)) for key, v in detail.items()]


def _plain(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(_plain(item) for item in value) or "–"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_plain(item)}" for key, item in value.items()) or "–"
    return str(value)
