// The Derm knowledge-graph browser: a collapsible hierarchy with image counts, term pages with
// images, and search with autocomplete. Plain JavaScript over the server's JSON API; nothing is
// fetched from anywhere else.
"use strict";
const api = (path) => fetch("../api/" + path).then(async (r) => {
  const body = await r.json();
  if (!r.ok) throw new Error(body.message || r.statusText);
  return body;
});
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") e.textContent = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  kids.flat().forEach((k) => e.append(k));
  return e;
};
const termLink = (t) => el("a", { href: "#/term/" + encodeURIComponent(t.id), text: t.label, "data-id": t.id });
let openTerm = null;

// ---- tree ----------------------------------------------------------------------------------
// A term's matches as links: curated MONDO/DOID ones, or the cross-references derived through them
// (the predicate beside a match that is not exact; the class it came through in the tooltip).
function mappingChips(t, curated) {
  const ms = (t.mappings || []).filter((m) => (m.source === "curated") === curated);
  return ms.length
    ? ms.map((m) => el("a", { href: m.iri, rel: "noopener noreferrer", target: "_blank", title: m.predicate + " (" + m.source + ")",
      text: m.target + (m.exact ? "" : " (" + m.predicate.replace("skos:", "") + ")") }))
    : "—";
}

async function treeNode(t, hasChildren) {
  const li = el("li");
  const toggle = el("button", { class: "toggle", "aria-label": "expand " + t.label, text: hasChildren ? "▸" : "" });
  const count = el("span", { class: "count" });
  const row = el("div", { class: "node" }, toggle, termLink(t), count);
  li.append(row);
  if (t.count !== undefined) count.textContent = t.count;
  if (hasChildren) {
    let loaded = null;
    toggle.addEventListener("click", async () => {
      if (loaded) { loaded.hidden = !loaded.hidden; toggle.textContent = loaded.hidden ? "▸" : "▾"; return; }
      loaded = el("ul", { class: "tree" });
      li.append(loaded);
      toggle.textContent = "▾";
      const kids = await api("terms/" + encodeURIComponent(t.id) + "/children?counts=true");
      for (const k of kids) loaded.append(await treeNode({ id: k.id, label: k.label, count: k.imageCount }, k.hasChildren));
      loaded.dataset.loaded = "true";
    });
  }
  return li;
}

async function loadTree() {
  const tree = document.getElementById("tree");
  const roots = await api("roots");
  const ul = el("ul", { class: "tree" });
  for (const r of roots) ul.append(await treeNode({ id: r.id, label: r.label }, r.children > 0));
  tree.replaceChildren(ul);
}

