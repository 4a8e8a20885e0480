"""Getting started, as pages: the situation questions, then the safety check, then the plan.

``/start/`` asks where things stand (content/onboarding.yaml) as radio groups and a text
box, and works without JavaScript. Saving sends the person to the safety check unless it
is done, else to ``/start/plan/``, the personal plan (heartwork.program.plan), which reads
through the same selectors as ``GET /api/v1/onboarding``.

Every page is never_cache: the answers and the plan are private, and on a shared computer
Back after logging out must not bring them back from the browser's cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from heartwork.accounts.models import User
from heartwork.program import selectors, services
from heartwork.program.content import program
from heartwork.program.plan import Step
from heartwork.program.schema import Exercise, Question, Stage
from heartwork.program.scoring import TEXT_MAX_CHARS
from heartwork.program.views import STATUS_WORDS
from heartwork.wellbeing.views import due_context

YES_NO_CHOICES = (("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No")))


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _questions() -> Exercise:
    found = program().onboarding
    if found is None:
        raise Http404
    return found


# ------------------------------------------------------------------------ the situation


def _field(q: Question) -> forms.Field:
    # A follow-up is checked by the service, which knows whether it was called for.
    required = q.required and q.ask_if is None
    if q.type == "text":
        return forms.CharField(
            label=q.text,
            help_text=q.help or "",
            required=required,
            max_length=TEXT_MAX_CHARS,
            # Browsers offer what was typed before to anyone using the same browser.
            widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
            error_messages={
                "max_length": _("Keep it to %(limit_value)d characters or fewer."),
            },
        )
    choices = YES_NO_CHOICES if q.type == "yes_no" else [(o.id, o.text) for o in q.options]
    return forms.ChoiceField(
        label=q.text,
        help_text=q.help or "",
        choices=choices,
        widget=forms.RadioSelect,
        required=required,
        error_messages={
            "required": _("Please choose an answer to this question."),
            "invalid_choice": _("Please choose one of the answers shown."),
        },
    )


class SituationForm(forms.Form):
    """The situation questions (content/onboarding.yaml), one field per question."""

    def __init__(
        self,
        questions: Exercise,
        data: QueryDict | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        for q in questions.questions:
            self.fields[q.id] = _field(q)

    def answers(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if value}


@never_cache
@login_required
@sensitive_post_parameters()
def situation(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    questions = _questions()
    row = selectors.situation_of(user)
    posted = request.POST if request.method == "POST" else None
    form = SituationForm(questions, posted, initial=row.answers if row is not None else None)
    if posted is not None and form.is_valid():
        try:
            services.answer_situation(user=user, answers=form.answers())
        except services.AnswerError as error:
            # The form checks the same rules first; this is a last guard, never a 500.
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if selectors.safety_check_done(user):
                messages.success(request, _("Saved. Your plan now follows your answers."))
                return redirect("onboarding:plan")
            messages.success(
                request,
                _(
                    "Saved. Next comes a short safety check. After it, your plan is ready "
                    "under “Your plan”."
                ),
            )
            return redirect("safety:home")
    context = {
        "questions": questions,
        "form": form,
        "answered_at": row.created_at if row is not None else None,
    }
    return render(request, "program/onboarding/situation.html", context)


# ----------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class PlanRow:
    step: Step
    stage: Stage
    start: bool

    @property
    def why(self) -> str:
        return _(self.step.why)

    @property
    def locked_reason(self) -> str:
        return _(self.step.locked_reason) if self.step.locked_reason else ""

    @property
    def status_words(self) -> str:
        if self.step.locked:
            return str(STATUS_WORDS["locked" if self.step.hard else "paused"])
        return str(STATUS_WORDS[self.step.status])


def _unlock(protect: bool) -> dict[str, str]:
    """Where a locked step sends the person: the safety path, or the check."""
    if protect:
        return {"url": reverse("safety:path"), "label": _("What Heartwork offers you instead")}
    return {"url": reverse("safety:check"), "label": _("Answer the safety check")}


@never_cache
@login_required
def plan(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    state = selectors.onboarding_state(user)
    stages = program().stages
    rows = [PlanRow(step, stages[step.stage], step.stage == state.start) for step in state.plan]
    context = {
        "rows": rows,
        "answered": state.situation is not None,
        "answered_at": state.answered_at,
        "protect": state.protect,
        "unlock": _unlock(state.protect),
        # The well-being checks belong to the start: a take goes back to the plan.
        **due_context(user, then="plan"),
    }
    return render(request, "program/onboarding/plan.html", context)
