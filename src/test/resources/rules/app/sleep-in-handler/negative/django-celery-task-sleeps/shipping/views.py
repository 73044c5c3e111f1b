from django.http import JsonResponse

from .tasks import poll_carrier


def track(request, request_id):
    poll_carrier.delay(request_id)
    return JsonResponse({"queued": True}, status=202)
