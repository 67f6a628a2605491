"""The shape of the code (docs/architecture.md), checked: stages import only earlier stages,
no import cycles (imports inside functions included), no module imports another's private
names, no module over 500 lines, no probing of notedeck's own objects with hasattr/getattr,
and only the CLI imports click, only the packaging module genanki."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import notedeck

ROOT = Path(notedeck.__file__).resolve().parent

# Each module's layer; a module may import from its own layer and the ones before it.
LAYERS = [
    {"model", "config", "fsutil", "jsontext"},
    {"reading"},
    {"extractors"},
    {"cards"},
    {"versioning"},
    {"anki"},
    {"pipeline", "build", "report"},
    {"cli", "__main__", "__init__"},
]
TOP_LEVEL_MODULES = 8       # besides __init__, __main__ and cli


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(("notedeck",) + parts)
        out[name.removesuffix(".__init__")] = path
    return out


def imports(name: str, path: Path) -> list[tuple[str, list[str], int]]:
    """(module imported, names imported, line) for every import, in functions too."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((target, [a.name for a in node.names], node.lineno))
    return found


def own(target: str, known: dict) -> str | None:
    """The notedeck module an import names (a name imported from a package may itself be
    a module: ``from . import lists``)."""
    while target and target not in known:
        target = target.rsplit(".", 1)[0] if "." in target else ""
    return target or None


def layer(name: str) -> int:
    head = name.split(".")[1] if "." in name else "__init__"
    return next(i for i, group in enumerate(LAYERS) if head in group)


def graph() -> dict[str, set[str]]:
    known = modules()
    edges = defaultdict(set)
    for name, path in known.items():
        for target, names, _ in imports(name, path):
            if not target.startswith("notedeck"):
                continue
            for sub in names or [""]:
                full = own(f"{target}.{sub}" if sub else target, known)
                if full and full != name:
                    edges[name].add(full)
    return edges


def test_every_module_is_in_a_layer_and_the_top_level_is_small():
    known = modules()
    for name in known:
        layer(name)         # StopIteration: a module no layer names
    top = {n for n in known if n.count(".") == 1 and not n.endswith(("__main__", "cli"))
           and known[n].name != "__init__.py"}
    assert len(top) <= TOP_LEVEL_MODULES, sorted(top)


def test_stages_import_only_earlier_stages():
    wrong = [f"{a} -> {b}" for a, targets in graph().items() for b in targets
             if layer(b) > layer(a)]
    assert not wrong, wrong


def test_no_import_cycles_counting_imports_inside_functions():
    edges = graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node, stack):
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2
    for node in sorted(modules()):
        if node not in state:
            visit(node, [node])
    assert not cycles, cycles


def test_no_module_imports_another_modules_private_names():
    known = modules()
    wrong = []
    for name, path in known.items():
        for target, names, line in imports(name, path):
            if target.startswith("notedeck"):
                wrong += [f"{path.name}:{line} {n} from {target}" for n in names
                          if n.startswith("_") and not n.startswith("__")]
    assert not wrong, wrong


def test_no_module_is_over_500_lines():
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines())
             for name, path in modules().items()}
    assert not {n: s for n, s in sizes.items() if s > 500}


# hasattr/getattr(obj, name, default) only where they ask about the platform or a third
# party (a YAML error's mark, an OSError's strerror, os.fork, the json C encoder).
PROBES_ALLOWED = {
    ("notedeck.reading.note", "getattr"),       # yaml's and OSError's optional attributes
    ("notedeck.jsontext", "getattr"),           # json's C accelerator
    ("notedeck.versioning.spill", "hasattr"),   # os.pread (not on Windows)
    ("notedeck.pipeline", "hasattr"),           # os.fork (not on Windows)
    ("notedeck", "getattr"),                    # the lazy public API
}


def test_no_probing_of_notedecks_own_objects():
    wrong = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                probe = node.func.id
                if probe == "hasattr" or probe == "getattr" and len(node.args) == 3:
                    if (name, probe) not in PROBES_ALLOWED:
                        wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} {probe}")
    assert not wrong, wrong


def test_only_the_cli_imports_click_and_only_packaging_imports_genanki():
    users = defaultdict(set)
    for name, path in modules().items():
        for target, _, _ in imports(name, path):
            head = target.split(".")[0]
            if head in ("click", "genanki"):
                users[head].add(name)
    assert users["click"] <= {"notedeck.cli"}
    assert users["genanki"] <= {"notedeck.anki.package"}


def test_extractors_are_pure():
    """No filesystem, no click, no genanki, no later stage in an extractor."""
    for name, path in modules().items():
        if name.startswith("notedeck.extractors"):
            for target, _, line in imports(name, path):
                head = target.split(".")[0]
                assert head not in ("os", "pathlib", "shutil", "click", "genanki", "sqlite3"), \
                    f"{path.name}:{line} imports {target}"


def test_the_config_knows_the_registry_and_every_kind_has_a_note_type_and_a_front():
    """Adding an extractor touches these together (docs/architecture.md)."""
    from notedeck.anki.notetypes import MODEL_IDS, NOTETYPES
    from notedeck.cards import KINDS
    from notedeck.config import EXTRACTOR_NAMES
    from notedeck.extractors import EXTRACTORS
    assert EXTRACTOR_NAMES == tuple(e.name for e in EXTRACTORS)
    kinds = {e.kind for e in EXTRACTORS}
    assert kinds == set(KINDS) == set(NOTETYPES) == set(MODEL_IDS)
    for kind, (front, back) in KINDS.items():
        assert NOTETYPES[kind].fields[0].lower() == front or kind == "qa"


def test_the_readme_is_a_users_manual_of_at_most_250_lines():
    """Layout lists go to docs/layouts.md, figures to bench/README.md, design to docs/."""
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    for doc in ("docs/layouts.md", "docs/architecture.md", "bench/README.md"):
        assert (root / doc).is_file() and doc in readme
