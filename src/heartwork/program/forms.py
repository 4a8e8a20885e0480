"""Forms for the program pages, built from the content: one exercise, or a stage's ready check.

Each question becomes one control by its type (docs/program.md, "Questions"): ``text`` a
text box (in a ``columns`` exercise, one entry per line), ``choice`` and ``yes_no`` radio
buttons, ``scale`` radio buttons 1 to 5 with the words for 1 and 5, ``multi`` check
boxes. The form checks what it can in friendly words; the last word is
``scoring.clean_answers`` (through ``services.answer_exercise``), whose AnswerError is
tied back to the field it names with ``ExerciseForm.answer_error``.

A follow-up (``ask_if``) is always shown, with a line saying when it applies, and is not
required here: the scoring drops it when it does not apply and asks for it when it does.

The second half reads saved answers back in words, for the page: earlier answers an
exercise starts from, log entries, and a scored result's scales.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from heartwork.program.schema import (
    NUMERIC_OPS,
    SCALE_HIGH,
    SCALE_LOW,
    Exercise,
    Question,
    Scale,
    Stage,
    question,
)
from heartwork.program.scoring import (
    ENTRIES_MAX,
    ENTRY_MAX_CHARS,
    TEXT_MAX_CHARS,
    AnswerError,
    condition,
)

# The name the message coach's live panel reads a draft from (heartwork.drafts.forms).
COACH_TEXT = "text"
YES_NO_CHOICES = (("yes", _("Yes")), ("no", _("No")))
REQUIRED = _("This question needs an answer.")
PICK_ONE = _("Choose one of the answers shown.")
ONE_PER_LINE = _("Write each one on its own line.")


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


def _scale_choices(q: Question) -> list[tuple[int, str]]:
    words = {SCALE_LOW: q.low, SCALE_HIGH: q.high}
    choices = []
    for step in range(SCALE_LOW, SCALE_HIGH + 1):
        word = words.get(step)
        choices.append((step, f"{step}: {word}" if word else str(step)))
    return choices


def question_field(exercise: Exercise, q: Question) -> forms.Field:
    """The form field for one question. Follow-ups are never required here."""
    required = q.required and q.ask_if is None
    messages = {"required": REQUIRED, "invalid_choice": PICK_ONE}
    field: forms.Field
    if q.type == "text":
        field = _text_field(exercise, q, required)
    elif q.type == "scale":
        field = forms.TypedChoiceField(
            choices=_scale_choices(q),
            coerce=int,
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
    option = next((o for o in earlier.options if o.id == value), None)
    return f"“{option.text}”" if option is not None else f"“{value}”"


def follow_up_hint(exercise: Exercise, q: Question) -> str | None:
    """When a follow-up applies, in plain words; None for a question that is always asked."""
    if q.ask_if is None:
        return None
    rule = condition(q.ask_if)
    earlier = question(exercise, rule.ref[0])
    if earlier is None:  # the content checks make every ask_if name an earlier question
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
    if rule.op in ("!=", "not in"):
        template = gettext("Answer this only if your answer to “%(question)s” was not %(answers)s.")
    else:
        template = gettext("Answer this only if your answer to “%(question)s” was %(answers)s.")
    return template % {"question": earlier.text.rstrip(".?!"), "answers": answers}


# --------------------------------------------------------------------- the forms


@dataclass(frozen=True)
class Shown:
    """One question as the page draws it."""

    field: forms.BoundField
    id: str
    help: str | None
    hint: str | None

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
        for q in exercise.questions:
            field = question_field(exercise, q)
            hint = follow_up_hint(exercise, q)
            help_text = q.help
            if exercise.type == "columns" and q.type == "text":
                help_text = " ".join(filter(None, (q.help, str(ONE_PER_LINE))))
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
        return [Shown(self[q.id], q.id, *self._shown[q.id]) for q in self.exercise.questions]

    def answers(self) -> dict[str, Any]:
        """The cleaned answers, as ``services.answer_exercise`` takes them."""
        return {
            key: value
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
            message = (
                gettext("Your answer above asks for this one too.") if q.ask_if else str(REQUIRED)
            )
        elif q.type in ("choice", "yes_no", "scale", "multi"):
            message = str(PICK_ONE)
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


def _words(q: Question, value: Any) -> tuple[str, tuple[str, ...]]:
    options = {option.id: option.text for option in q.options}
    if isinstance(value, list):
        return "", tuple(options.get(str(item), str(item)) for item in value)
    if q.type == "yes_no":
        return yes_no_label(str(value)), ()
    if q.type == "scale":
        return gettext("%(value)s out of %(high)s") % {"value": value, "high": SCALE_HIGH}, ()
    return options.get(str(value), str(value)), ()


def shown_answers(exercise: Exercise, answers: Mapping[str, Any]) -> list[ShownAnswer]:
    """Saved answers in the content's order, each next to its question, in words."""
    shown = []
    for q in exercise.questions:
        if q.id not in answers:
            continue
        value, entries = _words(q, answers[q.id])
        shown.append(ShownAnswer(q.text, value, entries))
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
