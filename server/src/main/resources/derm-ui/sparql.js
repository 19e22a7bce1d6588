// The SPARQL editor: YASGUI (bundled from npm's @zazuko/yasgui at build time) on this server's
// endpoint, the named queries as examples, and prefix completion from the documented prefixes.
// Nothing is fetched from anywhere but this server.
"use strict";
(async () => {
  const endpoint = new URL("../derm/sparql", location.href).href;
  const prefixes = new URL("../api/prefixes", location.href).href;
  document.getElementById("endpoint").textContent = endpoint;
  // no remote services: prefix completion from /api/prefixes, none from LOV, no endpoint catalogue
  const yasqe = Object.assign({}, Yasgui.Yasqe.defaults, {
    prefixCcApi: prefixes,
    autocompleters: ["prefixes", "variables"],
    persistenceId: null,
    showQueryButton: true,
  });
  Yasgui.Yasqe.defaults.prefixCcApi = prefixes;
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  const queries = await fetch("../api/queries").then((r) => r.json());
  const examples = queries.filter((q) => q.example);
  const first = examples.find((q) => q.name === "descendants") || examples[0];
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint }] },
    persistenceId: null,
    populateFromUrl: false,
    yasqe: Object.assign(yasqe, { value: first ? first.example : "SELECT * WHERE { ?s ?p ?o } LIMIT 10" }),
    yasr: Object.assign({}, Yasgui.Yasr.defaults, { persistenceId: null, prefixes: await fetch(prefixes).then((r) => r.json()) }),
  });
  window.yasgui = yasgui;
  const select = document.getElementById("examples");
  const about = document.getElementById("example-about");
  for (const q of examples) {
    const o = document.createElement("option");
    o.value = q.name;
    o.textContent = q.name;
    o.title = q.description;
    select.append(o);
  }
  select.addEventListener("change", () => {
    const q = examples.find((x) => x.name === select.value);
    if (!q) return;
    about.textContent = q.description;
    const tab = yasgui.getTab();
    tab.setQuery(q.example);
    tab.getYasqe().query();
  });
  document.body.dataset.ready = "true";
})().catch((e) => {
  const p = document.createElement("p");
  p.className = "error";
  p.textContent = "The SPARQL editor could not start: " + e.message;
  document.getElementById("yasgui").replaceChildren(p);
});
