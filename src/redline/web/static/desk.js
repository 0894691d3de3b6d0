// The analyst's desk in the dashboard: open a scenario file, download it as YAML, the brief (the
// same verdict and words as `redline brief`), break-even values and sweeps, simulation choices.
// Uses app.js's page state (state, api, el, $, open, working, setStatus).
"use strict";

const STRATEGIES = ["linear", "boulware", "conceder", "tit-for-tat", "hardliner", "random",
                    "pareto"];

function deskStart() {
  $("open-file").addEventListener("change", openFile);
  $("download-yaml").addEventListener("click", downloadYaml);
  $("thresholds").addEventListener("click", showThresholds);
  $("sweep").addEventListener("click", showSweep);
  $("how-sure").addEventListener("click", () => showCharts(500));
}

// The report's explaining charts, drawn by the server from numbers and escaped labels only.
async function showCharts(montecarlo = 0) {
  const { status, data } = await api("/api/charts", { ...situationBody(), montecarlo });
  if (status !== 200) return;
  for (const [key, id] of [["frontier", "frontier-chart"], ["forecast", "forecast-chart"],
                           ["p_deal", "p-deal-chart"], ["tornado", "tornado-chart"]]) {
    if (montecarlo === 0 && (key === "p_deal" || key === "tornado")) continue;
    $(id).innerHTML = data[key] || "";
  }
  if (montecarlo) $("p-deal-chart").dataset.runs = String(montecarlo);
}

function showProblems(data) {
  const problems = $("problems");
  problems.hidden = false;
  problems.textContent = data.problems
    ? data.problems.map((p) => `${p.where}${p.line ? " (line " + p.line + ")" : ""}: `
                          + `${p.message}. Fix: ${p.fix}`).join("\n")
    : (typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail));
}

// A YAML or JSON file from disk is validated and stored by the server, then opened.
async function openFile(event) {
  const file = event.target.files[0];
  if (!file) return;
  const text = await file.text();
  const kind = file.name.toLowerCase().endsWith(".json") ? "application/json" : "application/yaml";
  const body = kind === "application/json" ? JSON.stringify({ scenario: JSON.parse(text) }) : text;
  const response = await fetch("/api/scenarios", { method: "POST",
                                                   headers: { "content-type": kind }, body });
  const data = await response.json();
  event.target.value = "";
  if (response.status !== 201) { showProblems(data); setStatus(file.name + " has problems"); return; }
  $("problems").hidden = true;
  const select = $("scenario");
  select.append(el("option", { value: data.id, text: data.title }));
  select.value = data.id;
  await open(data.id);
  setStatus("opened " + file.name);
}

// The working document (with the edits made here) as a YAML file.
async function downloadYaml() {
  const response = await fetch("/api/files/yaml", { method: "POST",
    headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: working() }) });
  if (!response.ok) { showProblems(await response.json()); return; }
  const name = (response.headers.get("content-disposition") || "").match(/filename="([^"]+)"/);
  const link = el("a", { href: URL.createObjectURL(await response.blob()),
                         download: name ? name[1] : "scenario.yaml" });
  document.body.append(link);
  link.click();
  link.remove();
}

function situationBody() {
  return { scenario: working(), agenda: state.agenda, events: state.events };
}

// Called by app.js after every analysis: the brief for the same situation.
async function deskUpdate(sequence) {
  agendaNote();
  strategyChoices();
  showCharts(0);
  $("p-deal-chart").replaceChildren();
  $("tornado-chart").replaceChildren();
  const { status, data } = await api("/api/brief", situationBody());
  if (sequence !== state.sequence) return;
  const holder = $("brief");
  holder.replaceChildren();
  if (status !== 200) { holder.append(el("p", { class: "hint", text: data.detail })); return; }
  holder.dataset.verdict = data.verdict;
  holder.append(el("p", { class: "verdict", text: "Verdict: " + data.verdict + "." }));
  const reservations = Object.entries(data.situation.reservations)
    .map(([p, d]) => `${p} ${d.toFixed(2)}`).join(", ");
  holder.append(el("p", { class: "hint", text: "No-deal values after pressure: " + reservations }));
  for (const section of data.sections) {
    holder.append(el("h3", { text: section.heading }));
    const list = el("ul");
    for (const point of section.points) {
      list.append(el("li", {}, el("span", { class: "point", text: point.text }), " ",
                     el("span", { class: "source", text: "(" + point.source + ")" })));
    }
    holder.append(list);
  }
}

