"""Page checks beyond axe: tap target size, visible keyboard focus and the page's language.

Each check returns a list of readable problems (empty when the page passes), so a test can
visit many pages, collect everything and report it all at once.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from e2e.conftest import assert_accessible, assert_no_horizontal_scroll

MIN_TARGET_PX = 44
# Tabbing stops after this many stops: enough to reach past the header into the page's
# own controls on every page, short enough to keep the scan of ~60 pages quick.
MAX_TABS = 45

# Every control a finger has to hit, with its size. A link inside running text is exempt
# (WCAG 2.5.8 allows it: its size is set by the line of text around it), so is a control
# that is not on screen (hidden, inside a closed <details>, or parked off-screen like the
# skip link until it gets focus). A radio button or checkbox counts as its label, since
# tapping the label ticks it.
_TARGETS_JS = """
(min) => {
  const BLOCKS = new Set(['block', 'list-item', 'table-cell', 'flex', 'grid', 'flow-root']);
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    if (r.right <= 0 || r.bottom + window.scrollY <= 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none';
  };
  const inRunningText = (a) => {
    let box = a.parentElement;
    while (box && !BLOCKS.has(getComputedStyle(box).display)) box = box.parentElement;
    if (!box) return false;
    const own = (a.innerText || '').trim().length;
    const all = (box.innerText || '').replace(/\\s+/g, ' ').trim().length;
    return all > own + 2;
  };
  const describe = (el) => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || el.name || '')
      .replace(/\\s+/g, ' ').trim().slice(0, 40);
    const id = el.id ? '#' + el.id : '';
    return `${el.tagName.toLowerCase()}${id} "${text}"`;
  };
  const problems = [];
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest('[inert]') || !visible(el)) continue;
    if (el.tagName === 'A' && inRunningText(el)) continue;
    let target = el;
    if (el.matches('input[type=radio], input[type=checkbox]')) {
      const byFor = el.id && document.querySelector(`label[for="${el.id}"]`);
      target = el.closest('label') || byFor || el;
    }
    const r = target.getBoundingClientRect();
    if (r.width + 0.5 < min || r.height + 0.5 < min) {
      problems.push(`${describe(el)} is ${Math.round(r.width)}x${Math.round(r.height)}px`);
    }
  }
  return problems;
}
"""

# Remember how every focusable element looks before anything has focus.
_FOCUS_BASELINE_JS = """
() => {
  const look = (el) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join('|');
  };
  window.__a11yLooks = new Map();
  if (document.activeElement) document.activeElement.blur();
  const all = 'a[href], button, input, select, textarea, summary, [tabindex]';
  for (const el of document.querySelectorAll(all)) {
    window.__a11yLooks.set(el, look(el));
  }
}
"""

# Describe the focused element, and whether its outline or shadow changed with focus.
_FOCUS_NOW_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const now = [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join('|');
  const before = window.__a11yLooks.get(el);
  const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shows = outlined || s.boxShadow !== 'none';
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || el.name || '')
    .replace(/\\s+/g, ' ').trim().slice(0, 40);
  return {
    key: el.tagName + '|' + (el.id || '') + '|' + (el.getAttribute('name') || '') + '|' + text
      + '|' + Math.round(el.getBoundingClientRect().top + window.scrollY),
    label: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text}"`,
    visible: shows && now !== before,
  };
}
"""


# With prefers-reduced-motion: reduce, nothing moves on its own: no running animation, no
# transition, no smooth scrolling (WCAG 2.3.3; site.css switches them all off).
_MOTION_JS = """
() => {
  const describe = (el) => {
    if (!el || !el.tagName) return 'the page';
    const text = (el.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text}"`;
  };
  const lasts = (times) => times.split(',').some((t) => parseFloat(t) > 0);
  const problems = [];
  for (const animation of document.getAnimations()) {
    problems.push(`${describe(animation.effect && animation.effect.target)} is animated`);
  }
  for (const el of [document.documentElement, ...document.querySelectorAll('body *')]) {
    const s = getComputedStyle(el);
    if (s.transitionProperty !== 'none' && lasts(s.transitionDuration)) {
      problems.push(`${describe(el)} has a ${s.transitionDuration} transition`);
    }
    if (s.animationName !== 'none' && lasts(s.animationDuration)) {
      problems.push(`${describe(el)} has the animation ${s.animationName}`);
    }
    if (s.scrollBehavior === 'smooth') problems.push(`${describe(el)} scrolls smoothly`);
  }
  return problems;
}
"""


