/* newsclaims: hover cards for quotes, the event panel, cross-links. Progressive: pages work without it. */
(function () {
  "use strict";

  var text = document.getElementById("article-text");
  if (!text) return;

  var tip = document.createElement("div");
  tip.className = "tip";
  tip.id = "tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.appendChild(tip);

  function byData(name, id) {
    return document.querySelectorAll("[data-" + name + '="' + CSS.escape(id) + '"]');
  }
  function setActive(name, id, on) {
    byData(name, id).forEach(function (el) { el.classList.toggle("active", on); });
  }
  function templateContent(id) {
    var tpl = document.getElementById("tip-" + id);
    return tpl ? tpl.content.cloneNode(true) : null;
  }

  // The custom card replaces the browser's title tooltip on quotes.
  text.querySelectorAll(".hl.quote[title]").forEach(function (el) {
    el.dataset.title = el.getAttribute("title");
    el.removeAttribute("title");
  });

  var current = null;
  function showStatement(mark) {
    var id = mark.dataset.statement;
    if (current === id) return;
    hideStatement();
    var content = templateContent(id);
    if (!content) return;
    current = id;
    tip.replaceChildren(content);
    tip.hidden = false;
    var box = mark.getBoundingClientRect();
    var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(8, left) + "px";
    tip.style.top = (window.scrollY + box.bottom + 6) + "px";
    setActive("statement", id, true);
  }
  function hideStatement() {
    if (current === null) return;
    setActive("statement", current, false);
    current = null;
    tip.hidden = true;
  }

  text.addEventListener("mouseover", function (ev) {
    var mark = ev.target.closest(".hl.quote, .hl.source, .hl.cue");
    if (mark && mark.dataset.statement) showStatement(mark); else hideStatement();
  });
  text.addEventListener("mouseleave", hideStatement);

  var panel = document.getElementById("event-panel");
  var openEvent = null;
  function showEvent(id) {
    if (openEvent) setActive("event", openEvent, false);
    var content = templateContent(id);
    if (!content || !panel) return;
    openEvent = id;
    panel.replaceChildren(content);
    panel.hidden = false;
    setActive("event", id, true);
    panel.scrollIntoView({ block: "nearest" });
  }
  function focusStatement(id) {
    var marks = text.querySelectorAll('.hl.quote[data-statement="' + CSS.escape(id) + '"]');
    document.querySelectorAll(".hl.quote.active, li.statement.active").forEach(function (el) { el.classList.remove("active"); });
    marks.forEach(function (el) { el.classList.add("active"); });
    var entry = document.getElementById("st-" + id);
    if (entry) entry.classList.add("active");
    if (marks.length) marks[0].scrollIntoView({ block: "center" });
  }

  document.addEventListener("click", function (ev) {
    var trigger = ev.target.closest(".hl.event, button.event-open");
    if (trigger && trigger.dataset.event) { showEvent(trigger.dataset.event); return; }
    var link = ev.target.closest("[data-statement-link]");
    if (link) { ev.preventDefault(); focusStatement(link.dataset.statementLink); return; }
    var entry = ev.target.closest("li.statement");
    if (entry) focusStatement(entry.dataset.statement);
  });

  // Arriving from a claim or the map: #st-S1 shows the quote, #ev-V1 opens the event.
  var hash = decodeURIComponent(location.hash.slice(1));
  if (hash.indexOf("st-") === 0) focusStatement(hash.slice(3));
  else if (hash.indexOf("ev-") === 0) showEvent(hash.slice(3));
})();
