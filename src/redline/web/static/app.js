// redline dashboard: load a stored scenario, edit it locally, and ask the API to re-analyse.
// No framework: the page holds the working document and re-renders from the API's JSON.
"use strict";

const state = { id: null, original: null, doc: null, disabled: new Set(), agenda: null,
                events: [],
                analysis: null, space: null, engines: {}, timer: null, sequence: 0 };

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
  const response = await fetch(path, options);
  const data = response.headers.get("content-type")?.includes("json") ? await response.json()
                                                                       : await response.text();
  return { status: response.status, data };
}

function setStatus(text) { $("status").textContent = text; }

async function start() {
  state.engines = (await api("/api/engines")).data;
  const list = (await api("/api/scenarios")).data;
  const select = $("scenario");
  for (const entry of list) select.append(el("option", { value: entry.id, text: entry.title }));
  select.addEventListener("change", () => open(select.value));
  $("report").addEventListener("click", openReport);
  $("extract").addEventListener("click", extract);
  $("simulate").addEventListener("click", simulate);
  $("montecarlo").addEventListener("click", montecarlo);
  $("mc-cancel").addEventListener("click", cancelMontecarlo);
  $("x-party").addEventListener("change", drawSpace);
  $("y-party").addEventListener("change", drawSpace);
  engineNotes();
  const wanted = new URLSearchParams(location.search).get("scenario");
  const first = list.find((e) => e.id === wanted) || list[0];
  if (first) { select.value = first.id; await open(first.id); }
  else setStatus("no scenarios stored");
}

function engineNotes() {
  for (const [name, note] of [["agendas", "agendas-note"], ["extract", "extract-note"],
                              ["simulate", "simulate-note"], ["montecarlo", "montecarlo-note"]]) {
    const info = state.engines[name];
    if (info && !info.available) $(note).textContent = "Not available yet: " + info.reason + ".";
  }
  if (!state.engines.extract?.available) $("extract").disabled = true;
  if (!state.engines.simulate?.available) $("simulate").disabled = true;
  if (!state.engines.montecarlo?.available) $("montecarlo").disabled = true;
}

async function open(id) {
  const { status, data } = await api("/api/scenarios/" + encodeURIComponent(id));
  if (status !== 200) { setStatus(data.detail || "cannot open " + id); return; }
  state.id = id;
  state.original = data;
  state.doc = structuredClone(data);
  state.disabled = new Set();
  const parties = data.actors.filter((a) => a.role === "party").map((a) => a.id);
  // Start from an agenda every party accepts, when a party refuses some issue outright.
  const refused = new Set((data.red_lines || []).filter((r) => r.refuses_agenda
                    && parties.includes(r.actor)).flatMap((r) => r.refuses_agenda));
  state.agenda = data.issues.map((i) => i.id).filter((i) => !refused.has(i) || !hasStatusQuo(i));
  state.events = (data.events || []).filter((e) => e.active).map((e) => e.id);
  buildControls(parties);
  await update();
}

function hasStatusQuo(issueId) {
  return state.doc.issues.find((i) => i.id === issueId)?.status_quo != null;
}

function numberOf(value) { return typeof value === "object" && value !== null ? value.mode : value; }

