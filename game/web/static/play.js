// Leadsim participant pages: the window's keys, the live points-left line and retries when the connection drops
// (the turn clock's countdown is live.js's, which hears when it starts). The server decides everything; without
// this file every page still works.
(function () {
  "use strict";
  var form = document.getElementById("decide");
  var status = document.getElementById("connection");  // its data-lost and data-again: the views' words

  function say(text) {
    if (!status) return;
    status.hidden = !text;
    status.textContent = text || "";
  }

  function typing(el) {
    return el && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" &&
      ["text", "search", "password", ""].indexOf(el.type) >= 0) || el.isContentEditable);
  }

  function unansweredEvent() {
    var answers = form ? document.querySelectorAll("input[data-answer]") : [];  // outside the form (form=)
    if (!answers.length) return null;
    for (var i = 0; i < answers.length; i++) if (answers[i].checked) return null;
    return answers;
  }

  function refreshSummary() {
    if (!form) return;
    fetch("/play/check", { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) document.getElementById("summary").innerHTML = html; say(""); })
      .catch(function () { say(status && status.dataset.lost); });
  }

  function submitWithRetry(ev) {
    ev.preventDefault();
    var button = document.getElementById("end-turn");
    if (button.disabled) return;  // a double click sends nothing twice (and the server would apply it once)
    button.disabled = true;
    document.body.dataset.sending = "1";  // live.js: this page moves on by itself
    var body = new FormData(form);
    var attempt = 0;
    (function send() {
      fetch(form.getAttribute("action"), { method: "POST", body: body, credentials: "same-origin" })
        .then(function (r) {
          if (r.redirected || r.status === 200) { window.location.assign(r.url); return; }
          return r.text().then(function (html) { document.open(); document.write(html); document.close(); });
        })
        .catch(function () {
          attempt += 1;
          say(status && status.dataset.again.replace("{}", String(attempt)));
          setTimeout(send, Math.min(5000, 1000 * attempt));
        });
    })();
  }

  function key(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(document.activeElement)) return;
    var k = ev.key.length === 1 ? ev.key.toUpperCase() : ev.key;
    if (form) {
      var answers = unansweredEvent();
      if (answers && /^[1-9]$/.test(k)) {
        var pick = document.querySelector('input[data-answer="' + k + '"]');
        if (pick) { pick.checked = true; pick.focus(); refreshSummary(); ev.preventDefault(); }
        return;
      }
      var card = form.querySelector('input[data-key="' + k + '"]');
      if (card) {
        ev.preventDefault();
        card.focus();
        if (!card.disabled) { card.checked = !card.checked; refreshSummary(); }
        return;
      }
      if (k === "E") { ev.preventDefault(); form.requestSubmit(); return; }
      if (k === "Escape") { window.location.assign("/help"); return; }
      return;
    }
    var link = document.querySelector('a[data-key="' + k + '"]');
    var focused = document.activeElement;
    var onControl = focused && /^(A|BUTTON|INPUT|SELECT|TEXTAREA|SUMMARY)$/.test(focused.tagName);
    if (link && (k !== "Enter" || !onControl)) {  // Enter on a focused control keeps its own meaning
      ev.preventDefault();
      window.location.assign(link.href);
    }
  }

  if (form) {
    document.addEventListener("change", function (ev) { if (ev.target.form === form) refreshSummary(); });
    form.addEventListener("submit", submitWithRetry);
  }
  document.addEventListener("keydown", key);
})();
