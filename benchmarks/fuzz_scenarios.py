"""Fuzz every command and the web API with broken scenarios; count how each input ended.

    python benchmarks/fuzz_scenarios.py [--inputs 10000] [--seed 0] [--workers 2]

Inputs (all from one seed, numpy's SeedSequence): mutations of the shipped examples (a leaf
replaced by a numeric extreme or junk, a key deleted, a list repeated, text with a lone
surrogate), structural bombs (YAML alias bombs, deep nesting, long lists, many parties or
issues, deep or long rules, huge integers, bytes that are not text), and command-line options
(valid small values, and the extremes each option must refuse). Targets: the commands validate,
analyze, agendas, explain, forecast, simulate, tournament and montecarlo, called in-process
(typer's CliRunner), and the API routes (FastAPI's TestClient) including the jobs.

Each input runs in a worker process. An input ends as one of:

- ``success``: exit 0 / HTTP 2xx;
- ``clean error``: a RedlineError message (exit 2) / HTTP 4xx;
- ``stopped``: the server stopped a computation at its time limit (HTTP 503, by design);
- ``traceback``: any other exception, or HTTP 5xx (a bug: the report lists them);
- ``hang``: no answer after --hang CPU-seconds (20; CPU time, as the machine may be shared:
  under a load of 16 on 2 cores, 5 CPU-seconds took 76 s), or 15 times that on the wall clock
  (a deadlock): the worker is killed and replaced;
- ``memory``: the worker passed --memory GB (3) of resident memory, or raised MemoryError.

The test suite runs a small budget on a fixed seed (tests/reliability/test_fuzzer.py).
"""

from __future__ import annotations

import argparse
import copy
import json
import multiprocessing
import os
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
COMMANDS = ("validate", "analyze", "agendas", "explain", "forecast", "simulate", "tournament",
            "montecarlo")
ROUTES = ("validate", "analyze", "space", "agendas", "explain", "forecast", "montecarlo",
          "simulate")
# Generation 2 adds every other command that reads a scenario, and the desk's routes; an input
# of generation 1 is unchanged (so earlier findings replay), generation 2 re-aims some of them.
MORE_COMMANDS = ("brief", "thresholds", "sweep", "compare", "diff", "coalitions", "power",
                 "report", "plot")
MORE_ROUTES = ("brief", "charts", "thresholds", "sweep", "report", "files/read", "files/yaml",
               "scenarios")
GENERATION = 2
EXTREMES: list[Any] = [float("nan"), float("inf"), float("-inf"), 1e308, -1e308, 5e-324, 0, -1,
                       2**64, -(2**63), 10**40, True, None, "", "x" * 5000, "caf\udcff", [], {},
                       [[[]]], 0.5, 1, 2, "no", "yes"]
OUTCOMES = ("success", "clean error", "stopped", "traceback", "hang", "memory")
JSON_COMMANDS = ("analyze", "agendas", "explain", "forecast", "simulate", "tournament",
                 "montecarlo", "brief", "thresholds", "sweep", "compare", "coalitions", "power")


# --- inputs -----------------------------------------------------------------------------------


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    pending = [(data, path)]
    while pending:
        value, where = pending.pop()
        items = value.items() if isinstance(value, dict) else enumerate(value) \
            if isinstance(value, list) else ()
        for key, sub in items:
            found.append((*where, key))
            pending.append((sub, (*where, key)))
    return found


def _mutate(data: Any, rng: np.random.Generator) -> Any:
    data = copy.deepcopy(data)
    for _ in range(int(rng.integers(1, 4))):
        paths = [p for p in _leaves(data) if p]
        path = paths[int(rng.integers(len(paths)))]
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        key = path[-1]
        kind = rng.random()
        if kind < 0.55:
            parent[key] = EXTREMES[int(rng.integers(len(EXTREMES)))]
        elif kind < 0.7:
            del parent[key]
        elif kind < 0.85 and isinstance(parent[key], list) and parent[key]:
            parent[key] = parent[key] * int(rng.choice([2, 10, 300]))
        elif isinstance(parent[key], str):
            parent[key] = parent[key] + str(rng.choice(["\udcff", "'", "(", " implies ", "é"]))
        else:
            parent[key] = copy.deepcopy(parent[key])
    return data


