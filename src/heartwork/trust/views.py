"""The trust ledger as pages: the ledger with its numbers and charts, adding entries and
commitments, and recording follow-through.

Pages save through heartwork.trust.services and read through heartwork.trust.selectors,
like /api/v1/trust, so both always agree. After a save a page redirects (post, redirect,
get), so a reload never saves twice. Every page is never_cache: it shows what someone wrote.
The ledger never asks the safety gate (it reaches nobody); under a safety lock the page
says why it stays open (docs/trackers.md).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from html import escape
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from heartwork.accounts.models import User
from heartwork.charts import Table
from heartwork.safety.gate import reconnection_block
from heartwork.trust import chart, selectors, services
from heartwork.trust.forms import CommitmentForm, EntryForm, ResolveForm
from heartwork.trust.kinds import DIRECTION_WORDS, STATUS_WORDS, kind_words
from heartwork.trust.ledger import GUIDE_RATIO
from heartwork.trust.models import DEPOSIT, KEPT, NOT_KEPT, OPEN, Commitment, Entry
from heartwork.trust.services import TrustInputError

PAGE_SIZE = 30
RECENT_ENTRIES = 10
RECENT_DECIDED = 10
UNIT_NOTES = {
    "week": gettext_lazy("Each row is the average of one week."),
    "month": gettext_lazy("Each row is the average of one month."),
    "year": gettext_lazy("Each row is the average of one year."),
}


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _svg(markup: str) -> SafeString:
    # Every text inside is escaped by heartwork.charts.svg, which writes no script.
    return mark_safe(markup)  # noqa: S308


def _rows_html(table: Table) -> SafeString:
    """The table's body, built here rather than in a template loop: with years of weekly
    rows that loop was most of the page's time. Every cell is escaped."""
    rows = (
        f'<tr><th scope="row">{escape(first)}</th>'
        + "".join(f"<td>{escape(cell)}</td>" for cell in rest)
        + "</tr>"
        for first, *rest in table.rows
    )
    return mark_safe("".join(rows))  # noqa: S308  (every cell escaped just above)


