from django.urls import path

from heartwork.space import views

app_name = "space"
urlpatterns = [
    path("", views.home, name="home"),
    path("plan/", views.plan, name="plan"),
    path("now/", views.now, name="now"),
    path("urges/", views.urges, name="urges"),
    path("urges/<uuid:urge_id>/edit/", views.urge_edit, name="urge_edit"),
    path("urges/<uuid:urge_id>/delete/", views.urge_delete, name="urge_delete"),
    path("slips/", views.slips, name="slips"),
    path("slips/<uuid:slip_id>/edit/", views.slip_edit, name="slip_edit"),
    path("slips/<uuid:slip_id>/delete/", views.slip_delete, name="slip_delete"),
    path("social-checks/", views.social_checks, name="social_checks"),
    path(
        "social-checks/<uuid:check_id>/delete/",
        views.social_check_delete,
        name="social_check_delete",
    ),
    path("letters/", views.letters, name="letters"),
    path("letters/<uuid:letter_id>/", views.letter, name="letter"),
    path("letters/<uuid:letter_id>/edit/", views.letter_edit, name="letter_edit"),
    path("letters/<uuid:letter_id>/delete/", views.letter_delete, name="letter_delete"),
]