def _scenario(parties: int, issues: int, options: int, rule: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "redline/1", "title": f"{parties} parties x {issues} issues",
        "actors": [{"id": f"P{p}", "name": f"P{p}", "role": "party"} for p in range(parties)],
        "issues": [{"id": f"i{k}", "name": f"i{k}", "options": [f"o{j}" for j in range(options)],
                    "status_quo": "o0"} for k in range(issues)],
        "preferences": {f"P{p}": {
            "weights": {f"i{k}": 1 + (p + k) % 3 for k in range(issues)},
            "values": {f"i{k}": [((j + p) % options) / max(options - 1, 1)
                                 for j in range(options)] for k in range(issues)},
            "reservation": 0.1} for p in range(parties)},
    }
    if rule is not None:
        data["red_lines"] = [{"id": "r", "actor": "P0", "rule": rule}]
    return data


def _bomb(rng: np.random.Generator) -> str | dict[str, Any] | bytes:
    kind = int(rng.integers(10))
    if kind == 0:
        width, depth = int(rng.integers(3, 12)), int(rng.integers(3, 10))
        lines = ["format: redline/1", "title: t",
                 f"a0: &a0 [{', '.join(['x'] * width)}]"]
        lines += [f"a{d}: &a{d} [{', '.join([f'*a{d - 1}'] * width)}]" for d in range(1, depth)]
        return "\n".join(lines) + "\n"
    if kind == 1:
        depth = int(rng.choice([50, 70, 1000, 100_000]))
        return "format: redline/1\ntitle: " + "[" * depth + "]" * depth + "\n"
    if kind == 2:
        count = int(rng.choice([1000, 100_001, 500_000]))
        return "format: redline/1\ntitle: t\nsources: [" + ",".join(["1"] * count) + "]\n"
    if kind == 3:
        return _scenario(int(rng.choice([3, 10, 30, 64, 65, 120])), 1, 2)
    if kind == 4:
        return _scenario(2, int(rng.choice([20, 33, 40, 64, 100])), int(rng.choice([2, 3])))
    if kind == 5:
        depth = int(rng.choice([10, 63, 64, 65, 200, 1000]))
        word = ["(", "not ", "x implies "][int(rng.integers(3))]
        rule = (word * depth + "i0 == 'o0'" + (")" * depth if word == "(" else "")).replace(
            "x implies ", "i0 == 'o1' implies ")
        return _scenario(2, 2, 2, rule)
    if kind == 6:
        return _scenario(2, 2, 2, " or ".join(["i0 == 'o0'"] * int(rng.choice([10, 500]))))
    if kind == 7:
        digits = int(rng.choice([20, 400, 4300, 4301, 10_000]))
        return yaml.safe_dump(_scenario(2, 1, 2)).replace("reservation: 0.1",
                                                          "reservation: " + "9" * digits, 1)
    if kind == 8:
        return bytes(rng.integers(0, 256, int(rng.integers(1, 2000)), dtype=np.uint8))
    return _scenario(int(rng.integers(2, 6)), int(rng.integers(1, 8)), int(rng.integers(2, 6)))


