from django.urls import path

from heartwork.program import exercise_views, views

app_name = "program"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:stage_id>/", views.stage_page, name="stage"),
    # Before the exercise pattern: "ready" is the ready check, never an exercise.
    path("<slug:stage_id>/ready/", exercise_views.ready_page, name="ready"),
    path("<slug:stage_id>/<slug:exercise_id>/", exercise_views.exercise_page, name="exercise"),
]
