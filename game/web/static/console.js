// The facilitator's console: the teams table and the room line follow the server's Server-Sent Events,
// the table sorts by any column (kept across updates), a click on a team opens its actions, the round clock
// counts down between updates. EventSource reconnects by itself after a restart of the server.
// Without this file the console still works: every control is a form, every team a link.
(function () {
  "use strict";
  var table = document.getElementById("teams");
  if (!table) return;
  var body = table.querySelector("tbody");
  var count = document.getElementById("team-count");
  var panel = document.getElementById("teampanel");
  // the order that brings trouble to the top: who needs the facilitator first
  var URGENCY = ["disconnected", "idle", "joined", "deciding", "waiting", "decided", "stopped", "finished"];
  var KEYS = ["place", "team", "status", "turn", "phase", "score", "per_turn", "timed_out", "bot_turns"];
  var FIRST_DOWN = ["turn", "score", "per_turn", "timed_out", "bot_turns"];  // numbers: the first click puts the largest on top
  // While the room plays, trouble first (status); once it has ended, the final standings (rank, the unranked last).
  var ended = !!(document.getElementById("roomline") || {dataset: {}}).dataset.ended;
  var SORT_STORE = ended ? "leadsim-console-sort-ended" : "leadsim-console-sort";
  var sortKey = ended ? "place" : "status", sortDir = 1, rows = [], chosen = panel && panel.dataset.team ? Number(panel.dataset.team) : 0;
  // the facilitator's sort outlives a reload (every control's form post reloads the page) and a restart
  try {
    var kept = JSON.parse(window.localStorage.getItem(SORT_STORE) || "null");
    if (kept && KEYS.indexOf(kept.key) >= 0 && (kept.dir === 1 || kept.dir === -1)) { sortKey = kept.key; sortDir = kept.dir; }
  } catch (e) { /* storage off: the default order */ }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);  // text only: a name is never markup
    if (cls) e.className = cls;
    return e;
  }

  function value(r, key) {
    if (key === "status") return URGENCY.indexOf(r.status) * 1e6 - (r.idle_seconds || 0);
    if (key === "team" || key === "phase") return String(r[key]).toLocaleLowerCase();
    if (key === "per_turn") return parseFloat(r[key]) || 0;  // '10.9 (÷ 12)': a game that ended early
    return Number(r[key]);
  }

  function sorted() {
    return rows.slice().sort(function (a, b) {
      var x = value(a, sortKey), y = value(b, sortKey);
      if (x < y) return -sortDir;
      if (x > y) return sortDir;
      return a.id - b.id;
    });
  }

  function row(r) {
    var tr = el("tr", null, "row-" + r.status + (r.id === chosen ? " chosen" : ""));
    tr.dataset.id = r.id;
    tr.dataset.place = r.place;
    tr.appendChild(el("td", r.rank, "num rank"));
    var th = el("th");
    th.scope = "row";
    var a = el("a", r.team);
    a.href = "/console?team=" + r.id;
    th.appendChild(a);
    if (r.mark) { th.appendChild(document.createTextNode(" ")); th.appendChild(el("span", r.mark, "bot")); }
    else if (r.stand_in) { th.appendChild(document.createTextNode(" ")); th.appendChild(el("span", "bot stands in", "tag")); }
    tr.appendChild(th);
    var td = el("td");
    td.appendChild(el("span", r.label, "st st-" + r.status));
    if (r.ending_line) { td.appendChild(document.createTextNode(" ")); td.appendChild(el("span", r.ending_line, "ending outcome-" + r.outcome)); }
    tr.appendChild(td);
    tr.appendChild(el("td", r.turn + " of " + r.turns, "num"));
    tr.appendChild(el("td", r.phase));
    tr.appendChild(el("td", Number(r.score).toFixed(1), "num"));  // as the server writes it: 551.0, not 551
    tr.appendChild(el("td", r.per_turn || "", "num"));  // the figure the rank compares, when it ranks per turn
    tr.appendChild(el("td", r.timed_out, "num"));
    tr.appendChild(el("td", r.bot_turns, "num"));
    return tr;
  }

  function draw() {
    var fresh = document.createDocumentFragment();
    sorted().forEach(function (r) { fresh.appendChild(row(r)); });
    body.replaceChildren(fresh);
    if (count) count.textContent = String(rows.length);
    var none = document.getElementById("no-teams");
    if (none) none.hidden = rows.length > 0;
    table.querySelectorAll("thead th").forEach(function (th) {
      th.setAttribute("aria-sort", th.dataset.key === sortKey ? (sortDir > 0 ? "ascending" : "descending") : "none");
    });
    showPanel();
  }

  function showPanel() {
    if (!panel) return;
    var r = rows.filter(function (x) { return x.id === chosen; })[0];
    panel.hidden = !r;
    if (!r) return;
    panel.dataset.team = r.id;
    document.getElementById("tp-name").textContent = r.team;
    document.getElementById("tp-line").textContent = r.label + (r.ending_line ? " · " + r.ending_line : "") +
      " · turn " + r.turn + " of " + r.turns;
    panel.querySelectorAll("form.tp-form").forEach(function (f) { f.action = "/console/team/" + r.id; });
    var ask = panel.querySelector("form.tp-ask input[name=team]");
    if (ask) ask.value = r.id;
    var box = document.getElementById("tp-confirm-box"), open = box && box.querySelector(".confirm");
    if (open && open.dataset.team !== String(r.id)) box.replaceChildren();  // it asked about another team
    var input = document.getElementById("tp-rename");
    if (document.activeElement !== input && input.dataset.team !== String(r.id)) { input.value = r.team; input.dataset.team = r.id; }
    var on = document.getElementById("tp-standin"), off = document.getElementById("tp-standin-off");
    if (on) on.hidden = !!(r.stand_in || r.bot);  // (no bot buttons once the workshop has ended)
    if (off) off.hidden = !r.stand_in;
  }

  function readTable() {  // the rows as the server rendered them, until the first update arrives
    rows = [];
    body.querySelectorAll("tr").forEach(function (tr) {
      var c = [].slice.call(tr.children, 1), rank = tr.children[0].textContent;
      var turns = c[2].textContent.split(" of ");
      rows.push({ id: Number(tr.dataset.id), place: Number(tr.dataset.place), rank: rank, team: c[0].querySelector("a").textContent,
        mark: (c[0].querySelector(".bot") || {}).textContent || "", bot: c[0].querySelector(".bot") ? "bot" : null,
        stand_in: c[0].textContent.indexOf("stands in") >= 0 ? "bot" : null,
        status: (tr.className.match(/row-(\w+)/) || [])[1], label: c[1].querySelector(".st").textContent,
        ending_line: (c[1].querySelector(".ending") || {}).textContent || "",
        outcome: ((c[1].querySelector(".ending") || {className: ""}).className.match(/outcome-(\w+)/) || [])[1] || "",
        turn: Number(turns[0]), turns: Number(turns[1]), phase: c[3].textContent, score: Number(c[4].textContent),
        per_turn: c[5].textContent, timed_out: Number(c[6].textContent), bot_turns: Number(c[7].textContent), idle_seconds: 0 });
    });
  }

  table.querySelector("thead").addEventListener("click", function (ev) {
    var th = ev.target.closest("th");
    if (!th || !th.dataset.key) return;
    if (sortKey === th.dataset.key) sortDir = -sortDir;
    else { sortKey = th.dataset.key; sortDir = FIRST_DOWN.indexOf(sortKey) >= 0 ? -1 : 1; }
    try { window.localStorage.setItem(SORT_STORE, JSON.stringify({ key: sortKey, dir: sortDir })); } catch (e) {}
    draw();
  });

  body.addEventListener("click", function (ev) {
    var a = ev.target.closest("a");
    if (!a || !panel) return;
    ev.preventDefault();
    chosen = Number(a.closest("tr").dataset.id);
    draw();
    history.replaceState(null, "", "/console?team=" + chosen);
    document.getElementById("tp-rename").focus();
  });

  // --- the room line ----------------------------------------------------------------------------------
  var clockEl = document.getElementById("room-clock"), clockEnd = null, clockLeft = null;
  function clockText(s) {
    s = Math.max(0, Math.round(s));
    return "Clock " + Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }
  function setClock(left, paused) {  // a paused clock stands still at `left`; a running one counts down to zero
    var none = left === null || left === undefined || left === "";
    clockLeft = !none && paused ? Number(left) : null;
    clockEnd = !none && !paused ? Date.now() + 1000 * Number(left) : null;
    tick();
  }
  function tick() {
    if (clockLeft !== null) { clockEl.textContent = clockText(clockLeft) + " (stopped)"; return; }
    if (clockEnd === null) { clockEl.textContent = ""; return; }
    var s = (clockEnd - Date.now()) / 1000;
    clockEl.textContent = clockText(s);
    clockEl.classList.toggle("hurry", s <= 10);
  }
  setClock(clockEl.dataset.left, !!clockEl.dataset.paused);
  setInterval(tick, 500);

  // --- the controls follow the room, and never take what the facilitator is typing ----------------------
  // The controls change shape with the room (rounds, the clock, a pause, the end's question), so a room update
  // swaps in the server's fresh ones. What the facilitator has typed or chosen and not sent yet (the message,
  // the clock's seconds, a pace not applied, a ticked box) goes into the fresh controls, with the focus and the
  // cursor; and fresh controls wait while a button is being pressed or a list is open, however late the
  // server's answer comes. (The check used to be made when the update arrived, not when its HTML did: text
  // typed in between was wiped, and an update that came while the facilitator typed was dropped for good.)
  function edited(f) {
    if (f.tagName === "BUTTON" || f.type === "hidden" || f.type === "submit" || f.type === "button") return false;
    if (f.type === "checkbox" || f.type === "radio") return f.checked !== f.defaultChecked;
    if (f.tagName === "SELECT") return [].some.call(f.options, function (o) { return o.selected !== o.defaultSelected; });
    return f.value !== f.defaultValue;
  }
  function fieldKey(f) {  // the same field in the fresh controls: its form, its id or name (and value, for a box)
    var form = f.form ? (f.form.id || f.form.getAttribute("action") || "") : "";
    var key = form + "|" + (f.id || f.name);
    if (f.tagName === "BUTTON" || f.type === "checkbox" || f.type === "radio") key += "=" + f.value;
    if (f.dataset.told) key += "@" + f.dataset.told;  // a tick given to a question that now names more teams goes
    return key;
  }
  function collect(root) {  // what the facilitator has put in the fields under root, and where the focus is
    var out = { fields: {}, focus: null, sel: null }, active = document.activeElement;
    root.querySelectorAll("input, textarea, select, button").forEach(function (f) {
      var k = fieldKey(f);
      if (edited(f)) out.fields[k] = { value: f.value, checked: f.checked };
      if (f === active) {
        out.focus = k;
        try { out.sel = f.selectionStart === null ? null : [f.selectionStart, f.selectionEnd, f.selectionDirection]; }
        catch (e) { out.sel = null; }  // (a number field has no cursor to keep)
      }
    });
    return out;
  }
  function restore(root, kept) {
    var focusOn = null;
    root.querySelectorAll("input, textarea, select, button").forEach(function (f) {
      var k = fieldKey(f), v = kept.fields[k];
      if (v) { if (f.type === "checkbox" || f.type === "radio") f.checked = v.checked; else f.value = v.value; }
      if (k === kept.focus) focusOn = f;
    });
    if (!focusOn) return;
    focusOn.focus({ preventScroll: true });
    if (kept.sel) { try { focusOn.setSelectionRange(kept.sel[0], kept.sel[1], kept.sel[2]); } catch (e) {} }
  }

  var pressedAt = 0, waiting = null, asking = false, again = false;
  document.addEventListener("pointerdown", function () { pressedAt = Date.now(); }, true);
  function released() { pressedAt = 0; setTimeout(apply, 300); }  // (after the click it may have been)
  document.addEventListener("pointerup", released, true);
  document.addEventListener("pointercancel", released, true);
  document.addEventListener("focusout", function (ev) { if (ev.target.tagName === "SELECT") setTimeout(apply, 0); }, true);
  function busy() {  // swapping now would lose a click in progress, or close an open list
    var a = document.activeElement;
    return (pressedAt && Date.now() - pressedAt < 5000) || (a && a.tagName === "SELECT");
  }
  function view() {  // the console as this page shows it: the chosen team, the end's question if it is open
    var q = [];
    if (chosen) q.push("team=" + chosen);
    if (document.getElementById("end-confirm")) q.push("confirm=end");
    return "/console" + (q.length ? "?" + q.join("&") : "");
  }
  function refresh() {
    if (asking) { again = true; return; }  // one request at a time; the last change is asked for again after it
    asking = true;
    var url = view();
    fetch(url, { credentials: "same-origin" })
      .then(function (x) { return x.ok ? x.text() : null; })
      .then(function (html) { if (html) { waiting = { html: html, url: url }; apply(); } })
      .catch(function () {})
      .then(function () { asking = false; if (again) { again = false; refresh(); } });
  }
  function apply() {
    if (waiting === null || busy()) return;
    var got = waiting;
    waiting = null;
    if (got.url !== view()) { refresh(); return; }  // the question was opened or closed meanwhile
    var fresh = new DOMParser().parseFromString(got.html, "text/html").querySelector(".controls");
    var old = document.querySelector(".controls");
    if (!fresh || !old) return;
    var kept = collect(old);
    old.replaceWith(fresh);
    restore(fresh, kept);
    if (latest) showControls(latest);  // the newest snapshot's lines, into the controls just swapped in
  }

  // A question (end the workshop, remove a team) and its "Keep ..." come from the server, as without this file;
  // here they are fetched and swapped in without a reload.
  function swapIn(id, url) {
    fetch(url, { credentials: "same-origin" })
      .then(function (x) { return x.ok ? x.text() : null; })
      .then(function (html) {
        var fresh = html && new DOMParser().parseFromString(html, "text/html").getElementById(id);
        var old = document.getElementById(id);
        if (!fresh || !old) { window.location.href = url; return; }
        old.replaceWith(fresh);
        var first = fresh.querySelector("[data-focus]");
        if (first) first.focus();
      })
      .catch(function () { window.location.href = url; });
  }
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.dataset.swap || form.method.toLowerCase() !== "get") return;
    ev.preventDefault();
    var q = new URLSearchParams(new FormData(form));
    if (chosen) q.set("team", String(chosen));
    swapIn(form.dataset.swap, form.getAttribute("action").split("#")[0] + "?" + q.toString());
  });
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[data-swap]");
    if (!a || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    swapIn(a.dataset.swap, a.getAttribute("href"));
  });

  var KEPT_STORE = "leadsim-console-kept";  // the fields, across the reload at the end
  try {
    var carried = JSON.parse(window.sessionStorage.getItem(KEPT_STORE) || "null");
    window.sessionStorage.removeItem(KEPT_STORE);
    if (carried) restore(document, carried);
  } catch (e) { /* storage off */ }


  // Everything the console writes of the room comes from the server's snapshot (console.snapshot), which the
  // page was drawn from too: the room line, the counts, the next-round button and who it leaves behind. Each
  // update writes all of them, into the controls as they are now (also fresh ones swapped in), and fresh controls
  // come when the room changes or a game ends (the end's question names the unfinished teams), so the live
  // console never says what a reload would not.
  var roomline = document.getElementById("roomline");
  var latest = null, endedShown = !!roomline.dataset.ended;
  var drawnAt = roomline.dataset.version + "|" + roomline.dataset.unfinished;  // what the controls were drawn for
  function text(id, line, hide) {  // a line of the snapshot into its element (hidden when it has none, if `hide`)
    var e = document.getElementById(id);
    if (!e) return;
    e.textContent = line || "";
    if (hide) e.hidden = !line;
  }
  function showControls(r) {
    var next = document.getElementById("next-round"), form = document.getElementById("next-round-form");
    if (next) next.textContent = r.next_round || "";
    if (form) form.hidden = !r.next_round;
    var early = document.getElementById("early");
    if (early) early.hidden = !r.next_round;
    text("auto-line", r.auto_line, true);
    text("behind", r.behind_line, true);
    text("all-open", r.all_open_line, true);
    text("start-line", r.start_line, true);
    text("pace-hint", r.pace_hint, true);
    text("msg-age", r.message_age);  // how long the message has been up (the stream sends it again every 5 s)
  }
  function room(r) {
    if (r.ended && !endedShown) {  // the page changes shape at the end (what is next, no play controls): load it anew
      endedShown = true;
      try { window.sessionStorage.setItem(KEPT_STORE, JSON.stringify(collect(document))); } catch (e) {}
      window.location.replace("/console" + (chosen ? "?team=" + chosen : ""));
      return;
    }
    latest = r;
    text("room-pace", r.pace_line);
    setClock(r.clock_left, r.paused);
    document.getElementById("room-paused").hidden = !r.paused;
    text("room-waiting", r.waiting_line);
    text("room-joining", r.joining_line);
    var counts = document.getElementById("room-counts");
    var frag = document.createDocumentFragment();
    Object.keys(r.counts).forEach(function (k) {
      if (r.counts[k]) { frag.appendChild(el("span", r.counts[k] + " " + k, "st st-" + k)); frag.appendChild(document.createTextNode(" ")); }
    });
    counts.replaceChildren(frag);
    showControls(r);
    // the controls change shape with the room (rounds, pause, end) and the end's question with the games still
    // playing: fresh ones from the server (refresh), compared with what the page was drawn for (a round that
    // opened by itself before this page's stream began redraws them)
    var now = r.version + "|" + r.unfinished;
    if (now !== drawnAt) refresh();
    drawnAt = now;
  }

  readTable();
  draw();
  if (!window.EventSource) return;
  var source = new EventSource("/console/events");
  source.addEventListener("teams", function (ev) { rows = JSON.parse(ev.data); draw(); });
  source.addEventListener("room", function (ev) { room(JSON.parse(ev.data)); });
})();
