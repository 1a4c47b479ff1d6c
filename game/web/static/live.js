// Leadsim participant pages, live: the facilitator's message appears at once, the turn clock counts down and
// follows the facilitator (started, extended, stopped, paused) the moment the stream says so, and the page reloads
// when what it should show changes (a pause, a round opening, the end). The stream carries only the room's public
// state and this team's own turn. Without this file the pages still work; they are only not live.
(function () {
  "use strict";
  var page = document.body.dataset.page;
  if (["briefing", "dashboard", "report", "held", "end", "help"].indexOf(page) < 0) return;

  // The turn clock: every copy on the page (the top of the page, the dashboard's sticky bar) shows the same
  // seconds. The server sends the seconds left; the page counts down from the moment it heard them, and a
  // stream message starting, extending or stopping the clock resets it (a trainer's room lost a turn to a
  // clock that pages open before it started never showed).
  var clocks = Array.prototype.slice.call(document.querySelectorAll("[data-clock]"));
  var clockEnd = null, clockFrozen = null, clockTimer = null, leaving = false;
  function drawClock() {
    var s = clockFrozen !== null ? clockFrozen : clockEnd === null ? null
      : Math.max(0, Math.ceil((clockEnd - Date.now()) / 1000));
    clocks.forEach(function (el) {
      el.hidden = s === null;
      if (s === null) return;
      el.querySelector(".clock-left").textContent = String(s);
      el.classList.toggle("hurry", clockFrozen === null && s <= Number(el.dataset.hurry));
      el.querySelector(".clock-paused").hidden = clockFrozen === null;
    });
    if (s === 0 && clockFrozen === null && page === "dashboard" && !leaving) {
      leaving = true;  // time is up: the server decides the turn as timed out; show its report
      setTimeout(function () { window.location.assign("/play"); }, 2600);
    }
  }
  function setClock(seconds, paused) {
    var known = seconds !== null && seconds !== undefined && seconds !== "";
    clockEnd = known && !paused ? Date.now() + 1000 * Number(seconds) : null;
    clockFrozen = known && paused ? Math.ceil(Number(seconds)) : null;
    drawClock();
    if (clockEnd !== null && clockTimer === null) clockTimer = setInterval(drawClock, 250);
    if (clockEnd === null && clockTimer !== null) { clearInterval(clockTimer); clockTimer = null; }
  }
  if (clocks.length) setClock(clocks[0].dataset.seconds, clocks[0].dataset.paused === "1");
  if (!window.EventSource) return;
  var held = document.getElementById("held");
  var shownHeld = held ? held.dataset.held : null;
  var shownLobby = null;  // the waiting page's list of who is in, as drawn (a new team reloads it)
  try { shownLobby = held && held.dataset.lobby ? JSON.stringify(JSON.parse(held.dataset.lobby)) : null; } catch (e) {}
  var banner = document.getElementById("room-message");
  var dismissed = Number(sessionStorage.getItem("leadsim-message") || 0);
  var first = null;

  function message(m) {
    if (!banner) return;
    if (!m || m.id <= dismissed) { banner.hidden = true; return; }
    banner.querySelector(".text").textContent = m.text;  // text only: never markup
    banner.dataset.id = m.id;
    banner.hidden = false;
  }
  if (banner) {
    banner.querySelector("button").addEventListener("click", function () {
      dismissed = Number(banner.dataset.id);
      sessionStorage.setItem("leadsim-message", String(dismissed));
      banner.hidden = true;
    });
    message(banner.dataset.id ? { id: Number(banner.dataset.id), text: banner.querySelector(".text").textContent } : null);
  }

  // The open page says it is still here (the server tells how often): a laptop that leaves the network with
  // this page open stops pinging, and the console calls it disconnected although its stream never closed.
  var pinging = null;
  function ping() {
    fetch("/live/ping", { method: "POST", credentials: "same-origin", cache: "no-store" }).catch(function () {});
  }
  window.addEventListener("online", ping);  // back on the network: say so at once, not at the next tick

  var source = new EventSource("/live");
  source.addEventListener("room", function (ev) {
    var s = JSON.parse(ev.data);
    if (pinging === null && s.ping_seconds > 0) { ping(); pinging = setInterval(ping, s.ping_seconds * 1000); }
    message(s.room.message);
    if (clocks.length) setClock(s.seconds_left, s.room.paused);
    if (first === null) first = s;
    var goPlay = page === "held" && s.held !== shownHeld;  // paused -> resumed, waiting -> the round opened
    if (shownLobby !== null && s.lobby && JSON.stringify(s.lobby) !== shownLobby) goPlay = true;  // a team came or went
    var goHold = (page === "dashboard" && s.held) || ((page === "briefing" || page === "report") && s.held === "paused");
    var ended = s.held === "ended" && page !== "end" && page !== "held";
    var moved = page === "dashboard" && s.turn !== first.turn;  // decided elsewhere (a bot, the clock, another device)
    if (document.body.dataset.sending) return;  // our own decision is on its way: play.js moves on (it follows the answer)
    if (goPlay || goHold || ended || moved) {
      source.close();
      clearInterval(pinging);
      window.location.assign(moved && !s.held ? "/report/" + s.turn : "/play");
    }
  });
  source.addEventListener("gone", function () { source.close(); window.location.assign("/"); });
})();
