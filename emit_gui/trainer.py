"""Where training runs when this emit-gui cannot train itself.

The installers leave PyTorch out (it would add 1.2 GB on the CPU, about 5 GB with CUDA), so an
installed emit-gui hands ``train`` and ``retrain`` to a *trainer*: a Python environment with
``emit-gui[train]`` in it, made once by ``emit-gui-setup-trainer``. The trainer is found at
``$EMIT_GUI_TRAINER`` (a Python executable), else at the place the setup script uses. It works
on the same store, data folder and shipped resources as the app, so a retrain started from the
installed window or command line promotes into the same model registry.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from emit_gui.errors import UserError
from emit_gui.paths import resources_dir

SETUP_COMMAND = "emit-gui-setup-trainer"


def default_trainer_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("emit-gui", appauthor=False)) / "trainer"


def find_trainer() -> Path | None:
    env = os.environ.get("EMIT_GUI_TRAINER")
    if env:
        path = Path(env)
        if not path.is_file():
            raise UserError(f"EMIT_GUI_TRAINER={env}: no such Python executable")
        return path
    for candidate in (default_trainer_dir() / "bin" / "python", default_trainer_dir() / "Scripts" / "python.exe"):
        if candidate.is_file():
            return candidate
    return None


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
    trainer = find_trainer()
    if trainer is None:
        raise UserError(
            f"{command} needs PyTorch, which this installation does not carry. Run "
            f"`{SETUP_COMMAND}` once (needs Python 3.11+ and internet access to PyPI; it makes "
            f"{default_trainer_dir()}), or set EMIT_GUI_TRAINER to a Python that has emit-gui[train]")
    env = {**os.environ, "EMIT_GUI_RESOURCES": str(resources_dir())}
    env.pop("PYTHONHOME", None)
    env.pop("PYTHONPATH", None)
    env.pop("LD_LIBRARY_PATH", None)  # the frozen app's libraries are not the trainer's
    print(f"emit-gui: {command} runs in the trainer {trainer}", file=sys.stderr, flush=True)
    try:
        return subprocess.call([str(trainer), "-m", "emit_gui", command, *argv], env=env)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        raise UserError(f"the trainer {trainer} could not start: {exc}") from None
