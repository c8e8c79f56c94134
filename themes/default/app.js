// opswiki progressive enhancement: every form works without this file (the CSP forbids inline script).
// Editor: live preview through POST /preview, Ctrl/Cmd+S saves, a warning before leaving unsaved text.
"use strict";
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("edit-form");
  if (form) enhanceEditor(form);
});

function enhanceEditor(form) {
  var text = form.querySelector("textarea[name=content]");
  var csrf = form.querySelector("input[name=csrf]");
  var preview = document.getElementById("preview");
  var editor = form.querySelector(".editor");
  var saved = text.value;
  var submitting = false;
  var timer = null;
  var inFlight = null;
  var shown = null;

  form.classList.add("enhanced");
  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (event) {
    if (submitting || text.value === saved) return;
    event.preventDefault();
    event.returnValue = "";
  });

  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      if (typeof form.requestSubmit === "function") form.requestSubmit(); else form.submit();
    }
  });

  if (!preview) return;

  function render() {
    timer = null;
    if (text.value === shown) return;
    var body = new URLSearchParams();
    body.set("content", text.value);
    if (csrf) body.set("csrf", csrf.value);
    var sent = text.value;
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    preview.setAttribute("aria-busy", "true");
    fetch(form.getAttribute("data-preview") || "/preview", {
      method: "POST", body: body, credentials: "same-origin", signal: inFlight.signal,
      headers: { "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (response) {
      if (!response.ok) throw new Error("preview failed: " + response.status);
      return response.text();
    }).then(function (html) {
      // The fragment is rendered and sanitised by the server, exactly as the saved page will be.
      preview.innerHTML = html;
      shown = sent;
      preview.removeAttribute("aria-busy");
    }).catch(function (error) {
      if (error.name === "AbortError") return;
      preview.removeAttribute("aria-busy");
      preview.innerHTML = "";
      var note = document.createElement("p");
      note.className = "empty";
      note.textContent = "The preview is not available right now; saving still works.";
      preview.appendChild(note);
    });
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(render, 350);
  }

  text.addEventListener("input", schedule);
  render();

  var tabs = form.querySelectorAll("[role=tab]");
  Array.prototype.forEach.call(tabs, function (tab) {
    tab.addEventListener("click", function () {
      var showPreview = tab.id === "tab-preview";
      Array.prototype.forEach.call(tabs, function (other) {
        other.setAttribute("aria-selected", other === tab ? "true" : "false");
      });
      if (editor) editor.setAttribute("data-view", showPreview ? "preview" : "write");
      if (showPreview) render(); else text.focus();
    });
  });
}