OPTIONS: dict[str, list[list[str]]] = {
    "validate": [[]],
    "analyze": [[], ["--method", "merge"], ["--method", "enumerate"], ["--max-outcomes", "1"],
                ["--max-outcomes", "-5"], ["--events", "all"]],
    "agendas": [[], ["--max-agendas", "64"], ["--max-agendas", "0"], ["--top", "1"]],
    "explain": [[], ["--max-size", "1"], ["--max-size", "99"]],
    "forecast": [["--model", "compromise"], ["--model", "bdm"], ["--model", "nash"],
                 ["--model", "smp"], ["--model", "exchange"]],
    "simulate": [["--runs", "5"], ["--runs", "3", "--protocol", "all"], ["--seed", "-1"],
                 ["--runs", "5", "--breakdown", "nan"], ["--runs", "0"],
                 ["--runs", "5", "--seed", "18446744073709551616"]],
    "tournament": [["--runs", "1", "--strategies", "linear,boulware"], ["--seed", "-1"],
                   ["--runs", "1", "--strategies", "conceder"], ["--runs", "2", "--rounds", "0"]],
    "montecarlo": [["--runs", "10", "--sobol", "0"], ["--runs", "-3"], ["--runs", "8"],
                   ["--runs", "10", "--sobol", "0", "--seed", "-2"]],
    "brief": [[], ["--montecarlo", "20"], ["--montecarlo", "-1"], ["--format", "markdown"]],
    "thresholds": [[], ["--max-outcomes", "3"]],
    "sweep": [["--from", "0", "--to", "1", "--steps", "5"], ["--from", "nan", "--to", "1"],
              ["--from", "0", "--to", "1", "--steps", "1000000"]],
    "compare": [[], ["--event", "nope"], ["--edge", "A:B:C"]],
    "diff": [[]],
    "coalitions": [[], ["--max-coalitions", "1"], ["--max-partial-agendas", "2"]],
    "power": [[], ["--method", "monte-carlo", "--samples", "500"], ["--samples", "-1"]],
    "report": [["--runs", "20", "--sobol", "0"], ["--runs", "0"]],
    "plot": [[], ["--parties", "X,Y"]],
}


