from django.urls import path

from heartwork.couples import views

app_name = "couples"
urlpatterns = [
    path("", views.home, name="home"),
    path("invite/", views.invite_create, name="invite"),
    path("invite/<uuid:invite_id>/revoke/", views.invite_revoke, name="invite_revoke"),
    path("accept/", views.accept, name="accept"),
    path("join/<str:code>/", views.join, name="join"),
    path("unpair/", views.unpair, name="unpair"),
    path("shared/", views.shared, name="shared"),
    path("shared/<slug:exercise_id>/", views.exercise, name="exercise"),
    path("ledger/", views.ledger, name="ledger"),
    path("ledger/<uuid:entry_id>/", views.confirm, name="confirm"),
]