function buildControls(parties) {
  const doc = state.doc;
  const agenda = $("agenda");
  agenda.replaceChildren();
  for (const issue of doc.issues) {
    const box = el("input", { type: "checkbox", id: "agenda-" + issue.id });
    box.checked = state.agenda.includes(issue.id);
    box.addEventListener("change", () => {
      state.agenda = doc.issues.map((i) => i.id).filter((i) => $("agenda-" + i).checked);
      schedule();
    });
    const quo = statusQuoInput(issue);
    agenda.append(el("label", {}, box, " " + issue.name),
                  ...(quo ? [el("span", { class: "quo" }, " status quo ", quo)] : []), el("br"));
  }
  const events = $("events");
  events.replaceChildren();
  for (const event of doc.events || []) {
    const box = el("input", { type: "checkbox", id: "event-" + event.id });
    box.checked = state.events.includes(event.id);
    box.addEventListener("change", () => {
      state.events = (doc.events || []).map((e) => e.id).filter((e) => $("event-" + e).checked);
      schedule();
    });
    events.append(el("label", { title: event.description }, box, " " + event.id), el("br"));
  }
  if (!(doc.events || []).length) events.append(el("span", { class: "hint", text: "none" }));
  const holder = $("parties");
  holder.replaceChildren();
  for (const party of parties) {
    const pref = doc.preferences[party];
    const grid = el("div", { class: "grid" });
    grid.append(el("label", { for: "res-" + party, text: "reservation (no-deal utility)" }),
                numberInput("res-" + party, numberOf(pref.reservation ?? 0), (v) => {
                  pref.reservation = v; }));
    for (const issue of doc.issues) {
      grid.append(el("label", { for: `w-${party}-${issue.id}`, text: "weight: " + issue.id }),
                  numberInput(`w-${party}-${issue.id}`, numberOf(pref.weights[issue.id] ?? 0),
                              (v) => { pref.weights[issue.id] = v; }));
    }
    const name = doc.actors.find((a) => a.id === party).name;
    holder.append(el("div", { class: "party" }, el("h3", { text: `${name} (${party})` }), grid));
  }
  const lines = $("red-lines");
  lines.replaceChildren();
  for (const red of doc.red_lines || []) {
    const on = el("input", { type: "checkbox", id: "rl-" + red.id + "-on" });
    on.checked = true;
    on.addEventListener("change", () => {
      if (on.checked) state.disabled.delete(red.id); else state.disabled.add(red.id);
      schedule();
    });
    const row = el("div", { class: "red-line" },
                   el("label", {}, on, ` ${red.id} (${red.actor})`));
    if (red.rule !== undefined) {
      const text = el("input", { type: "text", id: "rl-" + red.id + "-rule" });
      text.value = red.rule.trim();
      text.addEventListener("input", () => { red.rule = text.value; schedule(); });
      row.append(text);
    } else {
      row.append(el("div", { class: "hint", text: "refuses the agenda if on the table: "
                                                  + red.refuses_agenda.join(", ") }));
    }
    lines.append(row);
  }
}

// The status quo of an issue (what holds off the table and with no deal): a number field for a
// numeric issue (any number in its range, not only its grid's), a drop-down of its options else.
function statusQuoInput(issue) {
  const id = "sq-" + issue.id;
  if (issue.range) {
    const [low, high] = issue.range;
    const input = el("input", { type: "number", id, class: "number", min: String(low),
                                max: String(high), step: issue.integer ? "1" : "any",
                                title: `a number from ${low} to ${high}`
                                       + (issue.unit ? " " + issue.unit : "") });
    input.value = issue.status_quo ?? "";
    input.addEventListener("input", () => {
      const v = parseFloat(input.value);
      if (!Number.isNaN(v)) { issue.status_quo = v; schedule(); }
    });
    return el("span", {}, input, issue.unit ? " " + issue.unit : "");
  }
  if (issue.status_quo == null) return null;
  const select = el("select", { id });
  for (const option of issue.options) select.append(el("option", { value: option, text: option }));
  select.value = issue.status_quo;
  select.addEventListener("change", () => { issue.status_quo = select.value; schedule(); });
  return select;
}

function numberInput(id, value, set) {
  const input = el("input", { type: "number", id, step: "0.05", min: "0", max: "1" });
  input.value = String(value);
  input.addEventListener("input", () => {
    const v = parseFloat(input.value);
    if (!Number.isNaN(v)) { set(v); schedule(); }
  });
  return input;
}

function working() {
  const doc = structuredClone(state.doc);
  doc.red_lines = (doc.red_lines || []).filter((r) => !state.disabled.has(r.id));
  return doc;
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(update, 200);
}