// ---- term page -----------------------------------------------------------------------------
async function showTerm(id, offset = 0) {
  const pane = document.getElementById("term");
  try {
    const t = await api("terms/" + encodeURIComponent(id));
    openTerm = t;
    document.querySelectorAll(".node a").forEach((a) => a.classList.toggle("open", a.dataset.id === t.id));
    const syn = t.synonyms.map((s) => el("span", { title: s.kind, text: s.text }));
    const dl = el("dl", {},
      el("dt", { text: "Definition" }), el("dd", { text: t.definition || "—" }),
      el("dt", { text: "Level" }), el("dd", { text: t.level ?? "—" }),
      el("dt", { text: "Synonyms" }), el("dd", { class: "chips" }, syn.length ? syn : "—"),
      el("dt", { text: "Parents" }), el("dd", { class: "chips" }, t.parents.map(termLink)),
      el("dt", { text: "Derm1M names" }), el("dd", { text: (t.derm1mNames || []).join(", ") || "—" }),
      el("dt", { text: "MONDO / DOID" }), el("dd", { class: "chips", id: "xrefs" }, mappingChips(t, true)),
      el("dt", { text: "ICD-10-CM, UMLS, …" }), el("dd", { class: "chips", id: "derived-xrefs" }, mappingChips(t, false)),
      el("dt", { text: "Typical findings" }), el("dd", { class: "findings" }, t.findings.length ? t.findings.map((f) =>
        el("div", {}, f.label, " ", el("span", { class: "chips" }, (f.concepts || []).map(termLink)))) : "—"),
      el("dt", { text: "Images" }), el("dd", { text: String(t.imageCount) }));
    const concepts = t.findings.length ? await api("terms/" + encodeURIComponent(t.id) + "/concepts") : [];
    if (concepts.length) {
      dl.append(el("dt", { text: "Clinical concepts" }), el("dd", { class: "chips", id: "concepts" }, concepts.map(termLink)));
    }
    // what derm concepts predicted: on the images under the term, and the images showing it
    const [predicted, shows] = await Promise.all([
      api("terms/" + encodeURIComponent(t.id) + "/predicted-concepts"),
      api("terms/" + encodeURIComponent(t.id) + "/predicted-images?limit=12")]);
    if (predicted.length) {
      dl.append(el("dt", { text: "Predicted concepts" }), el("dd", { class: "chips", id: "predicted-concepts" },
        predicted.slice(0, 15).map((p) => el("span", { title: p.images + " images under this term" }, termLink(p), " " + p.images))));
    }
    const mappings = await api("terms/" + encodeURIComponent(t.id) + "/mappings");
    if (mappings.length) {
      dl.append(el("dt", { text: "Benchmark labels" }),
        el("dd", { class: "chips" }, mappings.map((m) => el("span", { title: "skos:" + m.predicate, text: m.set + ": " + m.label }))));
    }
    const children = t.hasChildren ? await api("terms/" + encodeURIComponent(t.id) + "/children") : [];
    const kids = children.length ? el("p", { class: "chips" }, el("strong", { text: "Subclasses: " }), children.map(termLink)) : "";
    const images = el("div", { id: "images" });
    const showing = shows.length
      ? [el("h2", { text: "Images predicted to show it" }),
        el("div", { class: "grid", id: "predicted-images" }, shows.map((i) => figure(i.filename, Number(i.score))))]
      : [];
    pane.replaceChildren(el("h1", { text: t.label }), el("div", { class: "id", text: t.id + (t.deprecated ? " (deprecated)" : "") }), dl, kids, ...showing, images);
    const datasets = await loadedDatasets();
    if (t.imageCount > 0 || datasets.length) await showImages(t, offset, images, datasets);
  } catch (e) {
    pane.replaceChildren(el("p", { class: "error", text: "Cannot show " + id + ": " + e.message }));
  }
}

// The benchmark datasets of the store, asked once per page load.
let datasetList = null;
const loadedDatasets = () => (datasetList ??= api("datasets").catch(() => []));

// The images under a term: Derm1M's, or (chosen above the grid) one benchmark dataset's.
let imageSource = "";
async function showImages(t, offset, box, datasets) {
  const limit = 24;
  if (!datasets.some((d) => d.name === imageSource)) imageSource = "";
  const source = imageSource;
  const page = await api("terms/" + encodeURIComponent(t.id) + "/images?limit=" + limit + "&offset=" + offset
    + (source ? "&dataset=" + encodeURIComponent(source) : ""));
  const grid = el("div", { class: "grid" }, page.images.map((i) => source ? datasetFigure(source, i) : figure(i.filename, null)));
  const again = (o) => showImages(t, o, box, datasets);
  const pick = el("select", { id: "image-source", "aria-label": "images from",
    onchange: (e) => { imageSource = e.target.value; again(0); } },
  el("option", { value: "", text: "Derm1M" }), datasets.map((d) => el("option", { value: d.name, text: d.name })));
  pick.value = source;
  box.replaceChildren(el("h2", {}, "Images ", datasets.length ? pick : ""), grid, pager(offset, limit, page.total, again));
}

function pager(offset, limit, total, go) {
  const p = el("div", { class: "pager" },
    el("button", { text: "← previous", onclick: () => go(Math.max(0, offset - limit)) }),
    el("span", { text: total ? `${offset + 1}–${Math.min(offset + limit, total)} of ${total}` : "none" }),
    el("button", { text: "next →", onclick: () => go(offset + limit) }));
  p.firstChild.disabled = offset === 0;
  p.lastChild.disabled = offset + limit >= total;
  return p;
}