// Say which issues are off the table because a party refuses them (never silently).
function agendaNote() {
  const doc = state.doc;
  const off = doc.issues.map((i) => i.id).filter((i) => !state.agenda.includes(i));
  const parties = doc.actors.filter((a) => a.role === "party").map((a) => a.id);
  const refusing = (doc.red_lines || []).filter((r) => r.refuses_agenda && parties.includes(r.actor)
                                                       && r.refuses_agenda.some((i) => off.includes(i)));
  $("agenda-note").textContent = refusing.length
    ? "Off the table: " + refusing.map((r) => `${r.refuses_agenda.filter((i) => off.includes(i))
        .join(", ")} (${r.actor} refuses to negotiate with it on the table: ${r.id})`).join("; ")
      + ". Tick it to see the verdict with it on the agenda."
    : "";
}

function strategyChoices() {
  const holder = $("sim-strategies");
  const parties = state.doc.actors.filter((a) => a.role === "party").map((a) => a.id);
  if (holder.dataset.parties === parties.join(",")) return;
  holder.dataset.parties = parties.join(",");
  holder.replaceChildren();
  for (const party of parties) {
    const select = el("select", { id: "strategy-" + party });
    for (const name of STRATEGIES) select.append(el("option", { value: name, text: name }));
    holder.append(el("label", {}, " " + party + " ", select));
  }
}

// Called by app.js's simulate(): the chosen protocol and strategies.
function deskSimulation() {
  const strategies = {};
  for (const select of $("sim-strategies").querySelectorAll("select")) {
    strategies[select.id.replace("strategy-", "")] = select.value;
  }
  return { protocol: $("sim-protocol").value, strategies };
}

async function showThresholds() {
  const { status, data } = await api("/api/thresholds", situationBody());
  const table = $("thresholds-table");
  table.replaceChildren();
  if (status !== 200) { table.append(el("tr", {}, el("td", { text: data.detail }))); return; }
  if (data.parameters.rule) {  // a vote: the verdict and the deal are a winning coalition's
    const who = data.parameters.coalition ? ` (likeliest: ${data.parameters.coalition.join(", ")})`
                                          : "";
    table.append(el("caption", { id: "thresholds-rule", text: `Under ${data.parameters.rule}: `
      + `the verdict and the deal are the likeliest winning coalition's${who}.` }));
  }
  table.append(el("tr", {}, ...["parameter", "now", "break-even", "what changes"]
    .map((t) => el("th", { text: t }))));
  const select = $("sweep-param");
  select.replaceChildren();
  for (const t of data.thresholds) {
    table.append(el("tr", {}, el("td", { text: t.parameter }),
                    el("td", { text: t.current.toFixed(3) }),
                    el("td", { text: t.threshold === null ? "—" : t.threshold.toFixed(3) }),
                    el("td", { text: t.effect })));
    if (!t.parameter.endsWith(".credibility")) {
      select.append(el("option", { value: t.parameter, text: t.parameter }));
    }
  }
}

async function showSweep() {
  const parameter = $("sweep-param").value;
  if (!parameter) return;
  const { status, data } = await api("/api/sweep", { ...situationBody(), parameter, start: 0,
                                                     stop: 1, steps: 41 });
  const holder = $("sweep-chart");
  if (status !== 200) { holder.textContent = data.detail; return; }
  // The server's SVG is built from numbers and escaped labels only (redline.report.explaining).
  holder.innerHTML = data.svg;
  holder.dataset.parameter = parameter;
}

deskStart();