async function update() {
  const sequence = ++state.sequence;
  const body = { scenario: working(), agenda: state.agenda, events: state.events };
  setStatus("analysing…");
  const [analysis, space] = await Promise.all([api("/api/analyze", body),
                                               api("/api/space", body)]);
  if (sequence !== state.sequence) return; // a newer edit is on its way
  const problems = $("problems");
  if (analysis.status !== 200) {
    problems.hidden = false;
    const detail = analysis.data.problems
      ? analysis.data.problems.map((p) => `${p.where}: ${p.message}. Fix: ${p.fix}`).join("\n")
      : (typeof analysis.data.detail === "string" ? analysis.data.detail
                                                  : JSON.stringify(analysis.data.detail));
    problems.textContent = detail;
    setStatus("the scenario has problems");
    return;
  }
  problems.hidden = true;
  state.analysis = analysis.data;
  state.space = space.status === 200 ? space.data : null;
  renderSummary();
  renderRule();
  fillAxes();
  drawSpace();
  renderSolutions();
  await renderAgendas();
  if (typeof deskUpdate === "function") await deskUpdate(sequence);
  if (sequence !== state.sequence) return;
  setStatus("analysed " + new Date().toLocaleTimeString());
  document.body.dataset.ready = String(state.sequence);
}

function renderSummary() {
  const a = state.analysis;
  const summary = $("summary");
  summary.dataset.zopaSize = String(a.zopa_size);
  summary.replaceChildren();
  if (a.refused_by.length) {
    summary.append(el("span", { class: "bad", text: "No talks: " }),
                   a.refused_by.map((r) => `${r.actor} refuses (${r.red_line})`).join("; "));
    return;
  }
  summary.append(`${a.outcomes.toLocaleString()} outcomes, ${a.feasible.toLocaleString()} satisfy `
                 + `every red line, ${a.zopa_size === null ? "an uncounted number" : a.zopa_size.toLocaleString()} in the ZOPA. `,
                 a.zopa ? el("span", { class: "good", text: "A deal exists." })
                        : el("span", { class: "bad", text: "The ZOPA is empty." }));
}

// Under a vote (not unanimity): the rule, the likeliest winning coalition, its deal, who is
// pivotal and what the deal overrides (the analysis JSON's decision_rule block).
function renderRule() {
  const rule = state.analysis.decision_rule;
  const panel = $("rule-panel");
  panel.hidden = !rule;
  if (!rule) { delete panel.dataset.likeliest; return; }
  $("rule-text").textContent = rule.rule;
  panel.dataset.likeliest = (rule.likeliest || []).join(",");
  const text = $("coalition-text");
  text.replaceChildren();
  if (!rule.likeliest) {
    text.append(el("span", { class: "bad", text: "No winning coalition has a deal." }));
    $("coalition-note").textContent = "";
    return;
  }
  const outside = state.analysis.parties.filter((p) => !rule.likeliest.includes(p));
  const who = outside.length && outside.length < rule.likeliest.length
    ? `all ${rule.likeliest.length} but ${outside.join(", ")}` : rule.likeliest.join(", ");
  const deal = state.analysis.agenda.map((i) => `${i}=${rule.deal.outcome[i]}`).join(", ");
  text.append(el("span", { class: "good", text: "Likeliest winning coalition: " }),
              `${who} would adopt ${deal}. `,
              el("span", { id: "pivotal", text: "Pivotal (the coalition loses without them): "
                                                + (rule.pivotal.join(", ") || "none") + ". " }),
              rule.overrides.length ? `Overrides ${rule.overrides.join(", ")}. ` : "",
              rule.below_reservation.length
                ? `Leaves ${rule.below_reservation.join(", ")} below their no-deal value. ` : "",
              rule.in_core ? "In the core." : "Not in the core: another coalition could upset it.");
  $("coalition-note").textContent = "Criterion: " + rule.criterion + ". The table below is the "
    + "deal every party would accept (unanimity).";
}

function fillAxes() {
  const parties = state.analysis.parties;
  for (const [id, k] of [["x-party", 0], ["y-party", 1]]) {
    const select = $(id);
    const keep = select.value;
    select.replaceChildren(...parties.map((p) => el("option", { value: p, text: p })));
    select.value = parties.includes(keep) ? keep : parties[Math.min(k, parties.length - 1)];
  }
}

const MARKS = { nash: ["Nash", "diamond", "#c0392b"], kalai_smorodinsky: ["Kalai–Smorodinsky",
  "square", "#8e44ad"], egalitarian: ["egalitarian", "square", "#d68910"],
  utilitarian: ["utilitarian", "diamond", "#17a2b8"] };