// A benchmark dataset's image (served when derm serve was given its folder): its own label, the
// DERM class it resolved to, the Fitzpatrick type.
function datasetFigure(dataset, i) {
  const src = "../dataset-images/" + encodeURIComponent(dataset) + "/" + i.filename.split("/").map(encodeURIComponent).join("/");
  const caption = (i.label || "") + (i.fitzpatrick ? " · FST " + i.fitzpatrick : "");
  return el("figure", { class: "dataset-image" },
    el("img", { src, alt: i.filename, loading: "lazy", onerror: (e) => e.target.classList.add("missing") }),
    el("figcaption", { title: i.filename + (i.diagnosis ? " → " + i.diagnosis : " (unresolved)"), text: caption }),
    i.diagnosis ? el("a", { href: "#/term/" + encodeURIComponent(i.diagnosis), text: i.diagnosis }) : el("span", { class: "hint", text: "unresolved" }));
}

async function showDatasetImages(name, offset, box) {
  const limit = 24;
  const page = await api("datasets/" + encodeURIComponent(name) + "/images?limit=" + limit + "&offset=" + offset);
  box.replaceChildren(el("h2", { text: "Images" }),
    el("div", { class: "grid", id: "dataset-images" }, page.images.map((i) => datasetFigure(name, i))),
    pager(offset, limit, page.total, (o) => showDatasetImages(name, o, box)));
}

const imageUrl = (file) => "../images/" + file.split("/").map(encodeURIComponent).join("/");
function figure(file, score) {
  return el("figure", {},
    el("a", { href: "#/similar/" + encodeURIComponent(file), title: "similar images" },
      el("img", { src: imageUrl(file), alt: file, loading: "lazy" })),
    el("figcaption", { text: (score === null ? "" : score.toFixed(3) + " · ") + file, title: file }));
}

// ---- similar images (when the store has embeddings) ----------------------------------------
async function showSimilar(file) {
  const pane = document.getElementById("term");
  const head = [el("h1", { text: "Similar images" }), el("div", { class: "grid" }, figure(file, null))];
  try {
    const r = await api("similar?k=12&image=" + encodeURIComponent(file));
    pane.replaceChildren(...head, el("h2", { text: "Nearest by cosine" }),
      el("div", { class: "grid", id: "similar" }, r.results.map((h) => figure(h.file, h.score))));
  } catch (e) {
    pane.replaceChildren(...head, el("p", { class: "error", text: e.message }));
  }
}

// ---- zero-shot classification of an uploaded image ------------------------------------------
function showClassify() {
  const pane = document.getElementById("term");
  const file = el("input", { type: "file", accept: "image/jpeg,image/png,image/gif,image/bmp" });
  const set = el("input", { type: "text", placeholder: "label set, e.g. HAM10000 (empty: every level of the hierarchy)" });
  const out = el("div", { id: "classify-result" });
  const ranked = (list) => el("ol", {}, list.map((r) => el("li", { text: `${r.name} — ${(100 * r.probability).toFixed(1)}%` })));
  const form = el("form", { class: "prompts" }, el("label", { text: "Image" }), file, el("label", { text: "Classes" }), set,
    el("span"), el("div", {}, el("button", { type: "submit", text: "Classify" })));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = file.files[0];
    if (!f) { out.replaceChildren(el("p", { class: "error", text: "Choose an image." })); return; }
    const q = "k=5" + (set.value.trim() ? "&set=" + encodeURIComponent(set.value.trim()) : "");
    out.replaceChildren(el("p", { class: "hint", text: "Classifying…" }));
    try {
      const r = await fetch("../api/classify?" + q, { method: "POST", headers: { "Content-Type": f.type || "application/octet-stream" }, body: f });
      const body = await r.json();
      if (!r.ok) throw new Error(body.message);
      if (body.classes) { out.replaceChildren(ranked(body.classes)); return; }
      out.replaceChildren(el("p", {}, el("strong", { text: "Path: " }), body.path.map((p) => p.name).join(" › ")),
        ...body.levels.map((l) => el("div", {}, el("h2", { text: "Level " + l.level }), ranked(l.top))));
    } catch (err) { out.replaceChildren(el("p", { class: "error", text: err.message })); }
  });
  pane.replaceChildren(el("h1", { text: "Zero-shot classification" }), form, out);
}

