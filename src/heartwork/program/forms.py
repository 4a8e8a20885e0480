"""Forms for the program pages, built from the content: one exercise, or a stage's ready check.

Each question becomes one control by its type (docs/program.md, "Questions"): ``text`` a
text box (in a ``columns`` exercise, one entry per line), ``choice`` and ``yes_no`` radio
buttons, ``scale`` radio buttons 1 to 5 with the words for 1 and 5 (and "Does not apply"
when the question allows it), ``multi`` check boxes, ``number`` a number box with its range
and unit, ``date`` a date box. The form checks what it can in friendly words; the last word
is ``scoring.clean_answers`` (through ``services.answer_exercise``), whose AnswerError is
tied back to the field it names with ``ExerciseForm.answer_error``.

A follow-up (``ask_if``) is always shown, with a line saying when it applies, and is not
required here: the scoring drops it when it does not apply and asks for it when it does. A
follow-up may read another exercise's answer; its line then names that exercise too.

The second half reads saved answers back in words, for the page: earlier answers an
exercise starts from, log entries, a scored result's scales, the guidance of the options
chosen, and where to change the answers that hide an exercise (``show_if``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from heartwork.program.applies import SAFETY_RESULT, is_local
from heartwork.program.content import program
from heartwork.program.schema import (
    NOT_APPLICABLE,
    NUMERIC_OPS,
    ONBOARDING,
    SCALE_HIGH,
    SCALE_LOW,
    Condition,
    Exercise,
    Question,
    Scale,
    Stage,
    question,
)
from heartwork.program.scoring import (
    DATE_FIRST,
    DATE_GRACE,
    ENTRIES_MAX,
    ENTRY_MAX_CHARS,
    TEXT_MAX_CHARS,
    AnswerError,
    condition,
    guidance_for,
)

# The name the message coach's live panel reads a draft from (heartwork.drafts.forms).
COACH_TEXT = "text"
YES_NO_CHOICES = (("yes", _("Yes")), ("no", _("No")))
REQUIRED = _("This question needs an answer.")
PICK_ONE = _("Choose one of the answers shown.")
ONE_PER_LINE = _("Write each one on its own line.")
DOES_NOT_APPLY = _("Does not apply")
A_DATE = _("Write a date, like 2025-03-14.")


def yes_no_label(value: str) -> str:
    return str(dict(YES_NO_CHOICES).get(value, value))


# ------------------------------------------------------------------------ the fields


class EntriesField(forms.CharField):
    """A ``columns`` question: a list of short entries, typed one per line."""

    widget = forms.Textarea

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value: Any) -> None:
        if not value and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(value) > ENTRIES_MAX:
            raise forms.ValidationError(
                _("Write up to %(limit)s lines here; this has %(count)s."),
                code="too_many",
                params={"limit": ENTRIES_MAX, "count": len(value)},
            )
        if any(len(entry) > ENTRY_MAX_CHARS for entry in value):
            raise forms.ValidationError(
                _("Keep each line under %(limit)s characters."),
                code="too_long",
                params={"limit": ENTRY_MAX_CHARS},
            )

    def run_validators(self, value: Any) -> None:
        for entry in value:  # each line on its own (no NUL characters, for one)
            super().run_validators(entry)


class TextField(forms.CharField):
    """Free text, with new lines as the browser's CR LF turned into one character."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return text.replace("\r\n", "\n")


def _text_field(exercise: Exercise, q: Question, required: bool) -> forms.Field:
    # Browsers offer typed text again later, to anyone using the same browser.
    attrs = {"autocomplete": "off", "rows": 8 if q.id == exercise.draft else 4}
    if exercise.type == "columns":
        return EntriesField(
            required=required,
            widget=forms.Textarea(attrs=attrs),
            error_messages={"required": REQUIRED},
        )
    return TextField(
        required=required,
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs=attrs),
        error_messages={
            "required": REQUIRED,
            "max_length": _("Keep this to %(limit_value)d characters or fewer."),
        },
    )


def _scale_choices(q: Question) -> list[tuple[int | str, str]]:
    words = {SCALE_LOW: q.low, SCALE_HIGH: q.high}
    choices: list[tuple[int | str, str]] = []
    for step in range(SCALE_LOW, SCALE_HIGH + 1):
        word = words.get(step)
        choices.append((step, f"{step}: {word}" if word else str(step)))
    if q.allow_na:
        choices.append((NOT_APPLICABLE, str(DOES_NOT_APPLY)))
    return choices


