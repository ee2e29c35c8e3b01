"""Writes the researchers' workspace makes to surveys: every one a plain, audited function.

Modules by object kind: `surveys` (create, clone, settings, delete, publish, open and close),
`pages`, `questions`, `choices`, `team` (roles), `conditions` (checking a "show if" in place).
Views call these and nothing else writes a draft; access is decided before, in surveys.selectors.
"""
