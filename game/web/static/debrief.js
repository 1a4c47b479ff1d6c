// The console's debrief panel: while the report is being built, the progress line follows the server,
// and the panel is redrawn (the page reloaded at the panel) when the build has finished.
(function () {
  "use strict";
  var panel = document.getElementById("debrief");
  if (!panel || !window.fetch) return;
  var line = document.getElementById("debrief-line");
  var building = panel.dataset.state === "building";

  function look() {
    fetch("/console/debrief/status", {credentials: "same-origin", cache: "no-store"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) return;
        if (s.state === "building") {
          building = true;
          if (line) line.textContent = s.line;
          // no "Build the debrief now" beside the line that it is being built (trainer s7 finding 13)
          var actions = document.getElementById("debrief-actions");
          if (actions) actions.hidden = true;
        } else if (building) {
          window.location.replace("/console#debrief");
          window.location.reload();
        }
      })
      .catch(function () {});
  }
  setInterval(look, building ? 1000 : 3000);
})();
