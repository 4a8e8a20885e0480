from django.urls import path

from heartwork.agreements import views

app_name = "agreements"
urlpatterns = [
    path("", views.home, name="home"),
    path("print/", views.print_page, name="print"),
    # The version travels in the form, not the address.
    path("answer/", views.answer, name="answer"),
    path("review/", views.review, name="review"),
    path("<slug:section_id>/", views.section, name="section"),
    path("<slug:section_id>/draft/", views.draft, name="draft"),
    path("<slug:section_id>/propose/", views.propose, name="propose"),
]
