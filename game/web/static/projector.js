// The projector view follows the server's Server-Sent Events: text only (textContent), a page of the
// leaderboard at a time when the room is larger than the screen, the round clock counted down between updates.
// A change of layout (joining -> playing -> ended, the reveal) reloads the page, which the server draws anew.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var layout = document.body.dataset.layout;
  var byTurn = false, rows = [], pageStart = 0, deadline = null, paused = false, PAGE_SECONDS = 8;  // pages of teams

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

  var SHORT_NAME = 20;  // a name this long or shorter stays on one line (projector.css: th.short)
  function boardRow(r) {
    var tr = document.createElement("tr");
    tr.className = r.outcome;
    tr.appendChild(cell("td", String(r.rank), "num rank"));
    var name = cell("th", r.team, r.team.length <= SHORT_NAME ? "short" : "");
    if (r.mark) { name.appendChild(document.createTextNode(" ")); name.appendChild(cell("span", r.mark, "bot")); }
    tr.appendChild(name);
    tr.appendChild(cell("td", r.score, "num score"));
    var each = cell("td", r.per_turn || "", "num per-turn");  // the figure the rank compares, at a per-turn ranking
    each.hidden = !byTurn;
    tr.appendChild(each);
    tr.appendChild(cell("td", r.turn, "num"));
    tr.appendChild(cell("td", r.status, "status"));
    return tr;
  }

  // The reveal: a row per hidden driver, a column per team. A team's name is never broken inside a word: it is
  // set in at most 2 or 3 lines at its column's width, wrapped at spaces and after hyphens, and what does not
  // fit ends in "…" (as the report's charts shorten a name), the bot mark kept whole. A page holds 3 to 5
  // teams, as many as keep the fewest names shortened; when the rows do not all fit under the names (a
  // message, the winner line, a scenario's own drivers), the rows are paged as well as the teams.
  var MOST_TEAMS = 5, FEWEST_TEAMS = 3, ELLIPSIS = "\u2026";
  var hidden = {teams: [], marks: [], rows: []}, hiddenPage = 0, hiddenPages = 1, chosen = null, ruler = null;

  function widthIn(font) {
    if (!ruler) ruler = document.createElement("canvas").getContext("2d");
    return function (s) { ruler.font = font; return ruler.measureText(s).width; };
  }
  function tokens(name) {  // where a name may wrap: at a space, or after a hyphen ("O'Connor-" "Núñez")
    var out = [];
    String(name).trim().split(/\s+/).forEach(function (word) {
      word.split(/(?<=-)(?=.)/).forEach(function (part, i) { out.push({text: part, space: i === 0 && out.length > 0}); });
    });
    return out;
  }
  function clipWord(word, room, w) {  // a word wider than a whole line: its start, and "…"
    var chars = Array.from(word);
    while (chars.length > 1 && w(chars.join("") + ELLIPSIS) > room) chars.pop();
    return chars.join("") + ELLIPSIS;
  }
  // Lines of whole tokens, each no wider than `room`: {lines, rest: the tokens left over, clipped}. A token
  // wider than a whole line ends the lines there; only a first token that wide is cut ("Straßenbahnfahr…").
  function breakLines(toks, room, most, w) {
    var rest = toks.slice(), lines = [];
    while (rest.length && lines.length < most) {
      if (w(rest[0].text) > room) {
        if (lines.length) break;
        lines.push(clipWord(rest.shift().text, room, w));
        return {lines: lines, rest: rest, clipped: true};
      }
      var line = rest.shift().text;
      while (rest.length && w(line + (rest[0].space ? " " : "") + rest[0].text) <= room) {
        var t = rest.shift(); line += (t.space ? " " : "") + t.text;
      }
      lines.push(line);
    }
    return {lines: lines, rest: rest, clipped: false};
  }
  // {lines, short, clipped}: a name (and the bot mark, kept whole) in at most `most` lines no wider than `room`
  function fitName(name, mark, room, most, w) {
    var toks = tokens(name), tail = mark ? " " + mark : "";
    var whole = breakLines(mark ? toks.concat([{text: mark, space: true}]) : toks, room, most, w);
    if (!whole.rest.length && !whole.clipped) return {lines: whole.lines, short: false, clipped: false};
    // shortened: the lines leave room for "…" and the mark after the last of them, whichever that is
    var cut = breakLines(toks, room - w(ELLIPSIS + tail), most, w), lines = cut.lines;
    lines[lines.length - 1] += (cut.clipped ? "" : ELLIPSIS) + tail;
    return {lines: lines, short: true, clipped: cut.clipped};
  }
  // Two names that read the same once shortened ("Mozart Memorial Team 01" and "... 02") keep their ends
  // instead: the start, then "…" and the last words whole ("…Team 01").
  function fitEnds(name, mark, room, most, w) {
    var toks = tokens(name), tail = mark ? " " + mark : "", end = "", i = toks.length - 1;
    while (i > 0) {
      var more = toks[i].text + (end ? (toks[i + 1].space ? " " : "") + end : "");
      if (w(ELLIPSIS + more + tail) > room) break;
      end = more; i--;
    }
    if (!end || most < 2) return null;
    var head = breakLines(toks.slice(0, i + 1), room, most - 1, w);
    return {lines: head.lines.concat([(head.rest.length || head.clipped ? ELLIPSIS : "") + end + tail]),
            short: true, clipped: head.clipped};
  }
  function fitAll(room, lines, w) {
    var fitted = hidden.teams.map(function (t, i) { return fitName(t, hidden.marks[i], room, lines, w); });
    var seen = {};
    fitted.forEach(function (f, i) { var k = f.lines.join("\n"); (seen[k] = seen[k] || []).push(i); });
    Object.keys(seen).forEach(function (k) {
      if (seen[k].length < 2) return;
      seen[k].forEach(function (i) {
        if (fitted[i].short) fitted[i] = fitEnds(hidden.teams[i], hidden.marks[i], room, lines, w) || fitted[i];
      });
    });
    return fitted;
  }

  function hiddenHead(from, to, fitted, widths) {
    var head = document.createElement("tr");
    var corner = cell("th", "", "driver"); corner.scope = "col"; corner.appendChild(cell("span", "Hidden driver", "sr"));
    corner.style.width = widths.driver + "px";
    head.appendChild(corner);
    for (var i = from; i < to; i++) {
      var th = cell("th", fitted ? fitted[i].lines.join("\n") : hidden.teams[i], "num team" + (fitted ? " fitted" : ""));
      th.scope = "col"; th.title = hidden.teams[i] + (hidden.marks[i] ? " " + hidden.marks[i] : "");
      th.style.width = widths.team + "px";
      head.appendChild(th);
    }
    return head;
  }
  function hiddenRow(r, from, to) {
    var tr = document.createElement("tr");
    var label = cell("th", r.label);
    if (r.note) label.appendChild(cell("span", r.note, "note"));
    tr.appendChild(label);
    r.cells.slice(from, to).forEach(function (c) {
      var td = cell("td", c.text + " ", "num " + c.verdict);
      td.appendChild(cell("span", c.change, "change"));
      tr.appendChild(td);
    });
    return tr;
  }
  function renderHidden(table, from, to, rFrom, rTo, fitted, widths) {
    table.tHead.replaceChildren(hiddenHead(from, to, fitted, widths));
    table.tBodies[0].replaceChildren.apply(table.tBodies[0], hidden.rows.slice(rFrom, rTo).map(function (r) {
      return hiddenRow(r, from, to);
    }));
  }
  function fitsBelow(table, limit) {  // every row drawn above `limit` (the section's bottom less the page note)
    var body = table.tBodies[0].rows, n = 0;
    for (var i = 0; i < body.length; i++) { if (body[i].getBoundingClientRect().bottom <= limit + 0.5) n++; }
    return n;
  }

  // The layout for these teams at this size: teams a page, lines a name, the names set, rows a page.
  function chooseHidden(table, note) {
    var n = hidden.teams.length, section = table.parentNode;
    var key = JSON.stringify([hidden.teams, hidden.marks, hidden.rows.length, innerWidth, innerHeight,
                              document.getElementById("message").hidden, !!document.getElementById("winner")]);
    if (chosen && chosen.key === key) return chosen;
    renderHidden(table, 0, Math.min(n, 1), 0, hidden.rows.length, null, {driver: 0, team: 0});
    var probe = table.tHead.rows[0].cells, style = getComputedStyle(probe[probe.length - 1]);
    var pad = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 4;
    var bold = widthIn(style.font), labelFont = widthIn(getComputedStyle(table.tBodies[0].rows[0].cells[0]).font);
    var full = table.clientWidth;
    var driver = Math.min(0.34 * full, Math.max(0.18 * full, pad + Math.max.apply(null, hidden.rows.map(function (r) {
      return labelFont(r.label);
    }))));
    note.hidden = false; note.textContent = "Teams 1-5 of 7";
    var limit = section.getBoundingClientRect().bottom - note.offsetHeight - 4;
    var options = [];
    for (var k = Math.min(MOST_TEAMS, n); k >= Math.min(FEWEST_TEAMS, n); k--) {
      var widths = {driver: driver, team: (full - driver) / k};
      for (var lines = 2; lines <= 3; lines++) {
        var fitted = fitAll(widths.team - pad, lines, bold);
        options.push({k: k, lines: lines, widths: widths, fitted: fitted,
                      clipped: fitted.filter(function (f) { return f.clipped; }).length,
                      short: fitted.filter(function (f) { return f.short; }).length});
      }
    }
    // the fewest words cut, then the fewest names shortened, then the most teams a page, then the most of each
    // name (3 lines where they fit under the names, else 2)
    options.sort(function (a, b) { return a.clipped - b.clipped || a.short - b.short || b.k - a.k || b.lines - a.lines; });
    var pick = null;
    for (var o = 0; o < options.length && !pick; o++) {
      renderHidden(table, 0, options[o].k, 0, hidden.rows.length, options[o].fitted, options[o].widths);
      if (fitsBelow(table, limit) === hidden.rows.length) pick = options[o];
    }
    if (!pick) {  // not every row fits under the names at any width: page the rows too
      pick = options.filter(function (o) { return o.lines === 2; })[0] || options[0];
      renderHidden(table, 0, pick.k, 0, hidden.rows.length, pick.fitted, pick.widths);
    }
    pick.rowsAtOnce = Math.max(1, fitsBelow(table, limit));
    pick.key = key; pick.pad = pad; pick.bold = bold; pick.full = full; pick.driver = driver;
    chosen = pick;
    return pick;
  }

  // [from, to) of `count` items on page `i` of `pages`, spread evenly: the first pages one more than the rest
  function spread(count, pages, i) {
    var base = Math.floor(count / pages), extra = count % pages, from = i * base + Math.min(i, extra);
    return [from, from + base + (i < extra ? 1 : 0)];
  }
  function drawHidden() {
    var table = $("hidden"), note = $("page"), n = hidden.teams.length;
    if (!n || !hidden.rows.length) return 0;
    var pick = chooseHidden(table, note);
    var teamPages = Math.ceil(n / pick.k), rowPages = Math.ceil(hidden.rows.length / pick.rowsAtOnce);
    // balanced pages: as many pages as the fit needs, the teams and the rows spread evenly over them (filled
    // in turn, 6 rows of 7 left a page of one lonely row, 'drivers 7-7 of 7', on a white 1080p screen, and
    // 4 teams of 6 a page of 2; trainer s7 rehearsal 4, finding 4)
    hiddenPages = teamPages * rowPages;
    if (hiddenPage >= hiddenPages) hiddenPage = 0;
    var teamsOf = spread(n, teamPages, Math.floor(hiddenPage / rowPages)), from = teamsOf[0], to = teamsOf[1];
    var rowsOf = spread(hidden.rows.length, rowPages, hiddenPage % rowPages), rFrom = rowsOf[0], rTo = rowsOf[1];
    var k = Math.ceil(n / teamPages);
    var fitted = pick.fitted, widths = pick.widths;
    if (to - from !== pick.k) {  // fewer teams on this page than measured: wider columns, names set for them
      widths = {driver: pick.driver, team: (pick.full - pick.driver) / (to - from)};
      fitted = fitAll(widths.team - pick.pad, pick.lines, pick.bold);
    }
    renderHidden(table, from, to, rFrom, rTo, fitted, widths);
    table.dataset.teamsAtOnce = String(k);
    table.dataset.nameLines = String(pick.lines);
    note.hidden = hiddenPages <= 1;
    note.textContent = "Teams " + (from + 1) + "-" + to + " of " + n +
      (rowPages > 1 ? " \u2022 drivers " + (rFrom + 1) + "-" + rTo + " of " + hidden.rows.length : "");
    return hiddenPages > 1 ? 1 : 0;
  }

  // The leaderboard: as many rows as fit above the page note (measured, at any size of screen and name);
  // when they do not all fit, the pages turn every PAGE_SECONDS.
  function drawBoard() {
    var table = $("board"), body = table.tBodies[0], section = table.parentNode, note = $("page");
    var bottom = section.getBoundingClientRect().bottom;
    body.replaceChildren.apply(body, rows.map(boardRow));
    if (note) note.hidden = true;
    var last = body.rows[body.rows.length - 1];
    if (!last || last.getBoundingClientRect().bottom <= bottom + 0.5) { pageStart = 0; return rows.length; }
    if (pageStart >= rows.length) pageStart = 0;
    var limit = bottom;
    if (note) {
      note.hidden = false;
      note.textContent = "Teams " + rows.length + "-" + rows.length + " of " + rows.length;
      limit -= note.getBoundingClientRect().height + parseFloat(getComputedStyle(note).marginTop);
    }
    // the rows of this page, added one at a time while the last still ends above the note: the columns are as
    // wide as these rows make them (measured among all the teams, a long status of a later team wrapped into two
    // lines and five rows filled three quarters of a 1080p screen; trainer s6, finding 12)
    var fit = 1;
    while (pageStart + fit < rows.length) {
      body.replaceChildren.apply(body, rows.slice(pageStart, pageStart + fit + 1).map(boardRow));
      if (body.rows[body.rows.length - 1].getBoundingClientRect().bottom > limit + 0.5) break;
      fit++;
    }
    // the rows left spread evenly over the pages they need (never a last page of one lonely row)
    var left = rows.length - pageStart, pagesLeft = Math.ceil(left / fit);
    fit = Math.ceil(left / pagesLeft);
    var shown = rows.slice(pageStart, pageStart + fit);
    body.replaceChildren.apply(body, shown.map(boardRow));
    if (note) note.textContent = "Teams " + (pageStart + 1) + "-" + (pageStart + shown.length) + " of " + rows.length;
    return shown.length;
  }

  // The joining screen's newest names, as many as fit under the code with the line below them: a room of 8
  // teams with long names ran the column off both ends of a 1280x720 screen, its heading under the bar and
  // "The game starts when the facilitator starts play" cut off. The oldest names give way to "and N more".
  var joining = null;
  function drawNames() {
    var names = $("names"), how = document.querySelector(".join .how");
    if (!joining || !names || !how) return;
    var shown = joining.names.length;
    function put() {
      var list = joining.names.slice(joining.names.length - shown), more = joining.teams - list.length;
      names.replaceChildren.apply(names, list.map(function (n) { var s = cell("span", n); s.title = n; return s; }));
      if (more > 0) names.appendChild(cell("span", "and " + more + " more", "more"));
    }
    put();
    while (shown > 0 && how.scrollHeight > how.clientHeight + 0.5) { shown--; put(); }
  }

  var shownNow = 0;
  function draw() {
    if (joining) { drawNames(); return; }
    if ($("board")) shownNow = drawBoard();
    else if ($("hidden")) shownNow = drawHidden();
  }

  function clock() {
    var el = $("clock");
    if (!el) return;
    // paused: the banner under the bar says so; a second "Paused" in the bar pushed its line onto two and cost the
    // 1080p standings their seventh row (trainer s7 finding 12)
    if (paused) { el.hidden = true; el.classList.remove("hurry"); return; }
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
    if (v.layout === "held") return;  // every game over, the results held until the facilitator ends the workshop
    if (v.layout === "joining") {
      text("team-count", v.teams);
      text("team-word", v.teams === 1 ? "team" : "teams");
      joining = {names: v.names, teams: v.teams};
      drawNames();
      return;
    }
    text("score-title", v.score_title);
    text("score-note", v.score_note);
    show("score-note", !!v.score_note && v.layout !== "reveal");
    text("per-turn-title", v.per_turn_title);
    byTurn = !!v.per_turn_title;
    show("per-turn-title", byTurn);
    rows = v.rows;
    hidden = {teams: v.hidden_teams, marks: v.hidden_marks || [], rows: v.hidden_rows};
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
  // Pages turn by themselves every PAGE_SECONDS; a presenter's remote (Right, Page Down, Space; Left, Page Up)
  // turns them at once, and the next turns by itself PAGE_SECONDS later.
  function turn(step) {
    if (!shownNow) return;
    if ($("hidden")) hiddenPage = (hiddenPage + step + hiddenPages) % hiddenPages;
    else if (step > 0) pageStart += shownNow;
    else pageStart = Math.max(0, pageStart - shownNow);
    draw();
  }
  var pager = setInterval(function () { turn(1); }, PAGE_SECONDS * 1000);
  document.addEventListener("keydown", function (ev) {
    var step = {ArrowRight: 1, PageDown: 1, " ": 1, ArrowLeft: -1, PageUp: -1}[ev.key];
    if (!step) return;
    ev.preventDefault();
    turn(step);
    clearInterval(pager);
    pager = setInterval(function () { turn(1); }, PAGE_SECONDS * 1000);
  });
  window.addEventListener("resize", function () { chosen = null; draw(); });
  // The rows a page are measured, so they are measured again whenever the space for them changes without a
  // resize of the window: a web font or a heavier weight that loads after the first draw, the foot's joining
  // line wrapping, the clock's "Paused" appearing in the bar. Measured once, a 1080p projector kept "Teams 1-5
  // of 6" with a sixth row's room empty below it (trainer s6 rehearsal 2, finding 12). Only after the first
  // update: until then the rows are the server's, and the script has none of its own to draw.
  function again() { if (updates) { chosen = null; draw(); } }
  var space = document.querySelector(".board");
  if (space && window.ResizeObserver) {
    var seen = null;
    new ResizeObserver(function () {
      var r = space.getBoundingClientRect(), size = r.width + "x" + r.height;
      if (size !== seen) { seen = size; again(); }
    }).observe(space);
  }
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(again);
})();
