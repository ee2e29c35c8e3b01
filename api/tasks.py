from celery import shared_task

from api.idempotency import idempotency_forget_old


@shared_task(name="api.forget_idempotency_keys")
def forget_idempotency_keys() -> int:
    """Hourly: delete idempotency keys older than API_IDEMPOTENCY_DAYS."""
    return idempotency_forget_old()
