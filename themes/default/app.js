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

// Code blocks: a "Copy" button on each (also in the live preview). Console sessions copy only their
// commands, without prompts or output. navigator.clipboard needs a secure context; elsewhere the
// text is copied through a hidden textarea and document.execCommand("copy").
(function () {
  function commandsOf(text) {
    var lines = [], continued = false;
    text.split("\n").forEach(function (line) {
      var prompt = /^\s*[$#] /.exec(line);
      if (prompt || continued) {
        var command = prompt ? line.slice(prompt[0].length) : line;
        lines.push(command);
        continued = /\\$/.test(command);
      }
    });
    return lines.join("\n") + "\n";
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function addButton(pre) {
    if (pre.parentNode.classList.contains("code-block")) return;
    var code = pre.querySelector("code") || pre;
    var wrapper = document.createElement("div");
    wrapper.className = "code-block";
    pre.parentNode.insertBefore(wrapper, pre);
    wrapper.appendChild(pre);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-code";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy code to clipboard");
    var timer = null;
    button.addEventListener("click", function () {
      var text = code.classList.contains("language-console") ? commandsOf(code.textContent) : code.textContent;
      copy(text).then(function () {
        button.textContent = "Copied";
        button.classList.add("copied");
      }, function () {
        button.textContent = "Press Ctrl+C";
        var range = document.createRange();
        range.selectNodeContents(code);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }).then(function () {
        if (timer) clearTimeout(timer);
        timer = setTimeout(function () {
          button.textContent = "Copy";
          button.classList.remove("copied");
        }, 2000);
      });
    });
    wrapper.appendChild(button);
  }

  function enhance(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".markdown pre"), addButton);
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
    var preview = document.getElementById("preview");
    if (preview && window.MutationObserver) {
      new MutationObserver(function () { enhance(preview); }).observe(preview, { childList: true });
    }
  });
})();
