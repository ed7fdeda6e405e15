"""Where training runs when this emit-gui cannot train itself.

The installers leave PyTorch out (it would add 1.2 GB on the CPU, about 5 GB with CUDA), so an
installed emit-gui hands ``train`` and ``retrain`` to a *trainer*: a Python environment with
PyTorch and the emit-gui code, made once by ``emit-gui-setup-trainer``. The trainer is found at
``$EMIT_GUI_TRAINER`` (a Python executable), else at the place the setup script uses; before
anything is handed over, :func:`problem` checks that it works and has this emit-gui version. It works
on the same store, data folder and shipped resources as the app, so a retrain started from the
installed window or command line promotes into the same model registry.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from emit_gui.errors import UserError
from emit_gui.paths import resources_dir
from emit_gui.settings import current as current_settings

SETUP_COMMAND = "emit-gui-setup-trainer"
MARKER = "emit-gui-trainer.json"  # written by the set-up script once the trainer works

# The window shows these through Qt's translation (self.tr with the same literal text; Chinese in
# packaging/translate_zh.py); %1, %2, %3 are TrainerProblem.args in order. CLI messages stay English.
TEXTS = {
    "missing": "Retraining needs PyTorch, which this installation does not carry. Run %1 once in a "
               "terminal (it needs Python 3.11+ and internet access, and says its size before it "
               "starts), then retrain again.",
    "broken": "The trainer in %1 does not work (%2). Run %3 again to remake it.",
    "outdated": "The trainer in %1 has emit-gui %2, this program is %3. Run %4 again to update it.",
}


@dataclass(frozen=True)
class TrainerProblem:
    """Why training cannot be handed to a trainer: ``kind`` is a key of :data:`TEXTS`, ``args``
    fill its %1, %2...; ``line`` is the one-line English message the command line prints."""

    kind: str
    args: tuple[str, ...]
    line: str

    def text(self, source: str | None = None) -> str:
        """``source`` (default the English of :data:`TEXTS`), e.g. translated, with its args."""
        out = source if source is not None else TEXTS[self.kind]
        for i, arg in reversed(list(enumerate(self.args, 1))):
            out = out.replace(f"%{i}", arg)
        return out


def default_trainer_dir() -> Path:
    """Where ``emit-gui-setup-trainer`` makes the trainer: ``$EMIT_GUI_TRAINER_DIR``, else the
    user's data folder (``$XDG_DATA_HOME/emit-gui/trainer``)."""
    env = current_settings().trainer_dir
    if env:
        return env
    import platformdirs

    return Path(platformdirs.user_data_dir("emit-gui", appauthor=False)) / "trainer"


def find_trainer() -> Path | None:
    env = current_settings().trainer
    if env:
        path = env
        if not path.is_file():
            raise UserError(f"EMIT_GUI_TRAINER={env}: no such Python executable")
        return path
    for candidate in (default_trainer_dir() / "bin" / "python", default_trainer_dir() / "Scripts" / "python.exe"):
        if candidate.is_file() or candidate.is_symlink():
            return candidate
    return None


_PROBE = """
import importlib.util as u, json, sys
out = {"missing": [m for m in ("torch", "safetensors", "onnx", "onnxruntime", "model") if u.find_spec(m) is None]}
try:
    import emit_gui
    out["emit_gui"] = emit_gui.__version__
except Exception as exc:
    out["missing"].insert(0, "emit_gui")
print(json.dumps(out))
"""


def problem(command: str = "retrain") -> TrainerProblem | None:
    """None when a working trainer of this version is there; otherwise what is wrong, for the
    window (before it starts ``retrain``) and for the command line. Takes about 0.1 s."""
    from emit_gui import __version__

    try:
        trainer = find_trainer()
    except UserError as exc:
        return TrainerProblem("broken", (str(current_settings().trainer or ""), "no such file", SETUP_COMMAND),
                              str(exc))
    if trainer is None:
        return TrainerProblem(
            "missing", (SETUP_COMMAND,),
            f"{command} needs PyTorch, which this installation does not carry: run `{SETUP_COMMAND}` once "
            f"(needs Python 3.11+ and internet access; it says its size before it starts) to make "
            f"{default_trainer_dir()}, or set EMIT_GUI_TRAINER to a Python that has emit-gui[train]")
    where = str(trainer.parent.parent) if trainer.parent.name in ("bin", "Scripts") else str(trainer)
    try:
        done = subprocess.run([str(trainer), "-c", _PROBE], capture_output=True, text=True, timeout=60,
                              env=_trainer_env())
        found = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else None
    except (OSError, subprocess.TimeoutExpired, ValueError, IndexError) as exc:
        found, done = None, exc
    if found is None:
        err = done.stderr.strip().splitlines()[-1] if isinstance(done, subprocess.CompletedProcess) and done.stderr.strip() else str(done)
        reason = f"its Python does not start: {err[:120]}"
    elif found["missing"]:
        reason = "it lacks " + ", ".join(found["missing"])
    else:
        reason = None
    if reason is not None:
        return TrainerProblem("broken", (where, reason, SETUP_COMMAND),
                              f"the trainer {where} does not work ({reason}): run `{SETUP_COMMAND}` again to remake it")
    if found["emit_gui"] != __version__:
        return TrainerProblem("outdated", (where, found["emit_gui"], __version__, SETUP_COMMAND),
                              f"the trainer {where} has emit-gui {found['emit_gui']}, this is {__version__}: "
                              f"run `{SETUP_COMMAND}` again to update it")
    return None


def _trainer_env() -> dict[str, str]:
    env = {**os.environ, "EMIT_GUI_RESOURCES": str(resources_dir())}
    for name in ("PYTHONHOME", "PYTHONPATH", "LD_LIBRARY_PATH"):  # the frozen app's, not the trainer's
        env.pop(name, None)
    return env


def can_train_here() -> str | None:
    """None if this interpreter has PyTorch and the trainer extras, else the missing module."""
    try:
        import safetensors  # noqa: F401
        import torch  # noqa: F401
    except ImportError as exc:
        return exc.name or "torch"
    return None


def delegate(command: str, argv: list[str]) -> int:
    """Run ``emit-gui COMMAND ARGV`` in the trainer; its output is this command's output."""
    found = problem(command)
    if found is not None:
        raise UserError(found.line)
    trainer = find_trainer()
    print(f"emit-gui: {command} runs in the trainer {trainer}", file=sys.stderr, flush=True)
    try:
        return subprocess.call([str(trainer), "-m", "emit_gui", command, *argv], env=_trainer_env())
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        raise UserError(f"the trainer {trainer} could not start: {exc}") from None
