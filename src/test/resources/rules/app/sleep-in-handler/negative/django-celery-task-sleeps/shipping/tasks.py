import time

import requests
from celery import shared_task
from django.conf import settings


@shared_task
def poll_carrier(request_id):
    # a worker, not a view: waiting here delays no request
    for _ in range(10):
        answer = requests.get(f"{settings.CARRIER_URL}/requests/{request_id}", timeout=5)
        if answer.json()["done"]:
            return answer.json()
        time.sleep(30)
    return None
