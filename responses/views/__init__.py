"""Respondent views: `pages` is the journey itself, `returning` saving, resuming and withdrawing,
`followup` the separate interview sign-up."""