def _tie(form: Form, error: TrustInputError) -> None:
    """A service's error shown on the field it names (the whole form if it has none)."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


@dataclass(frozen=True)
class EntryRow:
    entry: Entry

    @property
    def words(self) -> str:
        return kind_words(self.entry.direction, self.entry.kind)

    @property
    def is_deposit(self) -> bool:
        return self.entry.direction == DEPOSIT


def _own_entry(user: User, entry_id: uuid.UUID) -> Entry:
    entry = selectors.entry_of(user, entry_id)
    if entry is None:
        raise Http404
    return entry


def _own_commitment(user: User, commitment_id: uuid.UUID) -> Commitment:
    commitment = selectors.commitment_of(user, commitment_id)
    if commitment is None:
        raise Http404
    return commitment


# -- the ledger ----------------------------------------------------------------------------


def _home_context(user: User) -> dict[str, Any]:
    found = selectors.overview(user)
    balance_svg, ratio_svg = chart.page_svgs(found.weeks)
    table = chart.table(found.weeks)
    block = reconnection_block(user)
    tally = found.tally
    return {
        "overview": found,
        "tally": tally,
        "ratio": tally.ratio,
        "guide": int(GUIDE_RATIO),
        "follow_rate": None if found.follow.rate is None else round(found.follow.rate * 100),
        "weeks": found.consistency.weeks,
        "open": list(selectors.commitments_of(user, OPEN)),
        "decided": list(
            selectors.commitments_of(user)
            .exclude(status=OPEN)
            .order_by("-resolved_at", "-id")[:RECENT_DECIDED]
        ),
        "status_words": {key: str(words) for key, words in STATUS_WORDS.items()},
        "entries": [EntryRow(e) for e in selectors.entries_of(user)[:RECENT_ENTRIES]],
        "balance_svg": _svg(balance_svg),
        "ratio_svg": _svg(ratio_svg),
        "table": table,
        "table_rows": _rows_html(table),
        "unit_note": str(UNIT_NOTES[table.unit]) if table.unit else None,
        "locked": block is not None and block.code == "safety_lock",
    }


@never_cache
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "trust/home.html", _home_context(_acting(request)))


@never_cache
@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.entries_of(_acting(request)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [EntryRow(entry) for entry in page.object_list]
    return render(request, "trust/entries.html", {"page": page, "rows": rows})


@never_cache
@login_required
@sensitive_post_parameters()
def entry_new(request: HttpRequest, direction: str) -> HttpResponse:
    if direction not in DIRECTION_WORDS:
        raise Http404
    user = _acting(request)
    form = EntryForm(direction, selectors.today_for(user), request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_entry(
                user=user,
                direction=direction,
                kind=form.cleaned_data["kind"],
                day=form.cleaned_data["day"],
                note=form.cleaned_data["note"],
            )
        except TrustInputError as error:
            _tie(form, error)
        else:
            done = _("Deposit saved.") if direction == DEPOSIT else _("Withdrawal saved.")
            messages.success(request, done)
            return redirect("trust:home")
    context = {"form": form, "direction": direction, "is_deposit": direction == DEPOSIT}
    return render(request, "trust/entry_form.html", context)


@never_cache
@login_required
def entry_delete(request: HttpRequest, entry_id: uuid.UUID) -> HttpResponse:
    entry = _own_entry(_acting(request), entry_id)
    if request.method == "POST":
        services.delete_entry(entry=entry)
        messages.success(request, _("The entry is deleted."))
        return redirect("trust:home")
    return render(request, "trust/entry_delete.html", {"row": EntryRow(entry)})


# -- commitments ---------------------------------------------------------------------------


@never_cache
@login_required
@sensitive_post_parameters()
def commitment_new(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_commitment(user=user, **form.cleaned_data)
        except TrustInputError as error:
            _tie(form, error)
        else:
            messages.success(
                request, _("Commitment saved. Come back on its day to say how it went.")
            )
            return redirect("trust:home")
    return render(request, "trust/commitment_form.html", {"form": form, "commitment": None})


@never_cache
@login_required
@sensitive_post_parameters()
def commitment_edit(request: HttpRequest, commitment_id: uuid.UUID) -> HttpResponse:
    commitment = _own_commitment(_acting(request), commitment_id)
    initial = {"text": commitment.text, "due": commitment.due}
    form = CommitmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_commitment(commitment=commitment, **form.cleaned_data)
        except TrustInputError as error:
            _tie(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("trust:home")
    context = {"form": form, "commitment": commitment}
    return render(request, "trust/commitment_form.html", context)


@never_cache
@login_required
@require_POST
def commitment_resolve(request: HttpRequest, commitment_id: uuid.UUID) -> HttpResponse:
    commitment = _own_commitment(_acting(request), commitment_id)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose kept, not kept or still open."))
        return redirect("trust:home")
    status = form.cleaned_data["status"]
    services.resolve_commitment(commitment=commitment, status=status)
    words = {
        KEPT: _("Marked as kept. A deposit is in your ledger."),
        NOT_KEPT: _("Marked as not kept. A withdrawal is in your ledger. One slip is not the end."),
        OPEN: _("Open again. Its entry is out of the ledger."),
    }
    messages.success(request, words[status])
    return redirect("trust:home")


@never_cache
@login_required
def commitment_delete(request: HttpRequest, commitment_id: uuid.UUID) -> HttpResponse:
    commitment = _own_commitment(_acting(request), commitment_id)
    if request.method == "POST":
        services.delete_commitment(commitment=commitment)
        messages.success(request, _("The commitment is deleted."))
        return redirect("trust:home")
    return render(request, "trust/commitment_delete.html", {"commitment": commitment})
