// The facilitator's console: the teams table follows the server's Server-Sent Events (a line per team).
// EventSource reconnects by itself after a restart of the server.
(function () {
  "use strict";
  var body = document.querySelector("#teams tbody");
  if (!body || !window.EventSource) return;
  var count = document.getElementById("team-count");

  function cell(tag, text, cls) {
    var el = document.createElement(tag);
    el.textContent = text;  // text only: a team name is never markup
    if (cls) el.className = cls;
    if (tag === "th") el.scope = "row";
    return el;
  }

  function show(rows) {
    var fresh = document.createDocumentFragment();
    rows.forEach(function (r) {
      var tr = document.createElement("tr");
      tr.appendChild(cell("th", r.team));
      tr.appendChild(cell("td", r.status + (r.status === "idle" ? " for " + r.idle_seconds + " s" : "")));
      tr.appendChild(cell("td", r.turn + " of " + r.turns, "num"));
      tr.appendChild(cell("td", r.phase));
      tr.appendChild(cell("td", String(r.score), "num"));
      tr.appendChild(cell("td", String(r.timed_out), "num"));
      fresh.appendChild(tr);
    });
    body.replaceChildren(fresh);
    if (count) count.textContent = String(rows.length);
  }

  var source = new EventSource("/console/events");
  source.addEventListener("teams", function (ev) { show(JSON.parse(ev.data)); });
})();
