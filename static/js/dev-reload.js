// Dev preview only (vocation serve --dev): reload the page when the
// content changes, so that a saved file, or its errors in the banner,
// show without a manual refresh. The server sends a "reload" event on
// /_dev/events; "since" is the content version this page shows, so a
// change made before the stream opened is not missed.
(function () {
  "use strict";
  var script = document.currentScript;
  var since = script ? script.getAttribute("data-since") : "";
  var events = new EventSource("/_dev/events?since=" + encodeURIComponent(since || ""));
  events.addEventListener("reload", function () {
    events.close();
    window.location.reload();
  });
})();
