// Find coverage: send one article to POST /coverage and list the stored articles most like it, with its story.
"use strict";

(function () {
  const S = window.samestory;
  const LABELS = { same_story: "same story", related: "related", different: "different" };
  const form = document.getElementById("coverage-form");
  const button = document.getElementById("coverage-button");
  const status = document.getElementById("status");
  const result = document.getElementById("coverage-result");

  S.loadFile(document.getElementById("c-file"), document.getElementById("c-text"), document.getElementById("c-title"));

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const article = S.articleFrom("c");
    if (!article.text && !article.title) return showError("The article is empty: paste its text or load a file.");
    button.disabled = true;
    status.className = "status busy";
    status.textContent = "Searching…";
    const response = await S.postJson("/coverage", { article: article, k: 30 });
    button.disabled = false;
    if (!response.ok) return showError(S.errorMessage(response));
    status.className = "status";
    status.textContent = "";
    draw(response.data);
  });

  function showError(message) {
    status.className = "status error";
    status.textContent = message;
  }

  function draw(data) {
    const heading = document.getElementById("coverage-story");
    S.clear(heading);
    const story = data.story;
    if (story) {
      heading.appendChild(document.createTextNode("Story: "));
      const link = S.el("a", "story-link", story.title || story.id);
      link.href = "/ui/stories/" + encodeURIComponent(story.id);
      heading.appendChild(link);
      const size = story.size || 0;
      heading.appendChild(S.el("span", "count", String(size) + (size === 1 ? " article" : " articles")));
    } else {
      heading.textContent = "No stored story tells this one; the nearest articles are below.";
    }
    const stored = document.getElementById("coverage-stored");
    stored.hidden = !data.stored_as;
    stored.textContent = data.stored_as
      ? "This article is already stored, as “" + data.stored_as + "”; the story is the one it was placed in, and it is left out of the list below."
      : "";
    const list = document.getElementById("coverage-articles");
    S.clear(list);
    const articles = data.articles || [];
    if (!articles.length) list.appendChild(S.el("li", "muted", "The store has no articles yet."));
    articles.forEach(function (article) {
      const item = S.el("li", "article");
      item.dataset.id = article.id;
      item.appendChild(S.el("span", "score", typeof article.score === "number" ? article.score.toFixed(2) : ""));
      if (article.label) {
        const label = S.el("span", "verdict-tag", LABELS[article.label] || String(article.label));
        label.dataset.label = article.label;
        item.appendChild(label);
      }
      const href = S.safeUrl(article.url);
      const name = article.title || article.id;
      const title = href ? S.el("a", null, name) : S.el("span", null, name);
      if (href) { title.href = href; title.rel = "noopener noreferrer nofollow"; title.target = "_blank"; }
      item.appendChild(title);
      const facts = [article.lang, article.outlet, article.published].filter(Boolean).join(" · ");
      item.appendChild(S.el("span", "muted", facts));
      list.appendChild(item);
    });
    result.hidden = false;
  }
})();
