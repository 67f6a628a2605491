#!/usr/bin/env python3
"""Benchmark `notedeck build` against ankdown on synthetic vaults; see bench/README.md.

    python bench/run.py                      # 1,000 and 10,000 notes
    python bench/run.py --sizes 1000,10000,100000

For each size: generate the vault (cached under the work folder), then time notedeck's
cold build, a rebuild after editing one note and a rebuild with nothing changed, pinned to
one core and with its defaults (all cores), and ankdown (in its own venv) on the same
cards. Prints Markdown tables and writes bench/results.json.
Standard library only; works with whatever notedeck options exist (-j, the cache).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import gen_vault  # noqa: E402

MB = 1024 * 1024
CACHE_NAME = ".notedeck-cache"
EDIT_MARK = "Benchmark edit"

# --- measuring one command ------------------------------------------------------------------


class TreeSampler(threading.Thread):
    """Samples the summed memory of a process and all its descendants every `interval` s,
    or less often when sampling is costly.

    Uses PSS (/proc/PID/smaps_rollup: shared pages split between the processes sharing
    them, so forked workers are not double counted) where readable, else RSS. Reading
    smaps_rollup walks the process's page tables: about 30 ms for a 2 GB process, which
    every 50 ms would take most of a core from the build it measures (on a 2-core machine,
    a tenth of a 100k-note build's time). So the sampler waits 20 times as long as its last
    sample took: it never takes more than about 5 % of one core."""

    def __init__(self, root_pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.root, self.interval = root_pid, interval
        self.peak_kb, self.kind = 0, "pss"
        self.max_procs = 0
        self._halt = threading.Event()

    @staticmethod
    def _children() -> dict[int, list[int]]:
        tree: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            ppid = int(stat[stat.rfind(b")") + 2:].split()[1])
            tree.setdefault(ppid, []).append(int(entry.name))
        return tree

    def _mem_kb(self, pid: int) -> int:
        if self.kind == "pss":
            try:
                with open(f"/proc/{pid}/smaps_rollup") as f:
                    for line in f:
                        if line.startswith("Pss:"):
                            return int(line.split()[1])
            except OSError:
                pass
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def run(self) -> None:
        if not os.path.isdir("/proc"):
            return
        if not os.access(f"/proc/{self.root}/smaps_rollup", os.R_OK):
            self.kind = "rss"
        while not self._halt.is_set():
            began = time.perf_counter()
            tree, todo, pids = self._children(), [self.root], []
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo.extend(tree.get(pid, ()))
            total = sum(self._mem_kb(p) for p in pids)
            self.peak_kb = max(self.peak_kb, total)
            self.max_procs = max(self.max_procs, len(pids))
            self._halt.wait(max(self.interval, 20 * (time.perf_counter() - began)))

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=2)


def _parse_gnu_time(text: str) -> dict:
    out = {}
    for key, pattern in (("max_rss_kb", r"Maximum resident set size \(kbytes\): (\d+)"),
                         ("user_s", r"User time \(seconds\): ([\d.]+)"),
                         ("sys_s", r"System time \(seconds\): ([\d.]+)")):
        m = re.search(pattern, text)
        if m:
            out[key] = float(m.group(1))
    return out


def measure(cmd: list[str], cwd: Path, pin: bool, timeout: float, env=None) -> dict:
    """Run cmd; wall-clock seconds, peak RSS (largest process, from /usr/bin/time -v or
    getrusage(RUSAGE_CHILDREN) in a fresh helper process), peak PSS of the process tree."""
    full = list(cmd)
    if pin and shutil.which("taskset"):
        full = ["taskset", "-c", "0"] + full
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        time_file = tf.name
    if Path("/usr/bin/time").exists():
        wrapped, how = ["/usr/bin/time", "-v", "-o", time_file] + full, "gnu-time"
    else:
        wrapped, how = [sys.executable, str(Path(__file__).resolve()), "--_rusage", time_file,
                        "--"] + full, "getrusage"
    if env is None:
        # Both tools run as installed software does: with their compiled bytecode. Some
        # machines set PYTHONDONTWRITEBYTECODE for everything, which recompiles every
        # module of an editable install at each start.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    start = time.perf_counter()
    proc = subprocess.Popen(wrapped, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    timed_out = False
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
        timed_out = True
    wall = time.perf_counter() - start
    sampler.stop()
    info = _parse_gnu_time(Path(time_file).read_text()) if Path(time_file).exists() else {}
    Path(time_file).unlink(missing_ok=True)
    return {"cmd": " ".join(full), "cwd": str(cwd), "exit": proc.returncode,
            "timed_out": timed_out, "wall_s": round(wall, 3),
            "user_s": info.get("user_s"), "sys_s": info.get("sys_s"),
            "cpu_s": round(info["user_s"] + info["sys_s"], 2) if "user_s" in info else None,
            "load_before": round(load, 2) if load is not None else None,
            "peak_rss_mb": round(info["max_rss_kb"] / 1024, 1) if "max_rss_kb" in info else None,
            "tree_peak_mb": round(sampler.peak_kb / 1024, 1) if sampler.peak_kb else None,
            "tree_metric": sampler.kind, "max_processes": sampler.max_procs,
            "rss_source": how, "stdout_tail": stdout[-1500:], "stderr_tail": stderr[-1500:]}


def _rusage_helper(argv: list[str]) -> int:
    """`run.py --_rusage FILE -- cmd...`: the getrusage fallback for /usr/bin/time -v."""
    out, cmd = argv[0], argv[2:]
    rc = subprocess.call(cmd)
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    Path(out).write_text(f"Maximum resident set size (kbytes): {ru.ru_maxrss}\n"
                         f"User time (seconds): {ru.ru_utime:.2f}\n"
                         f"System time (seconds): {ru.ru_stime:.2f}\n")
    return rc


# --- notedeck --------------------------------------------------------------------------------


def find_notedeck(explicit: str | None) -> str:
    if explicit:
        return explicit
    local = REPO / ".venv" / "bin" / "notedeck"
    if local.exists():
        return str(local)
    found = shutil.which("notedeck")
    if not found:
        sys.exit("run.py: notedeck not found (activate the venv or pass --notedeck)")
    return found


def notedeck_features(exe: str) -> dict:
    help_text = subprocess.run([exe, "build", "--help"], capture_output=True, text=True).stdout
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    return {"jobs": "--jobs" in help_text or re.search(r"(^|\s)-j[,\s]", help_text) is not None,
            "no_cache": "--no-cache" in help_text, "version": version}


_READ = re.compile(r"read (\d+) notes: (\d+) cards")
_WROTE = re.compile(r"wrote v(\S+) \(([^)]*)\)")


def parse_notedeck(run: dict) -> None:
    text = run["stdout_tail"] + "\n" + run["stderr_tail"]
    m = _READ.search(text)
    run["notes"], run["cards"] = (int(m.group(1)), int(m.group(2))) if m else (None, None)
    w = _WROTE.search(text)
    if w:
        run["result"] = f"v{w.group(1)} ({w.group(2).replace(', 0 changed', '').replace(', 0 retired', '')})"
    elif "up to date" in text:
        run["result"] = "up to date"
    else:
        run["result"] = "?"
    if run["timed_out"]:
        run["result"] = "TIMED OUT"
    elif run["exit"]:
        errors = re.findall(r"^([\w.]*(?:Error|Exception)\b.*)$", run["stderr_tail"], re.M)
        why = errors[-1][:90] if errors else run["stderr_tail"].strip()[-90:]
        run["result"] = f"FAILED (exit {run['exit']}: {why})"


def delete_caches(*folders: Path) -> list[str]:
    gone = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in [folder / CACHE_NAME, *folder.rglob(CACHE_NAME)]:
            if path.exists():
                shutil.rmtree(path, ignore_errors=True)
                gone.append(str(path))
    return gone


def pick_edit_note(vault_dir: Path, notes: int, seed: int) -> Path:
    """A Markdown note in the middle of the vault (the file a person would be editing)."""
    for i in list(range(notes // 2, notes)) + list(range(0, notes // 2)):
        note = gen_vault.make_note(seed, i)
        if note["shape"] == "markdown":
            return vault_dir / note["rel"]
    return vault_dir / gen_vault.make_note(seed, notes // 2)["rel"]


def edited(text: str, serial: int) -> str:
    """One new key term in the Key Terms list: one card added, the rest unchanged."""
    line = (f"- **{EDIT_MARK} {serial}:** A new definition written while benchmarking, "
            "so exactly one card is added.\n")
    marker = "## Key Terms\n\n"
    if marker in text:
        return text.replace(marker, marker + line, 1)
    return text + "\n" + line


def notedeck_series(exe: str, feats: dict, vault: Path, vault_dir: Path, notes: int,
                    seed: int, mode: str, work: Path, timeout: float) -> list[dict]:
    """cold -> edit one note -> nothing changed, in a fresh run folder."""
    pin = mode == "1 core"
    run_dir = work / f"run-{notes}-{'pinned' if pin else 'default'}"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    cards_dir, decks_dir = run_dir / "cards", run_dir / "decks"
    cmd = [exe, "build", str(vault), "-o", str(decks_dir), "--cards-dir", str(cards_dir)]
    if pin and feats["jobs"]:
        cmd += ["-j", "1"]
    runs = []
    # The cache sits in the working folder or beside the cards folder: both are run_dir.
    deleted = delete_caches(run_dir, vault_dir)
    target = pick_edit_note(vault, notes, seed)
    original = target.read_bytes()
    stamp = vault_dir / ".complete"
    try:
        for step in ("cold", "edit 1 note", "no change"):
            if step == "edit 1 note":
                stamp.unlink(missing_ok=True)       # a killed run regenerates the vault
                target.write_text(edited(original.decode(), 1))
            run = measure(cmd, run_dir, pin, timeout)
            parse_notedeck(run)
            run.update(tool="notedeck", mode=mode, step=step, size=notes)
            if step == "cold":
                run["caches_deleted"] = deleted
            if step == "edit 1 note":
                run["edited_note"] = str(target.relative_to(vault))
            runs.append(run)
            print(f"  notedeck {mode:9} {step:12} {run['wall_s']:8.2f} s  {run['result']}",
                  file=sys.stderr, flush=True)
            if run["timed_out"]:
                break
    finally:
        target.write_bytes(original)
        if not stamp.exists():
            stamp.write_text(json.dumps({"restored": True}))
    return runs


# --- ankdown ---------------------------------------------------------------------------------


def ankdown_setup(work: Path) -> dict:
    """ankdown in its own venv under the work folder: {'exe', 'version'} or {'error'}."""
    venv = work / "ankdown-venv"
    exe = venv / "bin" / "ankdown"
    log = []
    if not exe.exists():
        shutil.rmtree(venv, ignore_errors=True)
        steps = [[sys.executable, "-m", "venv", str(venv)],
                 [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "ankdown"]]
        for step in steps:
            p = subprocess.run(step, capture_output=True, text=True)
            log.append(p.stdout[-800:] + p.stderr[-800:])
            if p.returncode:
                return {"error": f"`{' '.join(step)}` failed: " + log[-1].strip()[-600:]}
    p = subprocess.run([str(exe), "--help"], capture_output=True, text=True)
    if p.returncode:
        return {"error": "ankdown installed but `ankdown --help` failed: "
                         + (p.stderr or p.stdout)[-600:]}
    show = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "show", "ankdown"],
                          capture_output=True, text=True).stdout
    m = re.search(r"^Version: (\S+)", show, re.M)
    return {"exe": str(exe), "version": m.group(1) if m else "?"}


def ankdown_run(ank: dict, ank_dir: Path, notes: int, cards: int, work: Path,
                timeout: float) -> dict:
    """As its README says: `ankdown -r DIR -p PACKAGE.apkg`, one process, pinned to a core."""
    run_dir = work / f"run-{notes}-ankdown"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    run = measure([ank["exe"], "-r", str(ank_dir), "-p", str(run_dir / "ankdown.apkg")],
                  run_dir, True, timeout)
    ok = run["exit"] == 0 and (run_dir / "ankdown.apkg").exists()
    run.update(tool="ankdown", mode="1 core", step="cold", size=notes,
               cards=cards if ok else None, notes=notes,
               result=f"{(run_dir / 'ankdown.apkg').stat().st_size // 1024} KB apkg"
               if ok else f"FAILED exit {run['exit']}")
    print(f"  ankdown  1 core    cold         {run['wall_s']:8.2f} s  {run['result']}",
          file=sys.stderr, flush=True)
    return run


# --- vaults ----------------------------------------------------------------------------------


def ensure_vault(work: Path, notes: int, seed: int) -> tuple[Path, dict, float]:
    out = work / f"vault-{notes}-s{seed}-g{gen_vault.GENERATOR_VERSION}"
    stamp = out / ".complete"
    if stamp.exists() and (out / "manifest.json").exists():
        return out, json.loads((out / "manifest.json").read_text()), 0.0
    print(f"generating {notes} notes in {out}", file=sys.stderr, flush=True)
    start = time.perf_counter()
    shutil.rmtree(out, ignore_errors=True)
    manifest = gen_vault.generate(out, notes, seed)
    stamp.write_text("ok\n")
    return out, manifest, round(time.perf_counter() - start, 2)


# --- start-up --------------------------------------------------------------------------------


def startup_check(exe: str, work: Path, seed: int, timeout: float, runs: int = 5) -> dict:
    helps = [measure([exe, "--help"], work, False, timeout) for _ in range(runs)]
    help_walls = [r["wall_s"] for r in helps]
    out, manifest, _ = ensure_vault(work, 10, seed)
    build = []
    for _ in range(runs):
        run_dir = work / "run-startup"
        shutil.rmtree(run_dir, ignore_errors=True)
        run_dir.mkdir(parents=True)
        delete_caches(run_dir, out)
        r = measure([exe, "build", str(out / "vault"), "-o", str(run_dir / "decks"),
                     "--cards-dir", str(run_dir / "cards")], run_dir, False, timeout)
        parse_notedeck(r)
        build.append(r)
    return {"help_s": statistics.median(help_walls), "help_runs_s": help_walls,
            "help_cpu_s": statistics.median(r["cpu_s"] or 0 for r in helps),
            "build10_cpu_s": statistics.median(r["cpu_s"] or 0 for r in build),
            "build10_s": statistics.median(r["wall_s"] for r in build),
            "build10_runs_s": [r["wall_s"] for r in build],
            "build10_exit": [r["exit"] for r in build],
            "build10_cards": build[-1].get("cards"),
            "build10_peak_rss_mb": max((r["peak_rss_mb"] or 0) for r in build)}


# --- report ----------------------------------------------------------------------------------


def fmt(x, nd=2, dash="—"):
    if x is None:
        return dash
    if isinstance(x, float):
        return f"{x:,.{nd}f}"
    return f"{x:,}" if isinstance(x, int) else str(x)


def results_table(sizes: dict) -> str:
    head = ("| notes | tool | mode | step | wall s | cpu s | cards | cards/s | peak RSS MB "
            "| tree PSS MB | ÷ ankdown wall (cpu) | load | result |")
    lines = [head, "|" + "---|" * 13]
    for size, data in sizes.items():
        ank = data.get("ankdown_run")
        ank_wall = ank["wall_s"] if ank and ank.get("cards") else None
        ank_cpu = ank.get("cpu_s") if ank and ank.get("cards") else None
        for r in data["runs"] + ([ank] if ank else []):
            ok = r["exit"] == 0 and not r["timed_out"]
            cps = r["cards"] / r["wall_s"] if ok and r.get("cards") and r["wall_s"] else None
            ratio = "—"
            if ok and ank_wall and r["tool"] == "notedeck" and r["step"] == "cold":
                ratio = f"{r['wall_s'] / ank_wall:.2f}"
                if ank_cpu and r.get("cpu_s"):
                    ratio += f" ({r['cpu_s'] / ank_cpu:.2f})"
            wall = fmt(r["wall_s"]) + (" (timeout)" if r["timed_out"] else "")
            lines.append(f"| {int(size):,} | {r['tool']} | {r['mode']} | {r['step']} | {wall} "
                         f"| {fmt(r.get('cpu_s'))} | {fmt(r.get('cards'))} | {fmt(cps, 0)} "
                         f"| {fmt(r['peak_rss_mb'], 0)} | {fmt(r['tree_peak_mb'], 0)} | {ratio} "
                         f"| {fmt(r.get('load_before'), 1)} | {r.get('result', '')} |")
        if data.get("ankdown_error"):
            lines.append(f"| {int(size):,} | ankdown | — | — | — | — | — | — | — | — | — | — "
                         f"| not run: {data['ankdown_error'][:120]} |")
    return "\n".join(lines)


def _get(sizes, size, mode, step):
    for r in sizes.get(str(size), {}).get("runs", []):
        if r["mode"] == mode and r["step"] == step and r["exit"] == 0 and not r["timed_out"]:
            return r
    return None


def targets(sizes: dict, startup: dict | None) -> list[dict]:
    """The issue's targets, checked in each notedeck mode that was run."""
    out = []

    def add(name, measured, limit, passed):
        out.append({"target": name, "measured": measured, "limit": limit,
                    "pass": passed})

    modes = ["1 core", "all cores"]
    for size in (1000, 10000):
        data = sizes.get(str(size))
        if not data:
            continue
        ank = data.get("ankdown_run")
        for mode in modes:
            cold = _get(sizes, size, mode, "cold")
            if cold and ank and ank.get("cards"):
                ratio = cold["wall_s"] / ank["wall_s"]
                cpu = (f"; cpu {cold['cpu_s'] / ank['cpu_s']:.2f} ×"
                       if cold.get("cpu_s") and ank.get("cpu_s") else "")
                add(f"{size:,}: cold build ≤ 0.7 × ankdown ({mode})",
                    f"{ratio:.2f} × ({cold['wall_s']:.2f} s vs {ank['wall_s']:.2f} s{cpu})",
                    "0.70 ×", ratio <= 0.7)
    for mode in modes:
        edit = _get(sizes, 1000, mode, "edit 1 note")
        if edit:
            add(f"1,000: build after editing 1 note ≤ 1 s ({mode})",
                f"{edit['wall_s']:.2f} s (cpu {fmt(edit.get('cpu_s'))} s)",
                "1 s", edit["wall_s"] <= 1.0)
        edit, cold = _get(sizes, 10000, mode, "edit 1 note"), _get(sizes, 10000, mode, "cold")
        if edit and cold:
            ratio = edit["wall_s"] / cold["wall_s"]
            add(f"10,000: build after editing 1 note ≤ 0.25 × cold ({mode})",
                f"{ratio:.2f} × ({edit['wall_s']:.2f} s vs {cold['wall_s']:.2f} s)",
                "0.25 ×", ratio <= 0.25)
        big, ten = _get(sizes, 100000, mode, "cold"), _get(sizes, 10000, mode, "cold")
        if big and ten:
            ratio = big["wall_s"] / ten["wall_s"]
            add(f"100,000: cold build ≤ 11 × the 10,000 build ({mode})", f"{ratio:.1f} ×",
                "11 ×", ratio <= 11)
        if str(100000) in sizes:
            peaks = [max(r["peak_rss_mb"] or 0, r["tree_peak_mb"] or 0)
                     for r in sizes["100000"]["runs"] if r["mode"] == mode]
            if peaks:
                peak = max(peaks)
                # 2 GB: 1.37 million cards, far beyond any real collection; readable code
                # comes before the last few hundred MB there (the 10,000-note peak is
                # held under 250 MB).
                add(f"100,000: peak memory ≤ 2 GB ({mode})", f"{peak:,.0f} MB", "2,048 MB",
                    peak <= 2048)
        if str(10000) in sizes:
            peaks = [max(r["peak_rss_mb"] or 0, r["tree_peak_mb"] or 0)
                     for r in sizes["10000"]["runs"] if r["mode"] == mode]
            if peaks:
                add(f"10,000: peak memory ≤ 250 MB ({mode})", f"{max(peaks):,.0f} MB",
                    "250 MB", max(peaks) <= 250)
    if startup:
        add("`notedeck --help` ≤ 0.5 s (median of 5)", f"{startup['help_s']:.3f} s", "0.5 s",
            startup["help_s"] <= 0.5)
        ok = all(e == 0 for e in startup["build10_exit"])
        add("10-note build ≤ 0.5 s (median of 5, cold)", f"{startup['build10_s']:.3f} s"
            + ("" if ok else " (some runs failed)"), "0.5 s", ok and startup["build10_s"] <= 0.5)
    return out


def targets_table(rows: list[dict]) -> str:
    lines = ["| target | measured | pass |", "|---|---|---|"]
    for t in rows:
        lines.append(f"| {t['target']} | {t['measured']} | {'yes' if t['pass'] else '**no**'} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_rusage"]:
        return _rusage_helper(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000",
                    help="comma-separated vault sizes in notes [1000,10000]")
    ap.add_argument("--seed", type=int, default=1, help="vault seed [1]")
    ap.add_argument("--work", type=Path,
                    default=Path(tempfile.gettempdir()) / "notedeck-bench",
                    help="folder for vaults, the ankdown venv and run folders "
                         "[$TMPDIR/notedeck-bench]; vaults are reused between runs")
    ap.add_argument("--modes", default="1 core,all cores",
                    help="notedeck modes: '1 core' (taskset -c 0, -j 1) and/or 'all cores' "
                         "(its defaults) [both]")
    ap.add_argument("--no-ankdown", action="store_true", help="skip ankdown")
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up check")
    ap.add_argument("--notedeck", help="notedeck executable [.venv/bin/notedeck, else PATH]")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per command [3600]")
    ap.add_argument("--out", type=Path, default=HERE / "results.json",
                    help="results file [bench/results.json]")
    args = ap.parse_args(argv)

    sizes_wanted = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    for m in modes:
        if m not in ("1 core", "all cores"):
            ap.error(f"unknown mode {m!r}")
    args.work.mkdir(parents=True, exist_ok=True)
    exe = find_notedeck(args.notedeck)
    feats = notedeck_features(exe)
    feats["version"] = feats["version"].replace("notedeck, version ", "")
    meta = {"date": time.strftime("%Y-%m-%d %H:%M:%S %z"), "notedeck": exe,
            "notedeck_version": feats["version"], "jobs_option": feats["jobs"],
            "no_cache_option": feats["no_cache"], "python": platform.python_version(),
            "platform": platform.platform(), "cpus": os.cpu_count(),
            "taskset": bool(shutil.which("taskset")),
            "gnu_time": Path("/usr/bin/time").exists(), "seed": args.seed,
            "loadavg_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
            "work": str(args.work), "command": " ".join([Path(sys.argv[0]).name] + argv)}
    print(f"notedeck: {exe} ({feats['version']}); -j: {'yes' if feats['jobs'] else 'no'}; "
          f"cpus: {os.cpu_count()}; taskset: {'yes' if meta['taskset'] else 'no'}",
          file=sys.stderr, flush=True)

    ank = {"error": "skipped (--no-ankdown)"} if args.no_ankdown else ankdown_setup(args.work)
    if "error" in ank:
        print(f"ankdown: NOT RUN: {ank['error']}", file=sys.stderr, flush=True)
    else:
        print(f"ankdown: {ank['exe']} (version {ank['version']})", file=sys.stderr, flush=True)
    meta["ankdown"] = ank

    startup = None
    if not args.no_startup:
        startup = startup_check(exe, args.work, args.seed, args.timeout)
        print(f"start-up: --help {startup['help_s']:.3f} s, 10-note build "
              f"{startup['build10_s']:.3f} s (medians of 5)", file=sys.stderr, flush=True)

    sizes: dict[str, dict] = {}
    for n in sizes_wanted:
        out, manifest, gen_s = ensure_vault(args.work, n, args.seed)
        data = {"manifest": manifest, "generate_s": gen_s, "runs": []}
        sizes[str(n)] = data
        print(f"{n:,} notes: {manifest['cards']:,} cards, {manifest['bytes'] / MB:.1f} MB",
              file=sys.stderr, flush=True)
        for mode in modes:
            data["runs"] += notedeck_series(exe, feats, out / "vault", out, n, args.seed,
                                            mode, args.work, args.timeout)
        if "error" in ank:
            data["ankdown_error"] = ank["error"]
        else:
            data["ankdown_run"] = ankdown_run(ank, out / "ankdown", n, manifest["cards"],
                                              args.work, args.timeout)
        # write as we go, so a long run that is stopped keeps what it measured
        _write(args.out, meta, startup, sizes)

    meta["loadavg_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    report = _write(args.out, meta, startup, sizes)
    print(report)
    return 0


def _write(path: Path, meta, startup, sizes) -> str:
    tgt = targets(sizes, startup)
    parts = ["## Results", "", results_table(sizes), ""]
    if startup:
        parts += [f"Start-up (medians of 5 runs, notedeck's defaults): `notedeck --help` "
                  f"{startup['help_s']:.3f} s wall, {startup['help_cpu_s']:.2f} s cpu; cold "
                  f"build of 10 notes {startup['build10_s']:.3f} s wall, "
                  f"{startup['build10_cpu_s']:.2f} s cpu.", ""]
    parts += ["## Targets", "", targets_table(tgt), ""]
    ank = meta.get("ankdown", {})
    parts.append(f"ankdown: {'version ' + ank['version'] if 'version' in ank else 'NOT RUN — ' + ank.get('error', '?')}; "
                 f"notedeck {meta['notedeck_version']}; {meta['cpus']} CPUs; "
                 f"python {meta['python']}; load average at start "
                 f"{fmt((meta.get('loadavg_start') or [None])[0], 1)} "
                 "(the load column: 1-minute load average before each command).")
    report = "\n".join(parts)
    doc = {"meta": meta, "startup": startup, "sizes": sizes, "targets": tgt,
           "markdown": report}
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    return report


if __name__ == "__main__":
    sys.exit(main())
