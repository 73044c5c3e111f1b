import time

from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Shipment


class ShipmentStatus(APIView):
    def get(self, request, tracking_id):
        shipment = Shipment.objects.get(tracking_id=tracking_id)
        # the carrier API rate-limits us; slow down before answering
# expect: app/sleep-in-handler "GET view ShipmentStatus sleeps"
        time.sleep(1)
        return Response({"status": shipment.status})


def label(request, tracking_id):
    return Response({"label": f"/labels/{tracking_id}.pdf"})
