from django.contrib import admin
from django.urls import include, path

from heartwork.api import api
from heartwork.safety import crisis as safety_crisis
from heartwork.web import views as web_views

urlpatterns = [
    path("healthz", web_views.healthz, name="healthz"),
    path("api/", api.urls),
    path("accounts/", include("heartwork.accounts.urls")),
    path("accounts/", include("heartwork.privacy.urls")),
    path("journal/", include("heartwork.journal.urls")),
    path("coach/", include("heartwork.drafts.urls")),
    path("safety/", include("heartwork.safety.urls")),
    path("program/", include("heartwork.program.urls")),
    path("start/", include("heartwork.program.onboarding_urls")),
    path("help/", safety_crisis.help_page, name="help"),
    path("admin/", admin.site.urls),
    path("wellbeing/", include("heartwork.wellbeing.urls")),
    path("checkin/", include("heartwork.checkin.urls")),
    path("space/", include("heartwork.space.urls")),
    path("trust/", include("heartwork.trust.urls")),
    path("rituals/", include("heartwork.rituals.urls")),
    path("reminders/", include("heartwork.reminders.urls")),
    path("partner/", include("heartwork.couples.urls")),
    path("agreements/", include("heartwork.agreements.urls")),
    path("", include("heartwork.web.urls")),
]

handler404 = "heartwork.web.views.not_found"
handler500 = "heartwork.web.views.server_error"
