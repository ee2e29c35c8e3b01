from django.db import models


class Submission(models.Model):
    """One POST's fields as a JSON document: the least a survey could store per page."""

    answers = models.JSONField()

    def __str__(self) -> str:
        return f"submission {self.pk}"
