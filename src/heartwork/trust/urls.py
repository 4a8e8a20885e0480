from django.urls import path

from heartwork.trust import views

app_name = "trust"
urlpatterns = [
    path("", views.home, name="home"),
    path("entries/", views.entry_list, name="entries"),
    path("entries/new/<slug:direction>/", views.entry_new, name="entry_new"),
    path("entries/<uuid:entry_id>/delete/", views.entry_delete, name="entry_delete"),
    path("commitments/new/", views.commitment_new, name="commitment_new"),
    path("commitments/<uuid:commitment_id>/", views.commitment_edit, name="commitment_edit"),
    path(
        "commitments/<uuid:commitment_id>/follow-through/",
        views.commitment_resolve,
        name="commitment_resolve",
    ),
    path(
        "commitments/<uuid:commitment_id>/delete/",
        views.commitment_delete,
        name="commitment_delete",
    ),
]