def _scale_value(value: str) -> int | str:
    return value if value == NOT_APPLICABLE else int(value)


def _number_field(q: Question, required: bool) -> forms.Field:
    limits = {"low": q.min, "high": q.max}
    out_of_range = gettext("Write a whole number from %(low)s to %(high)s.") % limits
    return forms.IntegerField(
        required=required,
        min_value=q.min,
        max_value=q.max,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
        error_messages={
            "required": REQUIRED,
            "invalid": out_of_range,
            "min_value": out_of_range,
            "max_value": out_of_range,
        },
    )


def latest_date(q: Question) -> date | None:
    """The latest date a date question takes (None when any is fine), as the scoring says."""
    return timezone.localdate() + DATE_GRACE if q.not_future else None


class DateField(forms.DateField):
    """An ISO date from the browser's date box, from DATE_FIRST on, and not in the future
    when the question says so."""

    def __init__(self, q: Question, **kwargs: Any) -> None:
        self.latest = latest_date(q)
        attrs = {"min": DATE_FIRST.isoformat()}
        if self.latest is not None:
            attrs["max"] = self.latest.isoformat()
        super().__init__(
            input_formats=["%Y-%m-%d"],
            widget=forms.DateInput(attrs=attrs, format="%Y-%m-%d"),
            error_messages={"required": REQUIRED, "invalid": A_DATE},
            **kwargs,
        )
        self.widget.input_type = "date"

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        if value < DATE_FIRST:
            raise forms.ValidationError(
                _("Choose a date from %(first)s on."),
                code="too_early",
                params={"first": DATE_FIRST.isoformat()},
            )
        if self.latest is not None and value > self.latest:
            raise forms.ValidationError(_("This date cannot be in the future."), code="future")


def question_field(exercise: Exercise, q: Question) -> forms.Field:
    """The form field for one question. Follow-ups are never required here."""
    required = q.required and q.ask_if is None
    messages = {"required": REQUIRED, "invalid_choice": PICK_ONE}
    field: forms.Field
    if q.type == "text":
        field = _text_field(exercise, q, required)
    elif q.type == "number":
        field = _number_field(q, required)
    elif q.type == "date":
        field = DateField(q, required=required)
    elif q.type == "scale":
        field = forms.TypedChoiceField(
            choices=_scale_choices(q),
            coerce=_scale_value,
            widget=forms.RadioSelect,
            required=required,
            error_messages=messages,
        )
    elif q.type == "yes_no":
        field = forms.ChoiceField(
            choices=YES_NO_CHOICES,
            widget=forms.RadioSelect,
            required=required,
            error_messages=messages,
        )
    elif q.type == "multi":
        field = forms.MultipleChoiceField(
            choices=[(option.id, option.text) for option in q.options],
            widget=forms.CheckboxSelectMultiple,
            required=required,
            error_messages={**messages, "invalid_choice": _("Choose from the answers shown.")},
        )
    else:
        field = forms.ChoiceField(
            choices=[(option.id, option.text) for option in q.options],
            widget=forms.RadioSelect,
            required=required,
            error_messages=messages,
        )
    field.label = q.text
    return field


# ---------------------------------------------------------------- follow-up hints


def _value_words(earlier: Question, value: str | int) -> str:
    if earlier.type == "yes_no":
        return f"“{yes_no_label(str(value))}”"
    if value == NOT_APPLICABLE:
        return f"“{DOES_NOT_APPLY}”"
    option = next((o for o in earlier.options if o.id == value), None)
    return f"“{option.text}”" if option is not None else f"“{value}”"


def _source(rule: Condition) -> Exercise | None:
    """The other exercise a full reference reads (the situation questions included)."""
    return program().exercise(rule.ref[0], rule.ref[1]) if len(rule.ref) > 1 else None


