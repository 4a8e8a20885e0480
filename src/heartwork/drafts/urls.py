from django.urls import path

from heartwork.drafts import views

app_name = "coach"
urlpatterns = [
    path("", views.coach_page, name="page"),
    path("analyze/", views.analyze_panel, name="analyze"),
    path("drafts/", views.draft_list, name="drafts"),
    path("drafts/<uuid:draft_id>/", views.draft_detail, name="draft"),
    path("drafts/<uuid:draft_id>/delete/", views.draft_delete, name="draft_delete"),
]