function drawSpace() {
  const a = state.analysis;
  if (!a || typeof Plotly === "undefined") return;
  const x = $("x-party").value, y = $("y-party").value;
  const i = a.parties.indexOf(x), j = a.parties.indexOf(y);
  const traces = [];
  if (state.space && state.space.points.length) {
    const pts = state.space.points, ok = state.space.feasible;
    const pick = (flag) => pts.filter((_, k) => ok[k] === flag);
    for (const [flag, name, color] of [[false, "breaks a red line", "#b0b0b0"],
                                       [true, "satisfies every red line", "#1f5fa8"]]) {
      const part = pick(flag);
      traces.push({ type: "scatter", mode: "markers", name, x: part.map((p) => p[i]),
                    y: part.map((p) => p[j]), marker: { size: 5, color, opacity: 0.5 },
                    hoverinfo: "x+y" });
    }
  }
  const front = a.pareto.map((p) => [p.utilities[x], p.utilities[y], p.outcome])
                        .sort((p, q) => p[0] - q[0]);
  traces.push({ type: "scatter", mode: a.parties.length === 2 ? "lines+markers" : "markers",
                name: "Pareto frontier (ZOPA)", x: front.map((p) => p[0]),
                y: front.map((p) => p[1]), marker: { size: 8, color: "#2e8b57" },
                text: front.map((p) => Object.entries(p[2]).map(([k, v]) => k + "=" + v)
                                  .join("<br>")), hoverinfo: "text+x+y" });
  for (const [key, [name, symbol, color]] of Object.entries(MARKS)) {
    const s = a.solutions[key];
    if (!s) continue;
    traces.push({ type: "scatter", mode: "markers", name, x: [s.utilities[x]],
                  y: [s.utilities[y]], marker: { size: 13, symbol, color,
                                                 line: { width: 1, color: "#222" } } });
  }
  const line = (axis, value) => ({ type: "line", line: { dash: "dash", color: "#555", width: 1 },
    ...(axis === "x" ? { x0: value, x1: value, y0: 0, y1: 1, yref: "paper" }
                     : { y0: value, y1: value, x0: 0, x1: 1, xref: "paper" }) });
  const layout = { margin: { t: 30, r: 10, b: 45, l: 55 }, title: { text: `${x} vs ${y}` },
    xaxis: { title: { text: "utility of " + x }, range: [0, 1.02] },
    yaxis: { title: { text: "utility of " + y }, range: [0, 1.02] },
    shapes: [line("x", a.reservations[x]), line("y", a.reservations[y])],
    legend: { orientation: "v", x: 1.02, y: 1 } };
  Plotly.react("space-chart", traces, layout, { displaylogo: false, responsive: true });
}

function renderSolutions() {
  const a = state.analysis;
  const table = $("solutions-table");
  table.replaceChildren();
  const columns = [];
  for (const [key, [name]] of Object.entries(MARKS)) {
    if (a.solutions[key]) columns.push([name, a.solutions[key]]);
  }
  for (const [party, s] of Object.entries(a.best_for)) if (s) columns.push(["best for " + party, s]);
  if (!columns.length) {
    table.append(el("tr", {}, el("td", { text: a.refused_by.length
      ? "No solution: no talks on this agenda." : "No solution: the ZOPA is empty." })));
    // what blocks a deal, and the concession that opens one, is the brief's (explain's) answer
    $("binding").textContent = "What would open a deal: see the brief above.";
    return;
  }
  table.append(el("tr", {}, el("th", { text: "issue" }),
                  ...columns.map(([name]) => el("th", { text: name }))));
  for (const issue of a.agenda) {
    table.append(el("tr", {}, el("td", { text: issue }),
                    ...columns.map(([, s]) => el("td", { text: s.outcome[issue] }))));
  }
  for (const party of a.parties) {
    table.append(el("tr", {}, el("td", { text: party + " utility (gain)" }),
                    ...columns.map(([, s]) => el("td", { text:
                      `${s.utilities[party].toFixed(3)} (${s.gains[party] >= 0 ? "+" : ""}`
                      + `${s.gains[party].toFixed(3)})` }))));
  }
  $("binding").textContent = bindingText(a);
}

function bindingText(a) {
  return a.binding_red_lines.length ? "Binding red lines: " + a.binding_red_lines.join(", ")
                                    : "No single red line binds.";
}

