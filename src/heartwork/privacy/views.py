"""The "your data" pages: download everything, delete everything. Both behind the
password typed again (heartwork.accounts.sudo), never cached."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from heartwork.accounts.models import User
from heartwork.accounts.sudo import sudo_required
from heartwork.audit.services import record
from heartwork.privacy import services
from heartwork.privacy.forms import DeleteAccountForm, confirmation_phrase
from heartwork.privacy.sections import registry


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def zip_response(export: services.Export) -> HttpResponse:
    response = HttpResponse(export.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    # Everything the person ever wrote, in the clear: no cache may keep a copy.
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@sudo_required
def export(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        user = _acting(request)
        response = zip_response(services.export_archive(user=user))
        record(kind="export", user_id=user.pk, request=request)
        return response
    titles = [section.title for section in registry()]
    return render(request, "privacy/export.html", {"titles": titles})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@sudo_required
def delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = _acting(request)
        user_id = user.pk
        services.delete_account(user=user)
        record(kind="delete_account", user_id=user_id, request=request)
        logout(request)
        return render(request, "privacy/deleted.html")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "phrase": confirmation_phrase()}
    return render(request, "privacy/delete.html", context, status=status)
