// The compare page: send both articles to POST /compare and draw the JSON it returns.
// Everything from the articles goes through textContent (see common.js).
"use strict";

(function () {
  const S = window.samestory;
  const DIMENSIONS = ["overall", "geography", "entities", "time", "narrative", "style", "tone"];
  const LABELS = { same_story: "Same story", related: "Related", different: "Different stories" };
  const KINDS = [
    ["entities", "entity", "People & organisations"],
    ["places", "place", "Places"],
    ["dates", "date", "Dates"],
    ["numbers", "number", "Numbers"],
  ];
  const UNSPACED = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]/;

  const form = document.getElementById("compare-form");
  const button = document.getElementById("compare-button");
  const status = document.getElementById("status");
  const result = document.getElementById("result");

  ["a", "b"].forEach(function (side) {
    S.loadFile(document.getElementById(side + "-file"), document.getElementById(side + "-text"),
               document.getElementById(side + "-title"));
  });

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const a = S.articleFrom("a");
    const b = S.articleFrom("b");
    if (!a.text && !a.title) return showError("Article A is empty: paste its text or load a file.");
    if (!b.text && !b.title) return showError("Article B is empty: paste its text or load a file.");
    button.disabled = true;
    status.className = "status busy";
    status.textContent = "Comparing…";
    const started = performance.now();
    const response = await S.postJson("/compare", { a: a, b: b });
    button.disabled = false;
    if (!response.ok) return showError(S.errorMessage(response));
    status.className = "status";
    status.textContent = "Compared in " + ((performance.now() - started) / 1000).toFixed(1) + " s.";
    draw(response.data);
  });

  function showError(message) {
    status.className = "status error";
    status.textContent = message;
  }

  function draw(data) {
    drawVerdict(data);
    drawScores(data.scores);
    drawShared(data.evidence);
    drawOneSided(data.evidence);
    drawWarnings(data.warnings || []);
    drawTexts(data);
    result.hidden = false;
    result.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  function drawVerdict(data) {
    const label = document.getElementById("label");
    label.textContent = LABELS[data.label] || String(data.label);
    label.className = "label label-" + String(data.label).replace(/[^a-z_]/g, "");
    label.dataset.label = data.label;
    const similarity = Math.max(0, Math.min(1, Number(data.similarity) || 0));
    document.getElementById("similarity").textContent = similarity.toFixed(2);
    document.getElementById("similarity-fill").style.width = (similarity * 100).toFixed(1) + "%";
  }

  // SemEval scores run from 1 (very similar) to 4 (very dissimilar): the bar shows similarity,
  // so a full bar is a 1.
  function drawScores(scores) {
    const box = document.getElementById("scores");
    S.clear(box);
    DIMENSIONS.forEach(function (name) {
      const value = Number(scores[name]);
      const row = S.el("div", "score-row");
      row.dataset.dimension = name;
      row.appendChild(S.el("span", "score-name", name));
      const track = S.el("div", "track");
      const fill = S.el("div", "fill " + (value <= 2 ? "close" : value <= 3 ? "mid" : "far"));
      fill.style.width = (Math.max(0, Math.min(1, (4 - value) / 3)) * 100).toFixed(1) + "%";
      track.appendChild(fill);
      row.appendChild(track);
      row.appendChild(S.el("span", "score-value", isFinite(value) ? value.toFixed(2) : "—"));
      box.appendChild(row);
    });
  }

  // What only one article names, kind by kind: the checks a journalist makes before trusting a verdict.
  function drawOneSided(evidence) {
    ["a", "b"].forEach(function (side) {
      const box = document.getElementById("only-" + side);
      S.clear(box);
      let any = false;
      KINDS.forEach(function (kind) {
        const items = (evidence[kind[0]] && evidence[kind[0]]["only_" + side]) || [];
        if (!items.length) return;
        any = true;
        box.appendChild(S.el("h3", null, kind[2]));
        const list = S.el("ul", "chips");
        items.forEach(function (item) {
          const shown = kind[1] === "number" && item.forms && item.forms.length ? item.forms[0] : item.name;
          const chip = S.el("li", "chip one-sided hl-" + kind[1], shown);
          chip.title = (item.forms || []).join(", ");
          list.appendChild(chip);
        });
        box.appendChild(list);
      });
      if (!any) box.appendChild(S.el("p", "muted", "Nothing that the other article does not name too."));
    });
  }

  function drawShared(evidence) {
    const box = document.getElementById("shared");
    S.clear(box);
    let any = false;
    KINDS.forEach(function (kind) {
      const items = (evidence[kind[0]] && evidence[kind[0]].shared) || [];
      if (!items.length) return;
      any = true;
      box.appendChild(S.el("h3", null, kind[2]));
      const list = S.el("ul", "chips");
      items.forEach(function (item) {
        // Numbers and dates are named by their normalised key ("50000000 EUR"); show how A wrote it.
        const shown = kind[1] === "number" && item.a_forms && item.a_forms.length ? item.a_forms[0] : item.name;
        const chip = S.el("li", "chip hl-" + kind[1], shown);
        chip.title = "A: " + (item.a_forms || []).join(", ") + "\nB: " + (item.b_forms || []).join(", ");
        list.appendChild(chip);
      });
      box.appendChild(list);
    });
    const times = evidence.agreeing_times || [];
    if (times.length) {
      any = true;
      // Undated articles: "from Monday" and "this week" can name the same days.
      box.appendChild(S.el("h3", null, "Same time, said differently"));
      const list = S.el("ul", "chips");
      times.forEach(function (t) {
        const chip = S.el("li", "chip hl-date", "A: " + t.text_a + " ~ B: " + t.text_b);
        chip.title = "A: " + t.sentence_a + "\nB: " + t.sentence_b;
        list.appendChild(chip);
      });
      box.appendChild(list);
    }
    if (!any) box.appendChild(S.el("p", "muted", "No shared people, places, dates or numbers."));
  }

  function drawWarnings(warnings) {
    const list = document.getElementById("warnings");
    S.clear(list);
    warnings.forEach(function (warning) { list.appendChild(S.el("li", null, warning)); });
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // All forms one side used for things both sides report, longest first, with their kind.
  function termsFor(evidence, side) {
    const kinds = new Map();
    KINDS.forEach(function (kind) {
      ((evidence[kind[0]] && evidence[kind[0]].shared) || []).forEach(function (item) {
        (item[side + "_forms"] || []).forEach(function (form) {
          const key = String(form).toLowerCase();
          if (key.trim().length > 1 && !kinds.has(key)) kinds.set(key, { kind: kind[1], name: item.name });
        });
      });
    });
    if (!kinds.size) return null;
    const forms = Array.from(kinds.keys()).sort(function (x, y) { return y.length - x.length; });
    const pattern = forms.map(function (form) {
      const body = escapeRegExp(form);
      return UNSPACED.test(form) ? body : "(?<![\\p{L}\\p{N}])" + body + "(?![\\p{L}\\p{N}])";
    }).join("|");
    return { kinds: kinds, regex: new RegExp(pattern, "giu") };
  }

  // Split a sentence into text nodes and <mark>s for the shared forms; never parses markup.
  function highlighted(sentence, terms) {
    const fragment = document.createDocumentFragment();
    if (!terms) {
      fragment.appendChild(document.createTextNode(sentence));
      return fragment;
    }
    let last = 0;
    terms.regex.lastIndex = 0;
    let match;
    while ((match = terms.regex.exec(sentence)) !== null) {
      if (match[0] === "") { terms.regex.lastIndex += 1; continue; }
      const info = terms.kinds.get(match[0].toLowerCase());
      fragment.appendChild(document.createTextNode(sentence.slice(last, match.index)));
      const mark = S.el("mark", "hl hl-" + (info ? info.kind : "entity"), match[0]);
      if (info) mark.title = info.name;
      fragment.appendChild(mark);
      last = match.index + match[0].length;
    }
    fragment.appendChild(document.createTextNode(sentence.slice(last)));
    return fragment;
  }

  function drawTexts(data) {
    // A claim links every sentence of A in it to every sentence of B in it (many-to-many).
    const claims = data.evidence.aligned_claims || [];
    const partners = { a: new Map(), b: new Map() };
    const numbers = { a: new Map(), b: new Map() };
    const anchors = { a: new Map(), b: new Map() };
    claims.forEach(function (claim, k) {
      claim.a_indices.forEach(function (i) {
        claim.b_indices.forEach(function (j) { push(partners.a, i, j); push(partners.b, j, i); });
        push(numbers.a, i, k + 1);
        push(anchors.a, i, (claim.anchors || []).join(", "));
      });
      claim.b_indices.forEach(function (j) {
        push(numbers.b, j, k + 1);
        push(anchors.b, j, (claim.anchors || []).join(", "));
      });
    });
    const lone = {
      a: new Set((data.evidence.only_a_sentences || []).map(function (s) { return s.index; })),
      b: new Set((data.evidence.only_b_sentences || []).map(function (s) { return s.index; })),
    };
    ["a", "b"].forEach(function (side) {
      const summary = data[side] || {};
      const heading = document.getElementById("title-" + side);
      heading.textContent = side.toUpperCase() + " · " + (summary.lang || "?") +
        (summary.published ? " · " + summary.published : "") + (summary.outlet ? " · " + summary.outlet : "");
      const box = document.getElementById("sentences-" + side);
      S.clear(box);
      const terms = termsFor(data.evidence, side);
      (data[side + "_sentences"] || []).forEach(function (sentence, index) {
        const node = S.el("span", "sentence");
        node.dataset.side = side;
        node.dataset.index = String(index);
        if (partners[side].has(index)) {
          node.classList.add("aligned");
          node.tabIndex = 0;
          const badge = S.el("sup", "pair", Array.from(new Set(numbers[side].get(index))).join(","));
          const shared = anchors[side].get(index).filter(Boolean).join("; ");
          badge.title = "Claim " + badge.textContent + (shared ? " · anchored by " + shared : "");
          node.appendChild(badge);
        } else if (lone[side].has(index)) {
          node.classList.add("lone");
          node.title = "Only " + side.toUpperCase() + " reports this: nothing in the other article says it.";
        }
        node.appendChild(highlighted(sentence, terms));
        box.appendChild(node);
        box.appendChild(document.createTextNode(" "));
      });
    });
    wireLinks(partners);
  }

  function push(map, key, value) {
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(value);
  }

  function counterparts(node, partners) {
    const side = node.dataset.side;
    const other = side === "a" ? "b" : "a";
    const indexes = partners[side].get(Number(node.dataset.index)) || [];
    return indexes.map(function (i) {
      return document.querySelector('#sentences-' + other + ' .sentence[data-index="' + i + '"]');
    }).filter(Boolean);
  }

  function wireLinks(partners) {
    document.querySelectorAll(".sentence.aligned").forEach(function (node) {
      const on = function () { setActive(node, counterparts(node, partners), "active", true); };
      const off = function () { setActive(node, counterparts(node, partners), "active", false); };
      node.addEventListener("mouseenter", on);
      node.addEventListener("mouseleave", off);
      node.addEventListener("focus", on);
      node.addEventListener("blur", off);
      node.addEventListener("click", function () {
        const pinned = !node.classList.contains("pinned");
        document.querySelectorAll(".sentence.pinned").forEach(function (n) { n.classList.remove("pinned"); });
        const others = counterparts(node, partners);
        setActive(node, others, "pinned", pinned);
        if (pinned && others.length) others[0].scrollIntoView({ behavior: "smooth", block: "nearest" });
      });
      node.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); node.click(); }
      });
    });
  }

  function setActive(node, others, className, value) {
    [node].concat(others).forEach(function (n) { n.classList.toggle(className, value); });
  }
})();