// ---- search with autocomplete --------------------------------------------------------------
function setupSearch() {
  const q = document.getElementById("q");
  const list = document.getElementById("suggest");
  const under = document.getElementById("under-toggle");
  let timer = null;
  let active = -1;
  const pick = (id) => { list.hidden = true; q.value = ""; location.hash = "#/term/" + encodeURIComponent(id); };
  q.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = q.value.trim();
      if (!text) { list.hidden = true; return; }
      const scope = under.checked && openTerm ? "&under=" + encodeURIComponent(openTerm.id) : "";
      try {
        const hits = await api("search?limit=10&q=" + encodeURIComponent(text) + scope);
        active = -1;
        list.replaceChildren(...hits.map((h) => el("li", { role: "option", "data-id": h.id, onmousedown: () => pick(h.id) },
          h.label, el("small", { text: h.matched !== h.label ? "“" + h.matched + "” · " + h.id : h.id }))));
        list.hidden = hits.length === 0;
      } catch (e) {
        list.replaceChildren(el("li", { class: "error", text: "search failed: " + e.message }));
        list.hidden = false;
      }
    }, 120);
  });
  q.addEventListener("keydown", (e) => {
    const items = [...list.children].filter((li) => li.dataset.id);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      items.forEach((li, i) => li.classList.toggle("active", i === active));
    } else if (e.key === "Enter" && items.length) {
      pick(items[Math.max(0, active)].dataset.id);
    } else if (e.key === "Escape") { list.hidden = true; }
  });
  // hide on blur unless the box has the focus back by then (a click on the toggle and back)
  q.addEventListener("blur", () => setTimeout(() => { if (document.activeElement !== q) list.hidden = true; }, 150));
}

// ---- prompt preview ------------------------------------------------------------------------
const KINDS = { set: "label set", level: "level", children_of: "children of", descendants_of: "descendants of",
  classes: "classes (comma-separated)", sparql: "SPARQL SELECT of classes" };
const STRATEGIES = ["name", "synonyms", "ancestors", "descendants", "findings", "concepts"];

async function showPrompts(query) {
  const pane = document.getElementById("term");
  const params = new URLSearchParams(query);
  const about = await api("prompts");
  const kind = el("select", { name: "kind" }, Object.entries(KINDS).map(([k, v]) => el("option", { value: k, text: v })));
  const value = el("textarea", { name: "value", rows: "2" });
  const sets = el("datalist", { id: "sets" }, about.label_sets.map((n) => el("option", { value: n })));
  const strategies = el("div", { class: "strategies" }, STRATEGIES.map((s) =>
    el("label", {}, el("input", { type: "checkbox", name: "strategy", value: s }), " " + s)));
  const templates = el("select", { name: "templates" }, Object.keys(about.templates).map((t) => el("option", { value: t, text: t })));
  const result = el("div", { id: "prompt-result" });
  for (const k of Object.keys(KINDS)) if (params.has(k)) { kind.value = k; value.value = params.get(k); }
  if (!params.toString()) { kind.value = "set"; value.value = about.label_sets[0] || ""; }
  const chosen = (params.get("strategies") || "name").split(",");
  strategies.querySelectorAll("input").forEach((i) => (i.checked = chosen.includes(i.value)));
  templates.value = params.get("templates") || "derm1m";
  const form = el("form", { class: "prompts" },
    el("label", { text: "Classes" }), kind, el("label", { text: "Value" }), value, sets,
    el("label", { text: "Strategies" }), strategies, el("label", { text: "Templates" }), templates,
    el("span"), el("div", {}, el("button", { type: "submit", text: "Generate" })));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    p.set(kind.value, value.value.trim());
    p.set("strategies", [...strategies.querySelectorAll("input:checked")].map((i) => i.value).join(",") || "name");
    p.set("templates", templates.value);
    location.hash = "#/prompts/" + p.toString();
  });
  pane.replaceChildren(el("h1", { text: "Prompt sets" }),
    el("p", { class: "hint", text: "Zero-shot label prompts from the hierarchy (label sets: " + about.label_sets.join(", ") + ")." }),
    form, result);
  if (params.toString()) await renderPrompts(params, result);
}

