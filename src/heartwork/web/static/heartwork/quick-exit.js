/*
 * Quick exit: leave Heartwork for a neutral page in one move.
 *
 * The Exit link works on its own (a plain link). With this script, clicking it, or
 * pressing Shift three times within 1.5 seconds, also blanks the page and replaces
 * the current history entry, so Back does not bring this page back. Earlier pages
 * stay in the browser's history: the account page says so.
 *
 * Shift x3 works everywhere, also while typing in a text box. Only three Shift
 * presses with no other key in between count, so typing capital letters never
 * triggers it; holding Shift down (auto-repeat) counts once.
 */
(function () {
  "use strict";

  var PRESSES = 3;
  var WITHIN_MS = 1500;

  var link = document.querySelector("a[data-quick-exit]");
  if (!link) {
    return;
  }

  function leave() {
    var target = link.href;
    // Blank first: nothing stays on screen while the next page loads.
    document.title = "";
    if (document.body) {
      document.body.hidden = true;
    }
    window.location.replace(target);
  }

  link.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });

  var times = [];
  // On window, in the capture phase: runs before any handler inside the page can
  // stop the event, whichever element has focus.
  window.addEventListener(
    "keydown",
    function (event) {
      if (event.key !== "Shift") {
        times = [];
        return;
      }
      if (event.repeat) {
        return;
      }
      var now = typeof event.timeStamp === "number" && event.timeStamp > 0 ? event.timeStamp : Date.now();
      times = times.filter(function (t) {
        return now - t <= WITHIN_MS;
      });
      times.push(now);
      if (times.length >= PRESSES) {
        times = [];
        leave();
      }
    },
    true
  );
})();
