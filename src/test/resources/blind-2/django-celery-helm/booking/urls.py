from django.urls import path

from reservations import views

urlpatterns = [
    path("health/", views.health),
    path("reservations/", views.create_reservation),
    path("reservations/<int:pk>/", views.reservation_detail),
]
