// Shared helpers for the pages. Article text is only ever put into the page with textContent
// (never innerHTML), so markup inside an article stays text.
"use strict";

window.samestory = (function () {
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  // POST JSON and return {ok, status, data}; network failures become a readable message.
  async function postJson(url, body) {
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
    } catch (error) {
      return { ok: false, status: 0, data: { error: { code: "network", message: "the server cannot be reached" } } };
    }
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = { error: { code: "bad_response", message: "the server sent a response that is not JSON" } };
    }
    return { ok: response.ok, status: response.status, data: data };
  }

  function errorMessage(result) {
    const error = result.data && result.data.error;
    if (error && error.message) return error.message;
    return "request failed (HTTP " + result.status + ")";
  }

  // Read a chosen file into a text area. HTML files are parsed into an inert document
  // (DOMParser never runs scripts) and only their text is kept.
  function loadFile(input, textArea, titleInput) {
    input.addEventListener("change", function () {
      const file = input.files && input.files[0];
      if (!file) return;
      const reader = new FileReader();
      reader.onload = function () {
        let text = String(reader.result || "");
        let title = "";
        if (/\.html?$/i.test(file.name) || file.type === "text/html") {
          const doc = new DOMParser().parseFromString(text, "text/html");
          doc.querySelectorAll("script, style, noscript, template").forEach(function (n) { n.remove(); });
          title = doc.title || "";
          text = (doc.body ? doc.body.innerText || doc.body.textContent : "") || "";
        }
        textArea.value = text.trim();
        if (titleInput && title && !titleInput.value) titleInput.value = title.trim();
      };
      reader.readAsText(file);
    });
  }

  function articleFrom(prefix) {
    const value = function (name) {
      const node = document.getElementById(prefix + "-" + name);
      const text = node ? node.value.trim() : "";
      return text === "" ? null : text;
    };
    return { text: value("text"), title: value("title"), lang: value("lang"), date: value("date"), url: null };
  }

  // Only http(s) links: a stored "javascript:" URL must never become clickable.
  function safeUrl(url) {
    if (typeof url !== "string") return null;
    try {
      const parsed = new URL(url, window.location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (error) {
      return null;
    }
  }

  return { el: el, clear: clear, postJson: postJson, errorMessage: errorMessage, loadFile: loadFile,
           articleFrom: articleFrom, safeUrl: safeUrl };
})();