async function renderAgendas() {
  if (!state.engines.agendas?.available) return;
  const { status, data } = await api("/api/agendas", { scenario: working(),
                                                      parameters: { events: state.events } });
  const table = $("agenda-table");
  table.replaceChildren();
  if (status !== 200) { $("agendas-note").textContent = data.detail; return; }
  const rule = data.decision_rule;  // a vote: the likeliest winning coalition per agenda
  const ruled = new Map((rule ? rule.agendas : []).map((r) => [r.issues.join(" + "), r]));
  table.append(el("tr", {}, ...["agenda", "verdict", "Nash package", "gains",
                                ...(rule ? ["winning coalition would adopt"] : [])].map(
    (t) => el("th", { text: t }))));
  for (const row of data.agendas) {
    const verdict = row.refused_by.length ? "refused by " + row.refused_by.join(", ")
                                          : (row.zopa ? "deal exists" : "no ZOPA");
    const nash = row.nash ? Object.entries(row.nash.outcome).map(([k, v]) => k + "=" + v).join("; ")
                          : "—";
    const gains = Object.entries(row.gains || {}).map(([p, g]) => `${p} ${g.toFixed(3)}`).join(", ");
    const cells = [el("td", { text: row.issues.join(" + ") }), el("td", { text: verdict }),
                   el("td", { text: nash }), el("td", { text: gains })];
    if (rule) {
      const entry = ruled.get(row.issues.join(" + "));
      cells.push(el("td", { class: "coalition", text: !entry ? "—" : !entry.likeliest
        ? "no winning coalition has a deal"
        : `${entry.likeliest.length} of ${state.analysis.parties.length}: `
          + row.issues.map((i) => `${i}=${entry.deal.outcome[i]}`).join("; ") }));
    }
    table.append(el("tr", {}, ...cells));
  }
}

async function openReport() {
  const response = await fetch("/api/report", { method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario: working(), agenda: state.agenda, events: state.events,
                           runs: 500, sobol: 0 }) });
  if (!response.ok) { setStatus("report failed: " + response.status); return; }
  const url = URL.createObjectURL(new Blob([await response.text()], { type: "text/html" }));
  window.open(url, "_blank");
}

async function extract() {
  const text = $("article").value.trim();
  if (!text) return;
  const { status, data } = await api("/api/extract", { text, scenario: working() });
  const table = $("statements-table");
  table.replaceChildren();
  if (status !== 200) { $("extract-note").textContent = data.detail; return; }
  const found = data.statements || [];
  $("extract-note").textContent = `${found.length} statement(s) found.`;
  table.append(el("tr", {}, ...["actor", "speaker", "stance", "issue", "condition", "sentence"]
    .map((t) => el("th", { text: t }))));
  for (const s of found) {
    // the scenario's ids where the statement was resolved to them, else the text's own words
    const r = s.resolved || {};
    const issue = r.issue ? r.issue + (r.option ? " = " + r.option : "") : s.issue;
    table.append(el("tr", {}, ...[r.actor || s.actor, s.speaker, s.stance, issue, s.condition,
                                  s.sentence].map((t) => el("td", { text: t ?? "" }))));
  }
}

async function simulate() {
  $("simulate").disabled = true;
  const { status, data } = await api("/api/simulate", { scenario: working(),
    parameters: { agenda: state.agenda, events: state.events, runs: 2000,
                  ...(typeof deskSimulation === "function" ? deskSimulation() : {}) } });
  if (status !== 202) { $("simulate-note").textContent = data.detail; return; }
  const bar = $("sim-progress");
  let job = data;
  while (job.state === "queued" || job.state === "running") {
    bar.value = job.progress;
    await new Promise((resolve) => setTimeout(resolve, 300));
    job = (await api("/api/jobs/" + job.id)).data;
  }
  bar.value = 1;
  $("simulate").disabled = false;
  const table = $("simulation-table");
  table.replaceChildren();
  if (job.state !== "done") { $("simulate-note").textContent = job.error; return; }
  const r = job.result;
  const share = (x) => (100 * x).toFixed(1) + "%";
  const rows = [["protocol", r.protocol],
    ["strategies", Object.entries(r.strategies).map(([p, s]) => p + ": " + s).join(", ")],
    ["sessions", String(r.runs)], ["agreement rate", share(r.agreement_rate)],
    ["mean rounds", r.mean_rounds.toFixed(1)],
    ["mean utilities", Object.entries(r.mean_utilities).map(([p, u]) => `${p} ${u.toFixed(3)}`)
      .join(", ")],
    ["distance to the Nash point", r.nash_distance == null ? "—" : r.nash_distance.toFixed(3)],
    ["Pareto-optimal agreements", share(r.pareto_rate)]];
  for (const [k, v] of rows) table.append(el("tr", {}, el("td", { text: k }), el("td", { text: v })));
  $("simulate-note").textContent = `${r.runs} sessions, seed 0.`;
}

