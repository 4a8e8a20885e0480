from django.urls import path

from heartwork.rituals import views

app_name = "rituals"
urlpatterns = [
    path("", views.home, name="home"),
    # Adding something new: behind the safety gate, and no id in the address.
    path("new/", views.ritual_new, name="new"),
    path("done/", views.done, name="done"),
    path("time/", views.time_new, name="time"),
    path("reflection/", views.reflection_new, name="reflection"),
    # One's own rows can always be deleted.
    path("<uuid:ritual_id>/delete/", views.ritual_delete, name="delete"),
    path("time/<uuid:time_id>/delete/", views.time_delete, name="time_delete"),
    path(
        "reflection/<uuid:reflection_id>/delete/",
        views.reflection_delete,
        name="reflection_delete",
    ),
]