def follow_up_hint(exercise: Exercise, q: Question) -> str | None:
    """When a follow-up applies, in plain words; None for a question that is always asked."""
    if q.ask_if is None:
        return None
    rule = condition(q.ask_if)
    if is_local(rule.ref):
        earlier = question(exercise, rule.ref[0])
        source = None
    else:
        source = _source(rule)
        earlier = question(source, rule.ref[2]) if source and len(rule.ref) == 3 else None
        if source is not None and earlier is None:  # a result, a scale or a count
            return gettext("This question is only for some answers to “%(title)s”.") % {
                "title": source.title
            }
    if earlier is None:  # the content checks make every ask_if resolve
        return None
    if rule.op in NUMERIC_OPS:
        number = rule.values[0]
        answers = {
            ">=": gettext("%(number)s or more"),
            ">": gettext("more than %(number)s"),
            "<=": gettext("%(number)s or less"),
            "<": gettext("less than %(number)s"),
        }[rule.op] % {"number": number}
    else:
        answers = gettext(" or ").join(_value_words(earlier, value) for value in rule.values)
    words = {"question": earlier.text.rstrip(".?!"), "answers": answers}
    if source is not None:
        words["title"] = source.title
        if rule.op in ("!=", "not in"):
            template = gettext(
                "Answer this only if your answer to “%(question)s” in “%(title)s” was not "
                "%(answers)s."
            )
        else:
            template = gettext(
                "Answer this only if your answer to “%(question)s” in “%(title)s” was %(answers)s."
            )
    elif rule.op in ("!=", "not in"):
        template = gettext("Answer this only if your answer to “%(question)s” was not %(answers)s.")
    else:
        template = gettext("Answer this only if your answer to “%(question)s” was %(answers)s.")
    return template % words


def _range_help(q: Question) -> str | None:
    """The line under a number question: its range, in its unit."""
    if q.type != "number":
        return None
    limits = {"low": q.min, "high": q.max, "unit": q.unit}
    if q.unit:
        return gettext("A whole number of %(unit)s, from %(low)s to %(high)s.") % limits
    return gettext("A whole number from %(low)s to %(high)s.") % limits


# --------------------------------------------------------------------- the forms


@dataclass(frozen=True)
class Shown:
    """One question as the page draws it."""

    field: forms.BoundField
    id: str
    help: str | None
    hint: str | None
    # A number question's unit, shown after its box ("days").
    unit: str | None = None

    @property
    def grouped(self) -> bool:
        """Radio buttons and check boxes sit in a fieldset with a legend."""
        return bool(self.field.use_fieldset)

    @property
    def described_by(self) -> str:
        """For a fieldset: the ids of its help and its errors."""
        ids = []
        if self.help or self.hint:
            ids.append(f"{self.field.auto_id}_helptext")
        if self.field.errors:
            ids.append(f"{self.field.auto_id}_error")
        return " ".join(ids)

    @property
    def anchor(self) -> str:
        """What a link in the error summary points at: the box, or the first choice."""
        return f"{self.field.auto_id}_0" if self.grouped else str(self.field.auto_id)


