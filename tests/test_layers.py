"""The layers hold: Qt only in emit_gui/ui, torch never in emit_gui, no import circles among
emit_gui's modules (module-level imports; lazy imports inside functions are how a layer
reaches up on purpose, e.g. the CLI loading its commands)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "emit_gui"


TORCH_PROBES = {"emit_gui.trainer"}  # asks whether the trainer can import torch, to say what to install


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(path: Path, *, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


def test_qt_only_in_ui_and_no_torch_in_the_app():
    bad_qt, bad_torch = [], []
    for name, path in _modules().items():
        names = _imports(path, top_level_only=False)
        if any(n.split(".")[0] == "PySide6" for n in names) and not name.startswith("emit_gui.ui"):
            bad_qt.append(name)
        if any(n.split(".")[0] in ("torch", "torchvision") for n in names) and name not in TORCH_PROBES:
            bad_torch.append(name)
    assert not bad_qt, f"PySide6 imported outside emit_gui.ui: {bad_qt}"
    assert not bad_torch, f"torch imported in the app (it belongs to model/): {bad_torch}"


def test_no_import_circles():
    mods = _modules()
    graph = {}
    for name, path in mods.items():
        deps = set()
        for imp in _imports(path, top_level_only=True):
            while imp and imp not in mods:
                imp = imp.rpartition(".")[0]
            if imp and imp != name and not name.startswith(imp + "."):  # a package's own __init__ is no circle
                deps.add(imp)
        graph[name] = deps
    cycles = []
    state: dict[str, int] = {}

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for dep in graph[node]:
            if state.get(dep) == 1:
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep not in state:
                visit(dep, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert not cycles, "import circles: " + "; ".join(" -> ".join(c) for c in cycles)


ENV_READERS = {"emit_gui.settings", "emit_gui.paths"}  # the one typed settings object, and the folders


def test_emit_gui_variables_are_read_only_by_settings():
    """Every EMIT_GUI_* variable is read through emit_gui.settings (typed, in one place): no
    other module of emit_gui or model/ reads one from os.environ itself."""
    import re

    reads = re.compile(r"""(environ\s*\[\s*|environ\.get\(\s*|getenv\(\s*)["']EMIT_GUI_""")
    bad = []
    for name, path in {**_modules(), **{f"model.{p.stem}": p for p in (PACKAGE.parent / "model").glob("*.py")}}.items():
        if name in ENV_READERS:
            continue
        text = path.read_text(encoding="utf-8")
        bad += [f"{name}:{text.count(chr(10), 0, m.start()) + 1}" for m in reads.finditer(text)]
        bad += [f"{name}:{line}" for line in _env_reads_through_constants(ast.parse(text))]
    assert not bad, f"EMIT_GUI_* read outside emit_gui/settings.py: {bad}"


def test_commands_never_import_the_cli():
    """The CLI reads the commands' registry (emit_gui.commands.options); a command reaching back
    into emit_gui.cli, even lazily, is the circle the shared options module removed."""
    bad = [name for name, path in _modules().items()
           if name.startswith("emit_gui.commands") and any(n == "emit_gui.cli" or n.startswith("emit_gui.cli.")
                                                           for n in _imports(path, top_level_only=False))]
    assert not bad, f"commands importing emit_gui.cli: {bad}"


def test_find_mixin_uses_only_its_declared_interface():
    """FindMixin (the Find panel, duplicate offers, heat maps) touches the window only through
    find.FindHost and QMainWindow's own methods: no reaching into MainWindow's privates."""
    tree = ast.parse((PACKAGE / "ui" / "find.py").read_text(encoding="utf-8"))
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    host, mixin = classes["FindHost"], classes["FindMixin"]
    declared = {n.target.id for n in host.body if isinstance(n, ast.AnnAssign)}
    declared |= {n.name for n in host.body if isinstance(n, ast.FunctionDef)}
    own = {n.name for n in mixin.body if isinstance(n, ast.FunctionDef)}
    for node in ast.walk(mixin):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for t in targets:
            for sub in ast.walk(t):
                if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == "self":
                    own.add(sub.attr)
    qt = {"tr", "addDockWidget", "statusBar", "sender"}
    used = {n.attr for n in ast.walk(mixin)
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self"}
    undeclared = sorted(used - own - declared - qt)
    assert not undeclared, f"FindMixin uses window members FindHost does not declare: {undeclared}"


def _env_reads_through_constants(tree: ast.Module) -> list[int]:
    """Lines reading os.environ / os.getenv with a name bound to an "EMIT_GUI_..." string
    (``WEIGHTS_ENV = "EMIT_GUI_TRUNK_WEIGHTS"; os.environ.get(WEIGHTS_ENV)``)."""
    names = {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign)
             and isinstance(n.value, ast.Constant) and str(n.value.value).startswith("EMIT_GUI_")
             for t in n.targets if isinstance(t, ast.Name)}
    lines = []
    for n in ast.walk(tree):
        arg = None
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.args and (
                n.func.attr == "getenv" or (n.func.attr == "get" and isinstance(n.func.value, ast.Attribute)
                                            and n.func.value.attr == "environ")):
            arg = n.args[0]
        elif isinstance(n, ast.Subscript) and isinstance(n.value, ast.Attribute) and n.value.attr == "environ":
            arg = n.slice
        if isinstance(arg, ast.Name) and arg.id in names:
            lines.append(n.lineno)
    return lines
