"""Journal pages: list, read, write, edit, delete. Thin: forms validate, services write.

Every page is never_cache: it shows what someone wrote, and on a shared computer
Back after logging out must not bring it back from the browser's cache.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from heartwork.accounts.models import User
from heartwork.journal import selectors, services
from heartwork.journal.forms import EntryForm
from heartwork.journal.models import Entry

PAGE_SIZE = 20


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _own_entry(request: HttpRequest, entry_id: uuid.UUID) -> Entry:
    entry = selectors.entry_of(_acting(request), entry_id)
    if entry is None:
        raise Http404
    return entry


@never_cache
@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.entries_of(_acting(request)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "journal/list.html", {"page": page})


@never_cache
@login_required
def entry_detail(request: HttpRequest, entry_id: uuid.UUID) -> HttpResponse:
    return render(request, "journal/detail.html", {"entry": _own_entry(request, entry_id)})


@never_cache
@login_required
@sensitive_post_parameters()
def entry_new(request: HttpRequest) -> HttpResponse:
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = services.create_entry(user=_acting(request), **form.cleaned_data)
        messages.success(request, _("Saved. Only you can read this."))
        return redirect("journal:detail", entry_id=entry.id)
    return render(request, "journal/form.html", {"form": form, "entry": None})


@never_cache
@login_required
@sensitive_post_parameters()
def entry_edit(request: HttpRequest, entry_id: uuid.UUID) -> HttpResponse:
    entry = _own_entry(request, entry_id)
    initial = {"title": entry.title, "body": entry.body}
    form = EntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_entry(entry=entry, **form.cleaned_data)
        messages.success(request, _("Your changes are saved."))
        return redirect("journal:detail", entry_id=entry.id)
    return render(request, "journal/form.html", {"form": form, "entry": entry})


@never_cache
@login_required
def entry_delete(request: HttpRequest, entry_id: uuid.UUID) -> HttpResponse:
    entry = _own_entry(request, entry_id)
    if request.method == "POST":
        services.delete_entry(entry=entry)
        messages.success(request, _("The entry is deleted."))
        return redirect("journal:list")
    return render(request, "journal/delete.html", {"entry": entry})
