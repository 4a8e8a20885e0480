// Behaviour of src/heartwork/web/static/heartwork/quick-exit.js, without a browser.
//
// The shipped file runs in a fresh VM context with a small fake window and document
// that record listeners and location.replace() calls. Run: node --test tests/js/
// (tests/web/test_quick_exit_js.py runs it from pytest).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const SCRIPT = readFileSync(
  new URL("../../src/heartwork/web/static/heartwork/quick-exit.js", import.meta.url),
  "utf8",
);
const EXIT = "https://www.bbc.com/weather";

function page({ withLink = true } = {}) {
  const windowListeners = [];
  const linkListeners = [];
  const replaced = [];
  const body = { hidden: false };
  const document = {
    title: "Journal · Heartwork",
    body,
    querySelector: (selector) => {
      assert.equal(selector, "a[data-quick-exit]");
      return withLink ? link : null;
    },
  };
  const link = {
    href: EXIT,
    addEventListener: (type, fn) => linkListeners.push({ type, fn }),
  };
  const window = {
    addEventListener: (type, fn, capture) => windowListeners.push({ type, fn, capture }),
    location: {
      replace: (url) => replaced.push({ url, blank: body.hidden, title: document.title }),
    },
  };
  vm.runInNewContext(SCRIPT, { window, document, Date });

  let clock = 1000;
  const textarea = { tagName: "TEXTAREA" };
  return {
    replaced,
    body,
    windowListeners,
    linkListeners,
    // One keydown, `gap` ms after the previous one, with focus in a text box.
    key(key, { gap = 100, repeat = false } = {}) {
      clock += gap;
      const event = { type: "keydown", key, repeat, timeStamp: clock, target: textarea };
      for (const { type, fn } of windowListeners) if (type === "keydown") fn(event);
    },
    click() {
      let prevented = false;
      const event = { type: "click", button: 0, preventDefault: () => (prevented = true) };
      for (const { type, fn } of linkListeners) if (type === "click") fn(event);
      return prevented;
    },
  };
}

test("three Shift presses replace the page with the neutral site", () => {
  const p = page();
  p.key("Shift");
  p.key("Shift");
  assert.deepEqual(p.replaced, []);
  p.key("Shift");
  assert.equal(p.replaced.length, 1);
  assert.equal(p.replaced[0].url, EXIT);
});

test("the page is blanked before it is replaced", () => {
  const p = page();
  for (let i = 0; i < 3; i++) p.key("Shift");
  assert.equal(p.replaced[0].blank, true);
  assert.equal(p.replaced[0].title, "");
});

test("the shortcut listens on window in the capture phase, so it works while typing", () => {
  const p = page();
  const keydown = p.windowListeners.filter(({ type }) => type === "keydown");
  assert.equal(keydown.length, 1);
  assert.equal(keydown[0].capture, true);
});

test("Shift, a, Shift, Shift does not leave: typing capitals never triggers it", () => {
  const p = page();
  p.key("Shift");
  p.key("a");
  p.key("Shift");
  p.key("Shift");
  assert.deepEqual(p.replaced, []);
});

test("typing a sentence with capitals does not leave", () => {
  const p = page();
  for (const ch of "I Told Sam No") {
    if (ch >= "A" && ch <= "Z") p.key("Shift");
    p.key(ch);
  }
  assert.deepEqual(p.replaced, []);
});

test("holding Shift down counts once, however long it auto-repeats", () => {
  const p = page();
  p.key("Shift");
  for (let i = 0; i < 10; i++) p.key("Shift", { gap: 30, repeat: true });
  assert.deepEqual(p.replaced, []);
  p.key("Shift");
  p.key("Shift");
  assert.equal(p.replaced.length, 1);
});

test("three Shift presses spread over more than 1.5 seconds do not leave", () => {
  const p = page();
  p.key("Shift");
  p.key("Shift", { gap: 900 });
  p.key("Shift", { gap: 900 });
  assert.deepEqual(p.replaced, []);
  // The last two and a quick third are within the window.
  p.key("Shift", { gap: 100 });
  assert.equal(p.replaced.length, 1);
});

test("clicking the Exit link replaces the page instead of adding to history", () => {
  const p = page();
  const prevented = p.click();
  assert.equal(prevented, true);
  assert.equal(p.replaced.length, 1);
  assert.equal(p.replaced[0].url, EXIT);
  assert.equal(p.replaced[0].blank, true);
});

test("a page without the Exit link is left alone", () => {
  const p = page({ withLink: false });
  for (let i = 0; i < 3; i++) p.key("Shift");
  assert.deepEqual(p.replaced, []);
  assert.deepEqual(p.windowListeners, []);
});
