// The projector view follows the server's Server-Sent Events: text only (textContent), a page of the
// leaderboard at a time when the room is larger than the screen, the round clock counted down between updates.
// A change of layout (joining -> playing -> ended, the reveal) reloads the page, which the server draws anew.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var layout = document.body.dataset.layout;
  var rows = [], pageStart = 0, deadline = null, paused = false, PAGE_SECONDS = 8;  // pages of teams

  function $(id) { return document.getElementById(id); }
  function text(id, value) { var el = $(id); if (el) el.textContent = value == null ? "" : String(value); }
  function show(id, on) { var el = $(id); if (el) el.hidden = !on; }
  function cell(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) el.className = cls;
    if (tag === "th") el.scope = "row";
    return el;
  }

  function boardRow(r) {
    var tr = document.createElement("tr");
    tr.className = r.outcome;
    tr.appendChild(cell("td", String(r.rank), "num rank"));
    var name = cell("th", r.team);
    if (r.bot) { name.appendChild(document.createTextNode(" ")); name.appendChild(cell("span", "(bot)", "bot")); }
    tr.appendChild(name);
    tr.appendChild(cell("td", r.score, "num score"));
    tr.appendChild(cell("td", r.turn, "num"));
    tr.appendChild(cell("td", r.status, "status"));
    return tr;
  }

  // The reveal: a row per hidden driver, a column per team, TEAMS_AT_ONCE teams a page.
  var TEAMS_AT_ONCE = 5, hidden = {teams: [], rows: []};
  function drawHidden() {
    var table = $("hidden"), note = $("page");
    var teams = hidden.teams, n = teams.length;
    if (pageStart >= n) pageStart = 0;
    var from = n > TEAMS_AT_ONCE ? pageStart : 0, to = Math.min(n, from + TEAMS_AT_ONCE);
    var head = document.createElement("tr");
    var corner = cell("th", "", "driver"); corner.scope = "col"; corner.appendChild(cell("span", "Hidden driver", "sr"));
    head.appendChild(corner);
    teams.slice(from, to).forEach(function (t) { var th = cell("th", t, "num team"); th.scope = "col"; head.appendChild(th); });
    table.tHead.replaceChildren(head);
    table.tBodies[0].replaceChildren.apply(table.tBodies[0], hidden.rows.map(function (r) {
      var tr = document.createElement("tr");
      tr.appendChild(cell("th", r.label));
      r.cells.slice(from, to).forEach(function (c) {
        var td = cell("td", c.text + " ", "num " + c.verdict);
        td.appendChild(cell("span", c.change, "change"));
        tr.appendChild(td);
      });
      return tr;
    }));
    if (note) {
      note.hidden = n <= TEAMS_AT_ONCE;
      note.textContent = "Teams " + (from + 1) + "-" + to + " of " + n;
    }
    return to - from;
  }

  // The leaderboard: as many rows as fit; when they do not all fit, turn the pages every PAGE_SECONDS.
  function drawBoard() {
    var table = $("board");
    var body = table.tBodies[0], section = table.parentNode, note = $("page");
    body.replaceChildren.apply(body, rows.map(boardRow));
    if (note) note.hidden = true;
    var room = section.clientHeight - table.tHead.offsetHeight - (note ? 80 : 0);
    var tall = 0, fit = rows.length;
    for (var i = 0; i < body.rows.length; i++) {
      tall += body.rows[i].offsetHeight;
      if (tall > room) { fit = Math.max(1, i); break; }
    }
    if (fit >= rows.length) { pageStart = 0; return rows.length; }
    if (pageStart >= rows.length) pageStart = 0;
    var shown = rows.slice(pageStart, pageStart + fit);
    body.replaceChildren.apply(body, shown.map(boardRow));
    if (note) {
      note.hidden = false;
      note.textContent = "Teams " + (pageStart + 1) + "-" + (pageStart + shown.length) + " of " + rows.length;
    }
    return shown.length;
  }

  var shownNow = 0;
  function draw() {
    if ($("board")) shownNow = drawBoard();
    else if ($("hidden")) shownNow = drawHidden();
  }

  function clock() {
    var el = $("clock");
    if (!el) return;
    if (paused) { el.hidden = false; el.textContent = "Paused"; el.classList.remove("hurry"); return; }
    if (deadline === null) { el.hidden = true; return; }
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    el.hidden = false;
    el.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    el.classList.toggle("hurry", left <= 30);
  }

  var updates = 0;
  function apply(v) {
    if (v.layout !== layout) { window.location.reload(); return; }
    document.body.dataset.updates = String(++updates);
    text("workshop", v.workshop);
    text("round", v.round_line);
    text("waiting", v.waiting_line);
    text("message", v.message);
    show("message", !!v.message);
    show("paused", v.paused);
    show("late", v.joining_open && v.layout !== "ended" && v.layout !== "reveal");
    paused = v.paused;
    deadline = v.clock_left === null || v.clock_left === undefined ? null : Date.now() + 1000 * v.clock_left;
    clock();
    if (v.layout === "joining") {
      text("team-count", v.teams);
      text("team-word", v.teams === 1 ? "team" : "teams");
      var names = $("names");
      if (names) {
        names.replaceChildren.apply(names, v.names.map(function (n) { return cell("span", n); }));
        if (v.more) names.appendChild(cell("span", v.more, "more"));
      }
      return;
    }
    text("score-title", v.score_title);
    rows = v.rows;
    hidden = {teams: v.hidden_teams, rows: v.hidden_rows};
    draw();
  }

  var source = new EventSource("/projector/events");
  var gone = $("connection");
  source.addEventListener("view", function (ev) {
    if (gone) gone.hidden = true;
    apply(JSON.parse(ev.data));
  });
  source.onerror = function () {
    if (gone) { gone.hidden = false; gone.textContent = "Reconnecting to the server\u2026"; }
  };
  setInterval(clock, 250);
  setInterval(function () { if (shownNow) { pageStart += shownNow; draw(); } }, PAGE_SECONDS * 1000);
  window.addEventListener("resize", draw);
})();
