// Corrections on the story page: merge another story into this one, or split the selected articles off.
"use strict";

(function () {
  const S = window.samestory;
  const section = document.getElementById("corrections");
  if (!section) return;
  const story = section.dataset.story;
  const status = document.getElementById("correction-status");

  function show(message, isError) {
    status.className = isError ? "status error" : "status";
    status.textContent = message;
  }

  async function correct(action, body) {
    const by = document.getElementById("by").value.trim();
    if (by) body.by = by;
    show("Saving…", false);
    const response = await S.postJson("/stories/" + encodeURIComponent(story) + "/" + action, body);
    if (!response.ok) return show(S.errorMessage(response), true);
    const target = action === "merge" ? response.data.story.id : response.data.correction.other;
    window.location.assign("/ui/stories/" + encodeURIComponent(target));
  }

  document.getElementById("merge-button").addEventListener("click", function () {
    const other = parseInt(document.getElementById("merge-other").value, 10);
    if (!other) return show("Give the id of the story to merge into this one.", true);
    correct("merge", { other: other });
  });

  document.getElementById("split-button").addEventListener("click", function () {
    const picked = Array.from(document.querySelectorAll("input.pick:checked")).map(function (box) { return box.value; });
    if (!picked.length) return show("Select the articles that report another happening.", true);
    correct("split", { articles: picked });
  });
})();
