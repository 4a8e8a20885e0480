from django.urls import path

from heartwork.program import views

app_name = "program"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:stage_id>/", views.stage_page, name="stage"),
]
