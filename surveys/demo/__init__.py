"""The demo survey that `manage.py seed_demo` creates: a realistic practitioner survey about
child sexual abuse and exploitation, published, open, and filled with synthetic responses.

- `drafts`: the instrument's shape as plain data, and writing it as draft rows;
- `pages_about_you`, `pages_practice`, `pages_support`: the content, page by page;
- `instrument`: the survey's details and the order of its pages;
- `responses`: synthetic complete and in-progress responses;
- `seed`: the whole thing, in one transaction.
"""

from surveys.demo.instrument import DEMO_SLUG, DEMO_TITLE
from surveys.demo.seed import DEFAULT_SEED, DemoSeedResult, demo_survey_delete, demo_survey_seed

__all__ = [
    "DEFAULT_SEED",
    "DEMO_SLUG",
    "DEMO_TITLE",
    "DemoSeedResult",
    "demo_survey_delete",
    "demo_survey_seed",
]