def _initial(exercise: Exercise, answers: Mapping[str, Any]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for q in exercise.questions:
        value = answers.get(q.id)
        if value is None:
            continue
        if q.type == "text" and isinstance(value, list):
            initial[q.id] = "\n".join(str(entry) for entry in value)
        else:
            initial[q.id] = value
    return initial


class ExerciseForm(forms.Form):
    """One control per question of ``exercise``, named after the question.

    A message exercise's draft is named ``text`` instead, so the coach's live panel
    (``coach:analyze``) can read it straight from the page.
    """

    def __init__(
        self,
        exercise: Exercise,
        data: Mapping[str, Any] | None = None,
        *,
        answers: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=_initial(exercise, answers or {}))
        self.exercise = exercise
        self._shown: dict[str, tuple[str | None, str | None]] = {}
        self._saved = dict(answers or {})
        for q in exercise.questions:
            field = question_field(exercise, q)
            hint = follow_up_hint(exercise, q)
            help_text = q.help
            if exercise.type == "columns" and q.type == "text":
                help_text = " ".join(filter(None, (q.help, str(ONE_PER_LINE))))
            if q.type == "number":
                help_text = " ".join(filter(None, (q.help, _range_help(q))))
            self._shown[q.id] = (help_text, hint)
            # Django ties a text box to its help with aria-describedby when there is some.
            field.help_text = " ".join(part for part in (hint, help_text) if part)
            self.fields[q.id] = field

    def live_coach(self, url: str) -> None:
        """Let the draft ask the coach's panel as the person types (htmx; only enhances)."""
        if not self.live_draft or self.exercise.draft is None:
            return
        kind = json.dumps({"kind": self.exercise.coach_kind})
        self.fields[self.exercise.draft].widget.attrs.update(
            {
                "hx-post": url,
                "hx-trigger": "input changed delay:500ms, change",
                "hx-target": "#coach-panel",
                "hx-sync": "this:replace",
                # Only the draft (and the form's CSRF token) goes to the coach.
                "hx-params": f"{COACH_TEXT},kind,csrfmiddlewaretoken",
                "hx-vals": kind,
            }
        )

    @property
    def live_draft(self) -> bool:
        """Whether the draft goes by the coach's name: no other question may have it."""
        draft = self.exercise.draft
        return (
            self.exercise.type == "message"
            and draft is not None
            and all(q.id != COACH_TEXT for q in self.exercise.questions if q.id != draft)
        )

    def add_prefix(self, field_name: str) -> str:
        if self.live_draft and field_name == self.exercise.draft:
            return COACH_TEXT
        return super().add_prefix(field_name)

    @property
    def shown(self) -> list[Shown]:
        return [
            Shown(self[q.id], q.id, *self._shown[q.id], unit=q.unit)
            for q in self.exercise.questions
        ]

    @property
    def guidance(self) -> list[str]:
        """What could help next, for the options chosen in the saved answers the form
        starts from (none once the form was sent: those answers are not saved yet)."""
        if self.is_bound:
            return []
        return [found.text for found in guidance_for(self.exercise, self._saved)]

    def answers(self) -> dict[str, Any]:
        """The cleaned answers, as ``services.answer_exercise`` takes them (a date as
        year-month-day)."""
        return {
            key: value.isoformat() if isinstance(value, date) else value
            for key, value in self.cleaned_data.items()
            if value is not None and value not in ("", [])
        }

    def draft_text(self) -> str:
        """The draft a message exercise holds, as typed (bound) or as saved (initial)."""
        draft = self.exercise.draft
        if draft is None:
            return ""
        if self.is_bound:
            value = self.data.get(self.add_prefix(draft), "")
        else:
            value = self.initial.get(draft, "")
        return value.replace("\r\n", "\n") if isinstance(value, str) else ""

    def answer_error(self, error: AnswerError) -> None:
        """Show a refusal from the scoring next to the question it names, in plain words."""
        q = question(self.exercise, error.field)
        if q is None:
            self.add_error(None, gettext("Something in these answers could not be saved."))
            return
        value = self.cleaned_data.get(q.id)
        if value is None or value in ("", []):
            if q.ask_if is None:
                message = str(REQUIRED)
            elif is_local(condition(q.ask_if).ref):
                message = gettext("Your answer above asks for this one too.")
            else:
                message = gettext("Your earlier answers ask for this one too.")
        elif q.type == "scale" and value == NOT_APPLICABLE:
            message = gettext(
                "To give a result, this check needs at least one of these questions answered "
                "with a number, not “Does not apply”."
            )
        elif q.type in ("choice", "yes_no", "scale", "multi"):
            message = str(PICK_ONE)
        elif q.type == "number":
            message = str(_range_help(q))
        elif q.type == "date" and "future" in error.message:
            message = gettext("This date cannot be in the future.")
        elif q.type == "date":
            message = str(A_DATE)
        else:
            message = gettext("This answer could not be saved. Please shorten it.")
        self.add_error(q.id, message)


class ReadyForm(forms.Form):
    """A stage's ready check: a yes or a no to each statement."""

    def __init__(self, stage: Stage, data: Mapping[str, Any] | None = None) -> None:
        super().__init__(data)
        self.stage = stage
        for item in stage.ready_check:
            self.fields[item.id] = forms.ChoiceField(
                label=item.text,
                choices=YES_NO_CHOICES,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Please answer yes or no."),
                    "invalid_choice": _("Please answer yes or no."),
                },
            )

    @property
    def shown(self) -> list[Shown]:
        return [Shown(self[item.id], item.id, None, None) for item in self.stage.ready_check]

    def answers(self) -> dict[str, str]:
        return {key: str(value) for key, value in self.cleaned_data.items()}

    def answer_error(self, error: AnswerError) -> None:
        target = error.field if error.field in self.fields else None
        self.add_error(target, gettext("Please answer yes or no."))