def small_targets(page: Page) -> list[str]:
    """Controls smaller than 44x44 CSS px (links in running text are exempt)."""
    found: list[str] = page.evaluate(_TARGETS_JS, MIN_TARGET_PX)
    return found


def invisible_focus(page: Page, max_tabs: int = MAX_TABS) -> list[str]:
    """Press Tab from the top of the page; list each stop whose outline/shadow does not change.

    Stops when focus comes back round to an element already seen (the end of the page).
    """
    page.evaluate(_FOCUS_BASELINE_JS)
    page.evaluate("() => window.scrollTo(0, 0)")
    problems: list[str] = []
    seen: set[str] = set()
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        stop: dict[str, Any] | None = page.evaluate(_FOCUS_NOW_JS)
        if stop is None:
            continue
        if stop["key"] in seen:
            break
        seen.add(stop["key"])
        if not stop["visible"]:
            problems.append(f"{stop['label']} shows no focus")
    return problems


def motion(page: Page) -> list[str]:
    """What still moves on the page; call it in a context that asks for reduced motion."""
    found: list[str] = page.evaluate(_MOTION_JS)
    return found


# A form sent back with errors: each field's error is read out with the field. Every error
# message next to a field (Django's .errorlist, our .field-errors) is named by the
# aria-describedby of the box it belongs to, which says aria-invalid="true", or of the
# fieldset around its radio buttons; and every box marked invalid points at words.
_UNTIED_ERRORS_JS = """
() => {
  const words = (el) => (el ? (el.innerText || '').replace(/\\s+/g, ' ').trim() : '');
  const describe = (el) => {
    const name = el.getAttribute('name') || el.id || '';
    return `${el.tagName.toLowerCase()}${name ? '[' + name + ']' : ''}`;
  };
  const describedBy = (el) => (el.getAttribute('aria-describedby') || '').split(/\\s+/);
  const problems = [];
  const errors = [...document.querySelectorAll('main .field-errors, main .errorlist')]
    .filter((el) => words(el) && !el.closest('.error-summary, .form-errors, [role=alert]'));
  for (const error of errors) {
    const text = words(error).slice(0, 60);
    const owners = error.id
      ? [...document.querySelectorAll('[aria-describedby]')]
          .filter((el) => describedBy(el).includes(error.id))
      : [];
    if (!owners.length) {
      problems.push(`"${text}" is not named by any field's aria-describedby`);
      continue;
    }
    for (const owner of owners) {
      const box = owner.matches('input, select, textarea');
      const group = owner.matches('fieldset, [role=group], [role=radiogroup]')
        && owner.querySelector('input, select, textarea');
      if (box && owner.getAttribute('aria-invalid') !== 'true') {
        problems.push(`${describe(owner)} shows "${text}" but is not aria-invalid`);
      } else if (!box && !group) {
        problems.push(`"${text}" is tied to ${describe(owner)}, which is not a field`);
      }
    }
  }
  const says = (el) => describedBy(el).map((id) => words(document.getElementById(id))).join('');
  for (const box of document.querySelectorAll('main [aria-invalid=true]')) {
    // A radio button or checkbox is read with its group's question and description.
    const group = box.matches('[type=radio], [type=checkbox]') && box.closest('fieldset');
    if (!says(box) && !(group && says(group))) {
      problems.push(`${describe(box)} is aria-invalid but describes no error`);
    }
  }
  return {errors: errors.length, problems};
}
"""


def untied_errors(page: Page) -> tuple[int, list[str]]:
    """How many field errors the page shows, and each that is not tied to its field."""
    found: dict[str, Any] = page.evaluate(_UNTIED_ERRORS_JS)
    return int(found["errors"]), list(found["problems"])


def missing_lang(page: Page) -> list[str]:
    lang: str = page.evaluate("() => document.documentElement.getAttribute('lang') || ''")
    return [] if lang.strip() else ["<html> has no lang"]


def failures(fn: Any, page: Page) -> list[str]:
    """Run one of conftest's assert_* checks; its failure message as a one-item list."""
    try:
        fn(page)
    except (AssertionError, pytest.fail.Exception) as problem:
        return [str(problem).splitlines()[0] if fn is assert_no_horizontal_scroll else str(problem)]
    return []


def check_page(
    page: Page, *, phone: bool, focus: bool = True, reduced_motion: bool = False
) -> dict[str, list[str]]:
    """Every check on the page as it is now: check name -> problems (only failing checks).

    ``reduced_motion``: the page's context asks for reduced motion; check that nothing moves.
    """
    page.wait_for_load_state()
    results = {
        "axe": failures(assert_accessible, page),
        "lang": missing_lang(page),
        "tap targets": small_targets(page),
    }
    if phone:
        results["sideways scroll"] = failures(assert_no_horizontal_scroll, page)
    if reduced_motion:
        results["motion"] = motion(page)
    if focus:
        results["focus"] = invisible_focus(page)
    return {name: found for name, found in results.items() if found}