async function renderPrompts(params, box) {
  try {
    const set = await api("prompts?" + params.toString());
    const rows = set.classes.map((c) => el("tr", {},
      el("td", { text: c.name }), el("td", { class: "chips" }, c.ids.map((id) => termLink({ id, label: id }))),
      el("td", { text: String(c.prompts.length) }), el("td", { text: c.prompts[0].text })));
    const p = set.provenance;
    box.replaceChildren(
      el("p", {}, el("a", { href: "../api/prompts?" + params.toString(), download: "prompts.json", text: "Download JSON" }), " · ",
        el("a", { href: "../api/prompts?" + params.toString() + "&format=csv", download: "prompts.csv", text: "CSV" }),
        ` · ${p.classes} classes, ${p.prompts} prompts, ${set.overlaps.length} overlaps`),
      el("table", { class: "prompts" }, el("tr", {}, ["class", "ids", "prompts", "first prompt"].map((h) => el("th", { text: h }))), rows),
      el("div", { class: "provenance", text: `ontology ${p.ontology_version} · ${p.selection.kind} · strategies ${p.strategies.join(", ")} · templates ${p.template_set} · ${p.content_hash}` }),
      set.notes.map((n) => el("p", { class: "hint", text: n })));
  } catch (e) {
    box.replaceChildren(el("p", { class: "error", text: e.message }));
  }
}

// ---- validation report of the shipped ontology ---------------------------------------------
async function showValidation() {
  const pane = document.getElementById("term");
  pane.replaceChildren(el("h1", { text: "Validation report" }), el("p", { class: "hint", text: "Running the validation build (reasoners, structural QC, SPARQL rules, profile and mapping checks)…" }));
  try {
    const r = await api("validation");
    const facts = el("dl", { class: "facts" }, Object.entries(r.facts).flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]));
    const rows = r.checks.map((c) => {
      const tr = el("tr", { class: c.passed ? "passed" : "failed", "data-check": c.id },
        el("td", {}, el("span", { class: "status " + (c.passed ? "passed" : "failed"), text: c.passed ? "pass" : "fail" })),
        el("td", { title: c.description }, el("code", { text: c.id }), el("div", { class: "hint", text: c.title })),
        el("td", { text: c.severity.toLowerCase() }), el("td", { text: c.stage }),
        el("td", { text: String(c.violations.length) }), el("td", { text: c.millis + " ms" }));
      if (!c.passed) {
        tr.lastChild.append(el("details", {}, el("summary", { text: "violations" }),
          el("ul", {}, c.violations.map((v) => el("li", {}, el("strong", { text: v.label || v.subject }), " — " + v.message,
            v.explanation.length ? el("pre", { text: v.explanation.join("\n") }) : "")))));
      }
      return tr;
    });
    const failed = r.checks.filter((c) => !c.passed).length;
    pane.replaceChildren(el("h1", { text: "Validation report" }),
      el("p", {}, el("span", { class: "status " + (r.passed ? "passed" : "failed"), id: "validation-status", text: r.passed ? "PASSED" : "FAILED" }),
        ` ${r.checks.length} checks, ${failed} failing · errors ${r.counts.ERROR}, warnings ${r.counts.WARN}, infos ${r.counts.INFO} · fails on ${r.failOn.toLowerCase()} · ${r.millis} ms`),
      el("div", { class: "id", text: r.version || r.ontology }),
      facts,
      el("table", { class: "checks" }, el("tr", {}, ["", "check", "severity", "stage", "violations", "time"].map((h) => el("th", { text: h }))), rows),
      el("p", { class: "hint" }, "The same build as ", el("code", { text: "derm validate" }), ", run on the ontology this server ships at " + r.generatedAt + ". ",
        el("a", { href: "../api/validation", text: "JSON" })));
  } catch (e) {
    pane.replaceChildren(el("h1", { text: "Validation report" }), el("p", { class: "error", text: e.message }));
  }
}

