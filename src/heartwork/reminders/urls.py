from django.urls import path

from heartwork.reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.home, name="home"),
    path("read/", views.read_all, name="read_all"),
    path("<uuid:delivery_id>/read/", views.read, name="read"),
    path("checkin/", views.checkin, name="checkin"),
    path("rituals/<uuid:ritual_id>/", views.ritual, name="ritual"),
    path("preferences/", views.preferences, name="preferences"),
    path("feed/new/", views.feed_new, name="feed_new"),
    path("feed/revoke/", views.feed_revoke, name="feed_revoke"),
    # The secret is the address; it never appears in logs (serve keeps no access log).
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
