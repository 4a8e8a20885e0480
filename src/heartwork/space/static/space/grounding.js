/*
 * The two-minute grounding timer on /space/now/: an optional extra.
 *
 * Without this script the page shows the steps as a list, and they work on their own. With
 * it, a "Start a two-minute timer" button counts down from 2:00 and shows a slow breathing
 * cue (in for four, out for six). Screen readers hear only when the timer starts, stops and
 * ends, not every second. Every word comes from the page (data attributes), so it is
 * translated with the page. No inline script: the strict CSP allows only files like this.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-grounding-timer]");
  if (!box) {
    return;
  }
  var start = box.querySelector("[data-timer-start]");
  var stop = box.querySelector("[data-timer-stop]");
  var clock = box.querySelector("[data-timer-clock]");
  var cue = box.querySelector("[data-timer-cue]");
  var status = box.querySelector("[data-timer-status]");
  if (!start || !stop || !clock || !cue || !status) {
    return;
  }

  var total = parseInt(box.getAttribute("data-seconds"), 10) || 120;
  // One breath: four seconds in, six seconds out.
  var IN = 4;
  var BREATH = 10;
  var timer = null;
  var left = total;

  function format(seconds) {
    var rest = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function show(seconds) {
    clock.textContent = format(seconds);
    var into = (total - seconds) % BREATH;
    cue.textContent = box.getAttribute(into < IN ? "data-breathe-in" : "data-breathe-out");
  }

  function say(attribute) {
    status.textContent = box.getAttribute(attribute) || "";
  }

  function finish(attribute) {
    if (timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
    start.hidden = false;
    stop.hidden = true;
    cue.textContent = "";
    say(attribute);
  }

  function tick() {
    left -= 1;
    if (left <= 0) {
      clock.textContent = "0:00";
      finish("data-done");
      return;
    }
    show(left);
  }

  start.addEventListener("click", function () {
    left = total;
    show(left);
    start.hidden = true;
    stop.hidden = false;
    say("data-started");
    stop.focus();
    timer = window.setInterval(tick, 1000);
  });

  stop.addEventListener("click", function () {
    finish("data-stopped");
    clock.textContent = format(total);
    start.focus();
  });

  box.hidden = false;
})();
