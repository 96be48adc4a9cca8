// unboil report: renders the run's data embedded in this page. No network,
// no libraries. State lives in the URL hash (#doc=3&category=navigation&q=..)
// so a view can be linked to and reloaded.
(function () {
  "use strict";
  var t0 = performance.now();
  var RUN = JSON.parse(document.getElementById("run").textContent);
  var INDEX = JSON.parse(document.getElementById("index").textContent);
  var CATS = RUN.categories;
  var RULES = RUN.rules;
  var S = RUN.summary;
  var PAGE_SIZE = 50;
  var BLOCK_CHUNK = 400;
  var COLORS = {
    social_cta: "#e8590c", author_bio: "#ae3ec9", related_list: "#1c7ed6",
    newsletter: "#0c8599", navigation: "#6741d9", cookie_notice: "#e67700",
    share_buttons: "#d6336c", comments: "#2b8a3e", advertising: "#c92a2a",
    legal: "#5c677d", spam: "#74b816", low_content: "#868e96"
  };
  var KEPT_COLOR = "#c9d3df";
  var LABELS = {
    social_cta: "social call to action", author_bio: "author bio",
    related_list: "related list", newsletter: "newsletter",
    navigation: "navigation", cookie_notice: "cookie notice",
    share_buttons: "share buttons", comments: "comments",
    advertising: "advertising", legal: "legal", spam: "spam",
    low_content: "low content"
  };
  // Index entry fields.
  var ID = 0, URL_ = 1, TITLE = 2, BLOCKS = 3, KEPT = 4, REMOVED = 5,
    BYCAT = 6, ERROR = 7, DETAIL = 8;

  var fmt = function (n) { return Number(n).toLocaleString("en-US"); };
  var pct = function (a, b) {
    if (!b) return "0%";
    var p = 100 * a / b;
    return (p > 0 && p < 1 ? "<1" : p > 99 && p < 100 ? ">99" : Math.round(p)) + "%";
  };
  var color = function (c) { return COLORS[c] || "#868e96"; };
  var label = function (c) { return LABELS[c] || c; };

  // Element builder: h("div", {class: "x"}, child, "text", ...).
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        var v = attrs[k];
        if (v == null || v === false) continue;
        if (k === "style") el.style.cssText = v;
        else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v);
      }
    }
    for (var i = 2; i < arguments.length; i++) add(el, arguments[i]);
    return el;
  }
  function add(el, c) {
    if (c == null || c === false) return;
    if (Array.isArray(c)) { c.forEach(function (x) { add(el, x); }); return; }
    el.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  // Ids of files share their folder: show them without it.
  var prefix = (function () {
    var ids = INDEX.map(function (d) { return String(d[ID]); });
    if (ids.length < 2) {
      var one = ids[0] || "";
      return one.slice(0, one.lastIndexOf("/") + 1);
    }
    var p = ids[0];
    for (var i = 1; i < ids.length && p; i++) {
      while (ids[i].indexOf(p) !== 0) p = p.slice(0, -1);
    }
    return p.slice(0, p.lastIndexOf("/") + 1);
  })();
  // Long ids keep their end, where file names and URL paths differ.
  var shortId = function (d) {
    var s = String(d[ID]).slice(prefix.length) || String(d[ID]);
    return s.length > 48 ? "…" + s.slice(-47) : s;
  };
  var catsOf = function (d) { return d[BYCAT]; };
  var catChars = function (d, ci) {
    var cs = d[BYCAT];
    for (var i = 0; i < cs.length; i++) if (cs[i][0] === ci) return cs[i][1];
    return 0;
  };

  // ---- state, kept in the hash --------------------------------------------
  var state = { q: "", sort: "removed", asc: false, category: "", only: "", doc: -1, page: 0 };
  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    state.q = p.get("q") || "";
    state.sort = p.get("sort") || "removed";
    state.asc = p.get("asc") === "1";
    state.category = CATS.indexOf(p.get("category")) >= 0 ? p.get("category") : "";
    state.only = /^(removed|kept)$/.test(p.get("only") || "") ? p.get("only") : "";
    var d = parseInt(p.get("doc"), 10);
    state.doc = d >= 0 && d < INDEX.length ? d : -1;
    state.page = Math.max(0, parseInt(p.get("page"), 10) || 0);
  }
  function writeHash(push) {
    var p = new URLSearchParams();
    if (state.doc >= 0) p.set("doc", state.doc);
    if (state.category) p.set("category", state.category);
    if (state.only) p.set("only", state.only);
    if (state.q) p.set("q", state.q);
    if (state.sort !== "removed") p.set("sort", state.sort);
    if (state.asc) p.set("asc", "1");
    if (state.page) p.set("page", state.page);
    var s = p.toString();
    var url = location.pathname + location.search + (s ? "#" + s : "");
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  }
  function set(changes, push) {
    for (var k in changes) state[k] = changes[k];
    writeHash(push);
    render();
  }

  // ---- layout ---------------------------------------------------------------
  var app = document.getElementById("app");
  clear(app);
  var totalChars = S.kept_chars + Object.keys(S.removed).reduce(function (a, c) {
    return a + S.removed[c].chars;
  }, 0);
  var removedChars = totalChars - S.kept_chars;
  var removedBlocks = Object.keys(S.removed).reduce(function (a, c) { return a + S.removed[c].blocks; }, 0);
  var docsPerCat = CATS.map(function () { return 0; });
  INDEX.forEach(function (d) { d[BYCAT].forEach(function (c) { docsPerCat[c[0]]++; }); });

  function stacked(kept, parts, cls) {
    var total = kept + parts.reduce(function (a, p) { return a + p[1]; }, 0);
    var bar = h("div", { class: "stack " + (cls || ""), role: "img",
      "aria-label": pct(total - kept, total) + " removed" });
    if (!total) return bar;
    if (kept) bar.appendChild(h("span", { style: "width:" + (100 * kept / total) + "%;background:" + KEPT_COLOR, title: "kept: " + fmt(kept) + " chars" }));
    parts.forEach(function (p) {
      var c = CATS[p[0]];
      bar.appendChild(h("span", { style: "width:" + (100 * p[1] / total) + "%;background:" + color(c),
        title: label(c) + ": " + fmt(p[1]) + " chars" }));
    });
    return bar;
  }

  var runParts = CATS.map(function (c, i) { return [i, S.removed[c] ? S.removed[c].chars : 0]; })
    .filter(function (p) { return p[1] > 0; })
    .sort(function (a, b) { return b[1] - a[1]; });

  function card(id, value, caption, extra) {
    return h("div", { class: "card" }, h("div", { class: "card-value", id: id }, value),
      h("div", { class: "card-caption" }, caption), extra ? h("div", { class: "card-extra" }, extra) : null);
  }

  var header = h("header", { class: "top" },
    h("div", { class: "brand" }, h("span", { class: "logo" }, "unboil"), " report"),
    h("div", { class: "top-meta" }, "unboil " + RUN.version + " · " + fmt(S.documents) + " documents · " +
      (S.bytes / 1e6).toFixed(1) + " MB read in " + S.seconds.toFixed(1) + " s"));

  var cards = h("section", { class: "cards" },
    card("total-docs", fmt(S.documents), "documents", S.errors ? fmt(S.errors) + " could not be cleaned" : "all cleaned"),
    card("total-kept", fmt(S.kept_chars), "characters kept", pct(S.kept_chars, totalChars) + " of the text"),
    card("total-removed", fmt(removedChars), "characters removed", pct(removedChars, totalChars) + " of the text"),
    card("total-blocks", fmt(removedBlocks), "blocks removed", runParts.length + " categories"));

  var chart = h("section", { class: "panel chart" },
    h("div", { class: "panel-head" }, h("h2", null, "Removed, by category"),
      h("span", { class: "hint" }, "click a category to list its documents")),
    stacked(S.kept_chars, runParts, "stack-big"),
    h("div", { class: "legend" }, h("span", { class: "sw", style: "background:" + KEPT_COLOR }), "kept"),
    h("div", { class: "bars", id: "category-bars" }, runParts.length ? null :
      h("p", { class: "empty" }, "Nothing was removed.")));
  var maxCat = runParts.length ? runParts[0][1] : 1;
  var barRows = runParts.map(function (p) {
    var c = CATS[p[0]];
    var r = S.removed[c];
    var row = h("button", { class: "bar-row", type: "button", "data-cat": c,
      "data-chars": r.chars, "data-blocks": r.blocks, "data-docs": docsPerCat[p[0]],
      onclick: function () { set({ category: state.category === c ? "" : c, page: 0 }); } },
      h("span", { class: "bar-label" }, h("span", { class: "sw", style: "background:" + color(c) }), label(c)),
      h("span", { class: "bar-track" }, h("span", { class: "bar-fill",
        style: "width:" + Math.max(0.5, 100 * p[1] / maxCat) + "%;background:" + color(c) })),
      h("span", { class: "bar-num" }, h("b", null, fmt(r.chars)), " chars"),
      h("span", { class: "bar-num" }, fmt(r.blocks), " blocks"),
      h("span", { class: "bar-num" }, fmt(docsPerCat[p[0]]), " docs"),
      h("span", { class: "bar-num share" }, pct(r.chars, removedChars)));
    return row;
  });
  add(chart.querySelector(".bars"), barRows);

  var search = h("input", { type: "search", id: "search", placeholder: "Search id or URL…",
    "aria-label": "Search documents by id or URL", autocomplete: "off" });
  var searchTimer = 0;
  search.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { set({ q: search.value, page: 0 }); }, 120);
  });
  var sortSel = h("select", { id: "sort", "aria-label": "Sort documents",
    onchange: function () { set({ sort: sortSel.value, asc: sortSel.value === "order" || sortSel.value === "id", page: 0 }); } },
    h("option", { value: "removed" }, "Removed chars"),
    h("option", { value: "share" }, "Removed share"),
    h("option", { value: "kept" }, "Kept chars"),
    h("option", { value: "blocks" }, "Blocks"),
    h("option", { value: "order" }, "Input order"),
    h("option", { value: "id" }, "Id"));
  var dirBtn = h("button", { type: "button", class: "dir", id: "sort-dir", title: "Reverse the order",
    onclick: function () { set({ asc: !state.asc, page: 0 }); } });
  var catSel = h("select", { id: "category", "aria-label": "Only documents with removals in a category",
    onchange: function () { set({ category: catSel.value, page: 0 }); } },
    h("option", { value: "" }, "All categories"),
    runParts.map(function (p) { return h("option", { value: CATS[p[0]] }, label(CATS[p[0]])); }));
  var listInfo = h("div", { class: "list-info", id: "list-info" });
  var list = h("ol", { class: "docs", id: "docs" });
  var pager = h("div", { class: "pager", id: "pager" });
  var listPane = h("section", { class: "panel list-pane" },
    h("div", { class: "panel-head" }, h("h2", null, "Documents")),
    h("div", { class: "tools" }, search, h("div", { class: "tools-row" }, sortSel, dirBtn, catSel)),
    listInfo, list, pager);
  var docPane = h("section", { class: "panel doc-pane", id: "doc" });
  var notes = h("footer", { class: "notes" },
    (RUN.stopped_early ? "The run stopped early, when its output was closed: only the documents cleaned until then are here. " : "") +
    "Block text is cut at " + RUN.text_cap + " characters (" + fmt(RUN.cut_blocks) + " blocks were cut); " +
    "the character counts are those of the whole blocks. " +
    (RUN.docs_without_detail ? fmt(RUN.docs_without_detail) + " documents are listed with totals only: the " +
      RUN.detail_budget_mb + " MB budget for block data was used up by earlier documents. " : "") +
    "Generated by unboil " + RUN.version + "; this file is self-contained and works offline.");
  add(app, [header, h("main", null, cards, chart, h("div", { class: "split" }, listPane, docPane), notes)]);

  // ---- the list -------------------------------------------------------------
  function matches(d, q) {
    return String(d[ID]).toLowerCase().indexOf(q) >= 0 ||
      (d[URL_] && String(d[URL_]).toLowerCase().indexOf(q) >= 0) ||
      (d[TITLE] && String(d[TITLE]).toLowerCase().indexOf(q) >= 0);
  }
  function sortKey(d, i) {
    var ci = state.category ? CATS.indexOf(state.category) : -1;
    var removed = ci >= 0 ? catChars(d, ci) : d[REMOVED];
    switch (state.sort) {
      case "share": return d[KEPT] + d[REMOVED] ? removed / (d[KEPT] + d[REMOVED]) : 0;
      case "kept": return d[KEPT];
      case "blocks": return d[BLOCKS];
      case "order": return i;
      default: return removed;
    }
  }
  var lastKey = "", lastRows = [];
  function visibleDocs() {
    var key = [state.q, state.sort, state.asc, state.category].join("\u0000");
    if (key === lastKey) return lastRows;
    var q = state.q.trim().toLowerCase();
    var ci = state.category ? CATS.indexOf(state.category) : -1;
    var rows = [];
    for (var i = 0; i < INDEX.length; i++) {
      var d = INDEX[i];
      if (ci >= 0 && !catChars(d, ci)) continue;
      if (q && !matches(d, q)) continue;
      rows.push(i);
    }
    var sign = state.asc ? 1 : -1;
    if (state.sort === "id") {
      rows.sort(function (a, b) {
        var x = String(INDEX[a][ID]), y = String(INDEX[b][ID]);
        return sign * (x < y ? -1 : x > y ? 1 : 0);
      });
    } else {
      var keys = {};
      rows.forEach(function (i) { keys[i] = sortKey(INDEX[i], i); });
      rows.sort(function (a, b) { return sign * (keys[a] - keys[b]) || a - b; });
    }
    lastKey = key;
    lastRows = rows;
    return rows;
  }

  function renderList() {
    if (document.activeElement !== search) search.value = state.q;
    sortSel.value = state.sort;
    catSel.value = state.category;
    dirBtn.textContent = state.asc ? "↑" : "↓";
    barRows.forEach(function (r) { r.classList.toggle("on", r.getAttribute("data-cat") === state.category); });
    var rows = visibleDocs();
    var pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    var page = Math.min(state.page, pages - 1);
    clear(listInfo);
    add(listInfo, [h("b", { id: "shown-count" }, fmt(rows.length)), " of " + fmt(INDEX.length) + " documents",
      state.category ? [" with ", h("span", { class: "chip small", style: "background:" + color(state.category) }, label(state.category)),
        h("button", { type: "button", class: "link", onclick: function () { set({ category: "", page: 0 }); } }, "clear")] : null]);
    clear(list);
    var frag = document.createDocumentFragment();
    rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).forEach(function (i) {
      var d = INDEX[i];
      var total = d[KEPT] + d[REMOVED];
      var parts = d[BYCAT].slice().sort(function (a, b) { return b[1] - a[1]; });
      frag.appendChild(h("li", { class: "doc-row" + (i === state.doc ? " active" : "") + (d[ERROR] ? " error" : ""),
        "data-doc": i, "data-removed": d[REMOVED], tabindex: "0",
        onclick: function () { set({ doc: i }, true); },
        onkeydown: function (e) { if (e.key === "Enter") set({ doc: i }, true); } },
        h("div", { class: "doc-main" },
          h("div", { class: "doc-id", title: String(d[ID]) }, shortId(d)),
          h("div", { class: "doc-title" }, d[ERROR] ? "error: " + d[ERROR] : d[TITLE] || d[URL_] || "(no title)")),
        d[ERROR] ? h("div", { class: "doc-num err" }, "error") :
          h("div", { class: "doc-num" }, h("b", null, pct(d[REMOVED], total)), h("small", null, fmt(d[REMOVED]) + " chars")),
        d[ERROR] ? null : stacked(d[KEPT], parts, "stack-row")));
    });
    list.appendChild(frag);
    if (!rows.length) list.appendChild(h("li", { class: "empty" }, "No document matches."));
    clear(pager);
    if (pages > 1) {
      add(pager, [
        h("button", { type: "button", disabled: page === 0 ? "" : null, onclick: function () { set({ page: page - 1 }); } }, "‹ Prev"),
        h("span", null, "page " + (page + 1) + " of " + fmt(pages)),
        h("button", { type: "button", disabled: page >= pages - 1 ? "" : null, onclick: function () { set({ page: page + 1 }); } }, "Next ›")]);
    }
  }

  // ---- one document ---------------------------------------------------------
  // A document's blocks are stored gzipped in base64; unpacked on demand.
  var cache = { n: -1, data: null };
  function detail(n) {
    if (cache.n === n) return Promise.resolve(cache.data);
    var el = document.getElementById("d" + n);
    if (!el) return Promise.resolve(null);
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error("this browser cannot unpack them (it lacks DecompressionStream)"));
    }
    var bin = atob(el.textContent.trim());
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(function (s) {
      cache = { n: n, data: JSON.parse(s) };
      return cache.data;
    });
  }
  var shownBlocks = BLOCK_CHUNK;

  function blockView(b, i, paths) {
    // b: [category, rule, score, chars, words, link density, stopwords, in main, path, text]
    var cat = b[0] >= 0 ? CATS[b[0]] : null;
    var feats = fmt(b[4]) + " words · links " + b[5].toFixed(2) + " · stopwords " + b[6].toFixed(2) +
      " · " + (b[7] ? "in main" : "outside main") + " · " + fmt(b[3]) + " chars";
    return h("li", { class: "blk " + (cat ? "removed" : "kept"), "data-cat": cat || "kept", "data-index": i,
      style: cat ? "--c:" + color(cat) : null },
      h("div", { class: "blk-head" },
        h("span", { class: "blk-idx" }, "#" + i),
        cat ? h("span", { class: "chip", style: "background:" + color(cat) }, label(cat)) : h("span", { class: "chip kept" }, "kept"),
        h("code", { class: "rule" }, RULES[b[1]]),
        h("span", { class: "score", title: "boilerplate score; removed at 1.0 or more" }, "score " + b[2].toFixed(2)),
        h("span", { class: "feat" }, feats)),
      b[8] >= 0 ? h("div", { class: "blk-path" }, paths[b[8]]) : null,
      h("div", { class: "blk-text" }, b[9]));
  }

  var docSeq = 0;
  function renderDoc() {
    var seq = ++docSeq;
    clear(docPane);
    if (state.doc < 0) {
      add(docPane, h("div", { class: "doc-empty" }, h("h2", null, "Pick a document"),
        h("p", null, "Its blocks are shown here in page order: what was kept, and for each removed block its category, the rule that removed it, its score and the features behind it.")));
      return;
    }
    var n = state.doc, d = INDEX[n];
    var total = d[KEPT] + d[REMOVED];
    var parts = d[BYCAT].slice().sort(function (a, b) { return b[1] - a[1]; });
    add(docPane, h("div", { class: "doc-head" },
      h("button", { type: "button", class: "close", title: "Close", onclick: function () { set({ doc: -1 }, true); } }, "×"),
      h("h2", { id: "doc-title" }, d[TITLE] || "(no title)"),
      h("div", { class: "doc-meta" }, h("span", { class: "mono", id: "doc-id" }, String(d[ID])),
        d[URL_] ? [" · ", h("a", { href: d[URL_], rel: "noreferrer noopener", target: "_blank", id: "doc-url" }, d[URL_])] : null)));
    if (d[ERROR]) {
      add(docPane, h("p", { class: "doc-error" }, "This document could not be cleaned: " + d[ERROR]));
      return;
    }
    add(docPane, [h("div", { class: "doc-stats" },
      h("span", null, h("b", null, fmt(d[BLOCKS])), " blocks"),
      h("span", null, h("b", null, fmt(d[KEPT])), " chars kept"),
      h("span", null, h("b", { id: "doc-removed" }, fmt(d[REMOVED])), " chars removed (" + pct(d[REMOVED], total) + ")")),
      stacked(d[KEPT], parts, "stack-doc")]);
    var filters = h("div", { class: "filters", id: "block-filters" });
    var mk = function (text, on, changes, c, count) {
      return h("button", { type: "button", class: "filter" + (on ? " on" : ""), "data-filter": c || text,
        style: c && CATS.indexOf(c) >= 0 ? "--c:" + color(c) : null,
        onclick: function () { shownBlocks = BLOCK_CHUNK; set(changes); } },
        c && CATS.indexOf(c) >= 0 ? h("span", { class: "sw" }) : null, text, count != null ? h("small", null, fmt(count)) : null);
    };
    var removedCount = parts.reduce(function (a, p) { return a + p[2]; }, 0);
    add(filters, [
      mk("all", !state.only && !state.category, { only: "", category: "" }, "all", d[BLOCKS]),
      mk("removed", state.only === "removed" && !state.category, { only: "removed", category: "" }, "removed", removedCount),
      mk("kept", state.only === "kept", { only: "kept", category: "" }, "kept", d[BLOCKS] - removedCount),
      parts.map(function (p) {
        var c = CATS[p[0]];
        return mk(label(c), state.category === c, { only: "", category: c }, c, p[2]);
      })]);
    add(docPane, filters);
    var holder = h("div", { class: "blocks-holder" });
    add(docPane, holder);
    var fill = function (data) {
      if (seq === docSeq) fillBlocks(holder, data);
    };
    if (cache.n === n) { fill(cache.data); return Promise.resolve(); }
    add(holder, h("p", { class: "empty" }, "Unpacking the blocks…"));
    return detail(n).then(fill, function (e) {
      if (seq !== docSeq) return;
      clear(holder);
      add(holder, h("p", { class: "doc-error" }, "Cannot show this document's blocks: " + e.message));
    });
  }

  function fillBlocks(holder, data) {
    clear(holder);
    if (!data) {
      add(holder, h("p", { class: "empty" }, "Block details were not stored for this document: the report's " +
        RUN.detail_budget_mb + " MB budget for block data was used up by earlier documents."));
      return;
    }
    var ci = state.category ? CATS.indexOf(state.category) : -2;
    var keep = function (b) {
      if (ci !== -2) return b[0] === ci;
      if (state.only === "removed") return b[0] >= 0;
      if (state.only === "kept") return b[0] < 0;
      return true;
    };
    var idx = [];
    data.b.forEach(function (b, i) { if (keep(b)) idx.push(i); });
    var info = h("div", { class: "list-info", id: "block-info" }, "showing ", h("b", { id: "block-count" }, fmt(idx.length)),
      " of " + fmt(data.b.length) + " blocks");
    if (ci !== -2 && !idx.length) add(info, " (this document has no " + label(state.category) + " blocks)");
    add(holder, info);
    var ol = h("ol", { class: "blocks", id: "blocks" });
    var frag = document.createDocumentFragment();
    idx.slice(0, shownBlocks).forEach(function (i) { frag.appendChild(blockView(data.b[i], i, data.p)); });
    ol.appendChild(frag);
    add(holder, ol);
    if (idx.length > shownBlocks) {
      add(holder, h("button", { type: "button", class: "more", onclick: function () {
        shownBlocks += BLOCK_CHUNK * 5; fillBlocks(holder, data); } }, "Show more blocks (" + fmt(idx.length - shownBlocks) + " left)"));
    }
  }

  var lastDoc = -1;
  function render() {
    var moved = state.doc !== lastDoc;
    if (moved) shownBlocks = BLOCK_CHUNK;
    lastDoc = state.doc;
    renderList();
    var done = renderDoc();
    // Bring the document into view when it opened off screen (below the
    // list on a narrow screen, or above after scrolling down the list).
    var top = docPane.getBoundingClientRect().top;
    if (moved && state.doc >= 0 && (top < 0 || top > window.innerHeight * 0.85)) docPane.scrollIntoView();
    return Promise.resolve(done);
  }
  window.addEventListener("hashchange", function () { readHash(); render(); });
  readHash();
  // Marks for tests and timing: set once the first view, blocks included, is drawn.
  render().then(function () {
    // t0 is the time from navigation to the end of the HTML parse.
    document.body.setAttribute("data-parsed-ms", Math.round(t0));
    document.body.setAttribute("data-render-ms", Math.round(performance.now() - t0));
    document.body.setAttribute("data-ready", "1");
  });
})();
