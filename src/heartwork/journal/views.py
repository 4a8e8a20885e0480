"""Journal pages: list and search, read, write, edit, delete. Thin: forms validate,
services write.

Every page is never_cache: it shows what someone wrote, and on a shared computer
Back after logging out must not bring it back from the browser's cache. The search form
on the list page is sent with POST, so the words searched for stay out of the address
bar and the browser's history; ``/journal/?q=...`` works as well, for links and tools.
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
from heartwork.journal.forms import EntryForm, SearchForm
from heartwork.journal.models import Entry
from heartwork.journal.prompts import Prompt

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
@sensitive_post_parameters()
def entry_list(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    search = SearchForm(request.POST if request.method == "POST" else request.GET or None)
    context: dict[str, object] = {"search": search}
    if search.searching:
        if search.is_valid():
            found = selectors.search_entries(
                user, search.cleaned_data["q"], stage=search.cleaned_data["stage"] or None
            )
            context["found"] = found
        return render(request, "journal/list.html", context)
    context["page"] = Paginator(selectors.entries_of(user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "journal/list.html", context)


@never_cache
@login_required
def entry_detail(request: HttpRequest, entry_id: uuid.UUID) -> HttpResponse:
    return render(request, "journal/detail.html", {"entry": _own_entry(request, entry_id)})


def _chosen_prompt(request: HttpRequest, offered: selectors.Offered) -> Prompt | None:
    """The prompt picked from those offered (so never one of a stage the gate locks)."""
    prompt_id = request.GET.get("prompt", "")
    return next((p for group in offered.groups for p in group.prompts if p.id == prompt_id), None)


def _new_initial(offered: selectors.Offered, chosen: Prompt | None) -> dict[str, str]:
    """A chosen prompt starts the title and tags the entry with its stage; else the entry
    is tagged with the stage the person is working on."""
    stage = offered.current_stage or ""
    if chosen is None:
        return {"stage": stage}
    return {"title": _(chosen.text), "stage": chosen.stage or stage}


@never_cache
@login_required
@sensitive_post_parameters()
def entry_new(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    form = EntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        entry = services.create_entry(user=user, **form.cleaned_data)
        messages.success(request, _("Saved. Only you can read this."))
        return redirect("journal:detail", entry_id=entry.id)
    offered = selectors.offered_prompts(user)
    chosen = _chosen_prompt(request, offered)
    if request.method != "POST":
        form = EntryForm(initial=_new_initial(offered, chosen))
    context = {"form": form, "entry": None, "offered": offered, "chosen": chosen}
    return render(request, "journal/form.html", context)


@never_cache
@login_required
@sensitive_post_parameters()
def entry_edit(request: HttpRequest, entry_id: uuid.UUID) -> HttpResponse:
    entry = _own_entry(request, entry_id)
    initial = {"title": entry.title, "body": entry.body, "stage": entry.stage}
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