def make_input(seed: int, index: int, generation: int = GENERATION) -> dict[str, Any]:
    """Input `index` of the run with `seed`: the same triple gives the same input. Generation 1
    aims at the first eight commands and routes only; generation 2 re-aims half of the inputs
    (drawn from a second stream, so the document is the same) at the others."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, index]))
    source = EXAMPLES[int(rng.integers(len(EXAMPLES)))]
    base = yaml.safe_load(source.read_text(encoding="utf-8"))
    roll = rng.random()
    document: Any = base if roll < 0.25 else _mutate(base, rng) if roll < 0.8 else _bomb(rng)
    party = next((a["id"] for a in base["actors"] if a.get("role") == "party"), "X")
    if generation >= 2:
        more = np.random.default_rng(np.random.SeedSequence([seed, index, 2]))
        if more.random() < 0.5:
            if more.random() < 0.4:
                route = MORE_ROUTES[int(more.integers(len(MORE_ROUTES)))]
                return {"target": "api", "route": route, "document": document,
                        "parameters": _api_parameters(route, more, party),
                        "base": source.name}
            command = MORE_COMMANDS[int(more.integers(len(MORE_COMMANDS)))]
            options = OPTIONS[command][int(more.integers(len(OPTIONS[command])))]
            return {"target": "cli", "command": command, "document": document,
                    "options": options, "json": bool(more.random() < 0.3),
                    "base": source.name, "party": party}
    if rng.random() < 0.4:
        route = ROUTES[int(rng.integers(len(ROUTES)))]
        return {"target": "api", "route": route, "document": document,
                "parameters": _api_parameters(route, rng, party)}
    command = COMMANDS[int(rng.integers(len(COMMANDS)))]
    options = OPTIONS[command][int(rng.integers(len(OPTIONS[command])))]
    return {"target": "cli", "command": command, "document": document, "options": options,
            "json": bool(rng.random() < 0.3)}


def _api_parameters(route: str, rng: np.random.Generator, party: str) -> dict[str, Any]:
    pick = rng.random()
    if route in ("brief", "charts"):
        return {"montecarlo": int(rng.choice([0, 20, -1]))}
    if route == "sweep":
        return {"parameter": str(rng.choice([f"{party}.reservation", "nobody.reservation"])),
                "steps": int(rng.choice([5, 2, 1000]))}
    if route == "report":
        return {"runs": int(rng.choice([20, 0])), "sobol": 0}
    if route in ("files/read", "files/yaml", "scenarios", "thresholds"):
        return {}
    if route == "montecarlo":
        return {"runs": int(rng.choice([5, 10, 0])), "sobol": 0}
    if route == "simulate":
        return {"runs": int(rng.choice([3, 10, -1])), "seed": int(rng.choice([0, 7, -1]))}
    if route == "forecast":
        return {"model": str(rng.choice(["compromise", "bdm", "nash", "nope"]))}
    if route == "agendas":
        return {"max_agendas": int(rng.choice([16, 64, 0]))}
    return {} if pick < 0.8 else {"max_outcomes": float("nan")}


# --- running one input --------------------------------------------------------------------------


def _text(document: Any) -> str | bytes:
    if isinstance(document, str | bytes):
        return document
    try:
        return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, UnicodeEncodeError, RecursionError):
        return json.dumps(document, default=str)


class Runner:
    """The targets, built once per worker process."""

    def __init__(self) -> None:
        from fastapi.testclient import TestClient
        from typer.testing import CliRunner

        from redline.cli import commands  # noqa: F401  (registers the commands)
        from redline.cli.app import app
        from redline.web import create_app
        from redline.web.app import Settings

        self.app = app
        self.cli = CliRunner()
        # The server's own request time limit (30 s); jobs get 120 s (the server's 10 minutes
        # would outlast the 150 s the fuzzer waits for a job).
        settings = Settings(timeout=Settings.timeout, job_timeout=120.0)
        self.client = TestClient(create_app(settings), base_url="http://localhost")
        self.folder = Path(tempfile.mkdtemp(prefix="redline-fuzz-"))

    def run(self, item: dict[str, Any]) -> tuple[str, str]:
        if item["target"] == "cli":
            return self._cli(item)
        return self._api(item)

    def _cli(self, item: dict[str, Any]) -> tuple[str, str]:
        path = self.folder / "scenario.yaml"
        text = _text(item["document"])
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        command = item["command"]
        args = [command, str(path), *item["options"]]
        if command in ("compare", "diff"):  # the shipped example, then the fuzzed one
            args = [command, str(ROOT / "examples" / item["base"]), str(path), *item["options"]]
        elif command == "sweep":
            args += ["--param", f"{item['party']}.reservation"]
        elif command in ("report", "plot"):
            args += ["--output", str(self.folder / ("out.html" if command == "report"
                                                    else "out.svg"))]
        if item["json"] and command in JSON_COMMANDS:
            args += ["--format", "json"]
        result = self.cli.invoke(self.app, args)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            return "traceback", _describe(result.exc_info)
        if result.exit_code == 0:
            return "success", ""
        return "clean error", result.output.strip().splitlines()[-1][:200] if result.output \
            else ""

    def _api(self, item: dict[str, Any]) -> tuple[str, str]:
        route, document = item["route"], item["document"]
        if isinstance(document, bytes):
            response = self.client.post(f"/api/{route}", content=document,
                                        headers={"content-type": "application/json"})
        else:
            body: dict[str, Any] = {"scenario": document if isinstance(document, dict)
                                    else {"format": "redline/1", "title": document[:100]}}
            if route == "files/read":  # the editor's upload: the file's text
                body = {"text": _text(document), "name": "fuzzed.yaml"}
            elif route in ("agendas", "explain", "forecast", "montecarlo", "simulate"):
                body["parameters"] = item["parameters"]
            else:
                body.update(item["parameters"])
            content = json.dumps(body, default=str).encode("utf-8", "surrogatepass")
            response = self.client.post(f"/api/{route}", content=content,
                                        headers={"content-type": "application/json"})
        if response.status_code == 202:
            response = self._wait(response.json()["id"])
            if response is None:
                return "traceback", "a job never finished"
        status = response.status_code
        if status == 503:
            return "stopped", response.text[:200]
        if status >= 500:
            return "traceback", f"HTTP {status}: {response.text[:300]}"
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if isinstance(answer, dict) and answer.get("state") == "failed":
            error = str(answer.get("error"))
            kind = "traceback" if error.startswith("internal error") else "clean error"
            return ("stopped" if "was stopped" in error else kind), error[:200]
        return ("success" if status < 400 else "clean error"), ""

    def _wait(self, job_id: str) -> Any:
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline:
            response = self.client.get(f"/api/jobs/{job_id}")
            if response.json()["state"] not in ("queued", "running"):
                return _JobAnswer(response.json())
            time.sleep(0.02)
        return None


class _JobAnswer:
    def __init__(self, view: dict[str, Any]):
        self.view = view
        self.status_code = 200
        self.text = json.dumps(view, default=str)[:300]

    def json(self) -> dict[str, Any]:
        return self.view


def _describe(exc_info: Any) -> str:
    if not exc_info:
        return "unknown exception"
    kind, value, trace = exc_info
    frames = traceback.extract_tb(trace)
    ours = [f for f in frames if "redline" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{kind.__name__}: {str(value)[:160]} ({where})"


def _worker(conn: Any, memory: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory + 2 * 1024**3,) * 2)  # a backstop
    except (ImportError, ValueError, OSError):
        pass
    runner = Runner()
    conn.send(("ready", ""))
    while True:
        item = conn.recv()
        if item is None:
            return
        try:
            conn.send(runner.run(item))
        except MemoryError:
            conn.send(("memory", f"MemoryError in {item.get('command') or item.get('route')}"))
        except Exception:  # noqa: BLE001 - a bug of the target, reported as a traceback
            conn.send(("traceback", _describe(sys.exc_info())))


# --- the driver ---------------------------------------------------------------------------------


class Worker:
    """One worker process and the pipe to it; replaced after a hang or a memory kill."""

    def __init__(self, memory: int):
        self.memory = memory
        context = multiprocessing.get_context("spawn")
        self.conn, theirs = context.Pipe()
        # Not a daemon: the server it runs starts processes of its own.
        self.process = context.Process(target=_worker, args=(theirs, memory))
        self.process.start()
        self.item: dict[str, Any] | None = None
        self.started = 0.0
        self.cpu_start = 0.0
        self.peak = 0
        if not self.conn.poll(300):  # imports and the first app: not counted against an input
            raise RuntimeError("a fuzz worker did not start within 300 s")
        self.conn.recv()

    def send(self, item: dict[str, Any]) -> None:
        self.item, self.started, self.peak = item, time.monotonic(), 0
        self.cpu_start = self.cpu()
        self.conn.send(item)

    def _members(self) -> list[Any]:
        import psutil

        try:
            process = psutil.Process(self.process.pid)
            return [process, *process.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def cpu(self) -> float:
        """CPU seconds of the worker and its live children (the machine may be shared, so a
        hang is judged by CPU spent, not by the wall clock alone)."""
        import psutil

        total = 0.0
        for member in self._members():
            try:
                times = member.cpu_times()
                total += times.user + times.system + times.children_user + times.children_system
            except psutil.NoSuchProcess:
                continue
        return total

    def rss(self) -> int:
        """Resident bytes of the worker and its children (server computations)."""
        import psutil

        total = 0
        for member in self._members():
            try:
                total += member.memory_info().rss
            except psutil.NoSuchProcess:
                continue
        return total

    def kill(self) -> None:
        import psutil

        try:
            for child in psutil.Process(self.process.pid).children(recursive=True):
                child.kill()
        except psutil.NoSuchProcess:
            pass
        self.process.kill()
        self.process.join(5)


def _aimed(item: dict[str, Any], targets: tuple[str, ...]) -> bool:
    name = item["command"] if item["target"] == "cli" else f"api/{item['route']}"
    return item["target"] in targets or name in targets


def fuzz(inputs: int, seed: int = 0, workers: int = 2, hang: float = 20.0,
         memory_gb: float = 3.0, start: int = 0,
         targets: tuple[str, ...] = (), generation: int = GENERATION) -> dict[str, Any]:
    """Run inputs `start` .. `start + inputs - 1` of `seed`; counts by outcome and target.

    With `targets` (e.g. ``("api",)`` or ``("simulate", "api/agendas")``) only the inputs
    aimed at those run; the others are skipped, so each input keeps its index."""
    memory = int(memory_gb * 1024**3)
    pool = [Worker(memory) for _ in range(max(1, workers))]
    counts: Counter[str] = Counter()
    by_target: dict[str, Counter[str]] = {}
    failures: list[dict[str, Any]] = []
    seconds: dict[str, float] = {}
    peak = 0
    queue = list(range(start, start + inputs))
    began = time.monotonic()
    try:
        while queue or any(w.item is not None for w in pool):
            for worker in pool:
                if worker.item is None and queue:
                    index = queue.pop(0)
                    item = make_input(seed, index, generation)
                    item["index"] = index
                    if targets and not _aimed(item, targets):
                        continue
                    worker.send(item)
            time.sleep(0.01)
            for slot, worker in enumerate(pool):
                if worker.item is None:
                    continue
                worker.peak = max(worker.peak, worker.rss())
                peak = max(peak, worker.peak)
                outcome: tuple[str, str] | None = None
                if worker.conn.poll():
                    try:
                        outcome = worker.conn.recv()
                    except EOFError:
                        outcome = ("memory", "the worker died")
                elif worker.peak > memory:
                    outcome = ("memory", f"{worker.peak / 1024**3:.2f} GB resident")
                elif worker.cpu() - worker.cpu_start > hang:
                    outcome = ("hang", f"no answer after {hang:g} CPU-s")
                elif time.monotonic() - worker.started > 15 * hang:
                    outcome = ("hang", f"no answer in {15 * hang:g} s of wall clock")
                elif not worker.process.is_alive():
                    outcome = ("memory", "the worker died")
                if outcome is None:
                    continue
                item = worker.item
                kind, detail = outcome
                target = item["command"] if item["target"] == "cli" else f"api/{item['route']}"
                counts[kind] += 1
                by_target.setdefault(target, Counter())[kind] += 1
                seconds[target] = seconds.get(target, 0.0) + time.monotonic() - worker.started
                if kind in ("traceback", "hang", "memory", "stopped"):
                    failures.append({"index": item["index"], "target": target, "outcome": kind,
                                     "detail": detail})
                worker.item = None
                if kind in ("hang", "memory"):
                    worker.kill()
                    pool[slot] = Worker(memory)
    finally:
        for worker in pool:
            try:
                worker.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
            worker.process.join(5)
            if worker.process.is_alive():
                worker.kill()
    return {"inputs": sum(counts.values()), "seed": seed, "start": start,
            "generation": generation, "seconds": time.monotonic() - began,
            "counts": {k: counts.get(k, 0) for k in OUTCOMES},
            "by_target": {t: dict(c) for t, c in sorted(by_target.items())},
            "mean_seconds": {t: seconds[t] / sum(by_target[t].values()) for t in sorted(seconds)},
            "peak_rss_gb": peak / 1024**3, "failures": failures}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="index of the first input")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--hang", type=float, default=20.0, help="seconds before a hang")
    parser.add_argument("--memory", type=float, default=3.0, help="GB before a memory failure")
    parser.add_argument("--json", type=Path, help="also write the full report here")
    parser.add_argument("--generation", type=int, default=GENERATION, choices=(1, 2),
                        help="1: the first eight commands and routes only (earlier runs)")
    parser.add_argument("--targets", default="",
                        help="run only these: cli, api, a command or api/ROUTE (comma-separated)")
    args = parser.parse_args(argv)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    targets = tuple(t.strip() for t in args.targets.split(",") if t.strip())
    report = fuzz(args.inputs, args.seed, args.workers, args.hang, args.memory, args.start,
                  targets, args.generation)
    print(f"fuzz: {report['inputs']:,} inputs, seed {report['seed']}, generation "
          f"{report['generation']}, "
          f"{report['seconds']:.0f} s, peak resident {report['peak_rss_gb']:.2f} GB")
    print("  " + ", ".join(f"{k}: {v:,}" for k, v in report["counts"].items()))
    for target, counts in report["by_target"].items():
        print(f"  {target:<16} " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
              + f"  (mean {report['mean_seconds'][target]:.2f} s)")
    for failure in report["failures"][:50]:
        print(f"  ! input {failure['index']} {failure['target']} {failure['outcome']}: "
              f"{failure['detail']}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    bad = sum(report["counts"][k] for k in ("traceback", "hang", "memory", "stopped"))
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