// ---- benchmark datasets and evaluation runs -------------------------------------------------
async function showDatasets(name) {
  const pane = document.getElementById("term");
  try {
    const [all, runs] = await Promise.all([api("datasets"), api("evaluations")]);
    const list = el("ul", { id: "datasets" }, all.length
      ? all.map((d) => el("li", {}, el("a", { href: "#/datasets/" + encodeURIComponent(d.name), text: d.name }),
        ` · ${d.images} images · ${d.imageType || "—"} · ${d.licence || ""}`))
      : el("li", { text: "No benchmark dataset loaded (derm load --dataset NAME --data DIR)." }));
    const parts = [el("h1", { text: "Datasets" }), list];
    if (name) {
      const d = await api("datasets/" + encodeURIComponent(name));
      parts.push(el("h2", { text: d.name }), el("p", { class: "hint", text: d.citation || "" }),
        el("table", { id: "dataset-classes" }, el("tr", {}, el("th", { text: "class" }), el("th", { text: "images" })),
          d.byClass.map((c) => el("tr", {}, el("td", {}, termLink({ id: c.class.replace("https://w3id.org/dermkg/DERM_", "DERM:"), label: c.label || c.class })),
            el("td", { text: c.images })))),
        el("table", { id: "dataset-skin" }, el("tr", {}, el("th", { text: "Fitzpatrick type" }), el("th", { text: "images" })),
          d.byFitzpatrick.map((f) => el("tr", {}, el("td", { text: f.fitzpatrick }), el("td", { text: f.images })))));
    }
    const grid = el("div", { id: "dataset-grid" });
    if (name) parts.push(grid);
    const shown = runs.filter((r) => !name || r.dataset === name);
    parts.push(el("h2", { text: "Evaluation runs" }), shown.length
      ? el("table", { id: "evaluations" }, el("tr", {}, ["date", "dataset", "model", "strategies", "images", "top-1", "top-5", "balanced accuracy", "macro AUROC"].map((h) => el("th", { text: h }))),
        shown.map((r) => el("tr", {}, [r.date, r.dataset, r.model, r.strategies, r.images,
          Number(r.top1).toFixed(3), Number(r.top5).toFixed(3), Number(r.meanRecall).toFixed(3), r.macroAuroc ? Number(r.macroAuroc).toFixed(3) : "–"].map((v) => el("td", { text: String(v) })))))
      : el("p", { class: "hint", text: "None recorded yet (derm evaluate --dataset NAME)." }));
    pane.replaceChildren(...parts);
    if (name) await showDatasetImages(name, 0, grid);
  } catch (e) {
    pane.replaceChildren(el("h1", { text: "Datasets" }), el("p", { class: "error", text: e.message }));
  }
}

// ---- routing -------------------------------------------------------------------------------
function route() {
  const m = location.hash.match(/^#\/term\/(.+)$/);
  if (m) { showTerm(decodeURIComponent(m[1])); return; }
  const p = location.hash.match(/^#\/prompts\/?(.*)$/);
  if (p) { showPrompts(p[1]); return; }
  const s = location.hash.match(/^#\/similar\/(.+)$/);
  if (s) { showSimilar(decodeURIComponent(s[1])); return; }
  const d = location.hash.match(/^#\/datasets\/?(.*)$/);
  if (d) { showDatasets(decodeURIComponent(d[1])); return; }
  if (location.hash === "#/classify") showClassify();
  if (location.hash === "#/validation") showValidation();
}
window.addEventListener("hashchange", route);
setupSearch();
loadTree().then(route);