# ---------------------------------------------------------------------------
# Keyboard only: move focus with Tab / Shift+Tab, never the mouse.

# What a person hears when focus lands: the control's own words, its label, and for a
# radio button the question (the legend) it answers.
_FOCUSED_NAME_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return '';
  const words = (node) =>
    (node ? (node.innerText || node.textContent || '') : '').replace(/\\s+/g, ' ').trim();
  const label = el.labels && el.labels.length ? words(el.labels[0]) : '';
  const set = el.closest('fieldset');
  const legend = set ? words(set.querySelector('legend')) : '';
  const own = el.matches('input, textarea, select') ? '' : words(el);
  return [legend, label, own, el.getAttribute('aria-label') || ''].filter(Boolean).join(' | ');
}
"""


def focused_name(page: Page) -> str:
    name: str = page.evaluate(_FOCUSED_NAME_JS)
    return name


def tab_to(page: Page, words: str, *, backwards: bool = False, max_presses: int = 80) -> None:
    """Press Tab (or Shift+Tab) until the focused control's name contains ``words``."""
    key = "Shift+Tab" if backwards else "Tab"
    passed: list[str] = []
    for _ in range(max_presses):
        page.keyboard.press(key)
        name = focused_name(page)
        if words in name:
            return
        if not passed or passed[-1] != name:
            passed.append(name)
    raise AssertionError(f"{key} never reached {words!r} on {page.url}; passed {passed}")


def press_enter_and_wait(page: Page, key: str = "Enter") -> None:
    """Activate the focused link or button from the keyboard and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()


# The focused control as a form sees it: what it is, its label and group, whether ticked.
_FOCUSED_CONTROL_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const words = (node) =>
    (node ? (node.innerText || node.textContent || '') : '').replace(/\\s+/g, ' ').trim();
  const set = el.closest('fieldset');
  return {
    kind: el.matches('input[type=radio]') ? 'radio'
      : el.matches('textarea, input:not([type]), input[type=text], input[type=email]')
        ? 'box' : el.matches('button, input[type=submit]') ? 'button' : 'other',
    name: el.getAttribute('name') || '',
    label: el.labels && el.labels.length ? words(el.labels[0]) : words(el),
    legend: set ? words(set.querySelector('legend')) : '',
    checked: Boolean(el.checked),
    inMain: Boolean(el.closest('main')),
  };
}
"""


def focused_control(page: Page) -> dict[str, Any] | None:
    found: dict[str, Any] | None = page.evaluate(_FOCUSED_CONTROL_JS)
    return found


def answer_by_keyboard(
    page: Page,
    *,
    answers: dict[str, str],
    default: str | tuple[str, ...],
    texts: dict[str, str] | None = None,
    button: str,
    max_presses: int = 200,
) -> None:
    """Fill the page's form from the keyboard, then press its button with Enter.

    Tab moves from group to group; in a radio group the arrow keys move the choice, which
    picks the answer whose label is ``answers``' value for the first key found in the
    question (else the first of ``default``'s answers the group has); a text box whose label
    is in ``texts`` gets its words typed. Ends when ``button`` has been pressed and the next
    page has loaded.
    """
    texts = texts or {}
    fallback = (default,) if isinstance(default, str) else default
    answered: set[str] = set()
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        now = focused_control(page)
        if now is None or not now["inMain"]:
            continue
        if now["kind"] == "radio" and now["name"] not in answered:
            answered.add(now["name"])
            asked = next((a for q, a in answers.items() if q in now["legend"]), None)
            replies = fallback if asked is None else (asked,)
            for _ in range(12):  # no group here has more choices than that
                if now is not None and now["label"] in replies:
                    break
                page.keyboard.press("ArrowDown")  # moves to the next choice and ticks it
                now = focused_control(page)
            assert now is not None and now["label"] in replies, f"no {replies} in {now}"
            if not now["checked"]:
                page.keyboard.press("Space")
        elif now["kind"] == "box" and now["label"] in texts:
            page.keyboard.type(texts[now["label"]])
        elif now["kind"] == "button" and now["label"] == button:
            press_enter_and_wait(page)
            return
    raise AssertionError(f"Tab never reached the {button!r} button on {page.url}")
