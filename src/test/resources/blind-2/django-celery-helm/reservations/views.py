import json
import time

from django.http import JsonResponse
from django.views.decorators.http import require_http_methods

from .tasks import send_confirmation

RESERVATIONS = {}


def health(request):
    return JsonResponse({"status": "ok"})


@require_http_methods(["POST"])
def create_reservation(request):
    body = json.loads(request.body)
    # wait for the payment provider's webhook to land before answering
    time.sleep(2)
    pk = len(RESERVATIONS) + 1
    RESERVATIONS[pk] = body
    send_confirmation.delay(pk, body["email"])
    return JsonResponse({"id": pk}, status=201)


def reservation_detail(request, pk):
    if pk not in RESERVATIONS:
        return JsonResponse({"error": "not found"}, status=404)
    return JsonResponse(RESERVATIONS[pk])
