from django.urls import path

from heartwork.safety import crisis, views

app_name = "safety"
urlpatterns = [
    path("", views.overview, name="home"),
    path("check/", views.check, name="check"),
    path("check/partner/", views.check_partner, name="check_partner"),
    path("check/<slug:screen_id>/", views.check_screen, name="screen"),
    path("path/", views.safety_path, name="path"),
    path("crisis/close/", crisis.close_card, name="crisis_close"),
]