// Monte Carlo over the working document: the same engine as `redline montecarlo` and the
// report, run as a job with a progress bar; Cancel stops it after its current chunk of draws.
async function montecarlo() {
  $("montecarlo").disabled = true;
  const runs = Number($("mc-runs").value);
  const { status, data } = await api("/api/montecarlo", { scenario: working(),
    parameters: { agenda: state.agenda, events: state.events, runs, seed: 0 } });
  if (status !== 202) {
    $("montecarlo-note").textContent = data.detail;
    $("montecarlo").disabled = false;
    return;
  }
  state.mcJob = data.id;
  $("mc-cancel").disabled = false;
  const bar = $("mc-progress");
  let job = data;
  while (job.state === "queued" || job.state === "running") {
    bar.value = job.progress;
    $("montecarlo-note").textContent = `${Math.round(100 * job.progress)}% of ${runs.toLocaleString()} draws and the sensitivity design`;
    await new Promise((resolve) => setTimeout(resolve, 200));
    job = (await api("/api/jobs/" + job.id)).data;
  }
  state.mcJob = null;
  $("mc-cancel").disabled = true;
  $("montecarlo").disabled = false;
  bar.value = job.state === "done" ? 1 : bar.value;
  if (job.state !== "done") { $("montecarlo-note").textContent = job.error; return; }
  renderMontecarlo(job.result);
}

async function cancelMontecarlo() {
  if (!state.mcJob) return;
  $("mc-cancel").disabled = true;
  await api("/api/jobs/" + state.mcJob + "/cancel", {});
}

function renderMontecarlo(r) {
  const table = $("montecarlo-table");
  table.replaceChildren();
  const share = (x) => (100 * x).toFixed(1) + "%";
  const options = (shares) => Object.entries(shares)
    .map(([issue, s]) => issue + ": " + Object.entries(s).filter(([, v]) => v > 0)
      .map(([o, v]) => `${o} ${share(v)}`).join(", ")).join("; ");
  const gains = Object.entries(r.gains).map(([p, g]) => g == null ? `${p} —`
    : `${p} ${g.median.toFixed(3)} [${g.p05.toFixed(3)}, ${g.p95.toFixed(3)}]`).join("; ");
  const top = r.sensitivity.slice(0, 3).map((row) => row.parameter
    + (row.ST == null ? ` swing ${row.swing.toFixed(3)}` : ` ST ${row.ST.toFixed(2)}`)).join("; ");
  const rows = [["P(ZOPA)", `${r.p_zopa.toFixed(3)} ± ${(1.96 * r.p_zopa_se).toFixed(3)}`],
    ["P(talks refused)", r.p_refused.toFixed(3)], ["Nash package", options(r.nash_options)],
    ["Kalai–Smorodinsky package", options(r.ks_options || {})],
    ["gain at the Nash point (median [5%, 95%])", gains],
    [`most influential on ${r.sensitivity_output}`, top || "—"]];
  if (r.coalition_members) {  // a vote: each draw's deal is its likeliest winning coalition's
    rows.push(["decision rule", r.parameters.decision_rule],
      ["in the adopting coalition (share of deals)", Object.entries(r.coalition_members)
        .map(([p, v]) => `${p} ${share(v)}`).join(", ")]);
  }
  for (const [k, v] of rows) table.append(el("tr", {}, el("td", { text: k }), el("td", { text: v })));
  $("montecarlo-note").textContent = `${r.runs.toLocaleString()} draws, seed ${r.seed}.`;
}

start();