# ------------------------------------------------------------ answers read back


@dataclass(frozen=True)
class ShownAnswer:
    question: str
    # One line, or the entries of a column / the ticked options of a multi.
    value: str
    entries: tuple[str, ...] = ()
    # What could help next, for the options chosen (``guidance`` in the content).
    guidance: tuple[str, ...] = ()


class ShownAnswers(list[ShownAnswer]):
    """Saved answers in words, in the content's order."""

    @property
    def guidance(self) -> list[str]:
        """Every chosen option's guidance, in the content's order."""
        return [text for answer in self for text in answer.guidance]


def _words(q: Question, value: Any) -> tuple[str, tuple[str, ...]]:
    options = {option.id: option.text for option in q.options}
    if isinstance(value, list):
        return "", tuple(options.get(str(item), str(item)) for item in value)
    if q.type == "yes_no":
        return yes_no_label(str(value)), ()
    if q.type == "scale" and value == NOT_APPLICABLE:
        return str(DOES_NOT_APPLY), ()
    if q.type == "scale":
        return gettext("%(value)s out of %(high)s") % {"value": value, "high": SCALE_HIGH}, ()
    if q.type == "number" and q.unit:
        return f"{value} {q.unit}", ()
    if q.type == "date":
        return _date_words(value), ()
    return options.get(str(value), str(value)), ()


def _date_words(value: Any) -> str:
    try:
        return date_format(date.fromisoformat(str(value)), "j F Y")
    except ValueError:
        return str(value)


def shown_answers(exercise: Exercise, answers: Mapping[str, Any]) -> ShownAnswers:
    """Saved answers in the content's order, each next to its question, in words, with the
    guidance of the options chosen."""
    notes: dict[str, list[str]] = {}
    for found in guidance_for(exercise, answers):
        notes.setdefault(found.question, []).append(found.text)
    shown = ShownAnswers()
    for q in exercise.questions:
        if q.id not in answers:
            continue
        value, entries = _words(q, answers[q.id])
        shown.append(ShownAnswer(q.text, value, entries, tuple(notes.get(q.id, ()))))
    return shown


# The 0-100 scales in words: the lowest score each word starts at.
SCALE_WORDS = (
    (80, _("very high")),
    (60, _("high")),
    (40, _("in the middle")),
    (20, _("low")),
    (0, _("very low")),
)


def scale_words(value: int) -> str:
    return str(next(word for start, word in SCALE_WORDS if value >= start))


@dataclass(frozen=True)
class ScaleRow:
    scale: Scale
    value: int

    @property
    def words(self) -> str:
        return scale_words(self.value)


def scale_rows(exercise: Exercise, scales: Mapping[str, int] | None) -> list[ScaleRow]:
    if exercise.scoring is None or not scales:
        return []
    return [
        ScaleRow(scale, scales[scale.id]) for scale in exercise.scoring.scales if scale.id in scales
    ]


# ------------------------------------------------- an exercise that does not apply


@dataclass(frozen=True)
class ChangeLink:
    """Where to change an answer that hides an exercise (``show_if``)."""

    title: str
    url: str


def change_links(exercise: Exercise) -> list[ChangeLink]:
    """The exercises (or the situation questions) whose answers decide whether
    ``exercise`` applies, each once, in the order its ``show_if`` names them."""
    content = program()
    links: list[ChangeLink] = []
    for text in exercise.show_if:
        ref = condition(text).ref
        source = content.exercise(ref[0], ref[1]) if len(ref) > 2 else None
        if ref == SAFETY_RESULT:
            link = ChangeLink(gettext("The safety check"), reverse("safety:home"))
        elif source is None:
            continue  # the content checks make every other reference resolve
        elif ref[0] == ONBOARDING:
            link = ChangeLink(source.title, reverse("onboarding:situation"))
        else:
            link = ChangeLink(source.title, reverse("program:exercise", args=[ref[0], ref[1]]))
        if link not in links:
            links.append(link)
    return links


def not_applicable_context(stage: Stage, exercise: Exercise) -> dict[str, Any]:
    """The exercise page's context when ``show_if`` hides the exercise: no form, a kind
    note, and where to change the answers that decide it."""
    return {
        "stage": stage,
        "exercise": exercise,
        "not_applicable": True,
        "change_links": change_links(exercise),
    }
