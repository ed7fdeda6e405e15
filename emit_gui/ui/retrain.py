"""Retrain from the window: ``emit-gui retrain --no-promote`` in its own process (training must
not share the GUI's), typed progress from its ``--progress-json`` lines, and at the end its JSON
report (``--report``), never its output text. A new model is staged, not used: the person is told
in plain words what gets better and what gets worse and asked; only "Use the new model" switches
(``registry.set_active``, in this process) and emits ``model_switched``.

Wiring (the window): ``self.retrain = RetrainController(self, store_path=self.store.path)``;
the Retrain action calls ``self.retrain.start()``, Esc / Cancel ``self.retrain.cancel()``, close
``self.retrain.cancel(wait=True)``; ``progress`` goes to the status line and ``model_switched``
re-proposes with the new model.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from emit_gui import promotion

STDERR_KEPT = 40  # lines of the child's log kept to explain a failure


def retrain_command() -> list[str]:
    """How to start ``emit-gui``: this interpreter with ``-m emit_gui``, or a frozen app itself
    (which hands retrain to its trainer)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "emit_gui"]


class RetrainController(QObject):
    progress = Signal(str)  # a translated line for the status bar
    progress_value = Signal(int, int)  # done, total (0, 0: busy, no measure)
    finished = Signal(dict)  # the report, whatever the outcome (also after a cancel: decision "cancelled")
    model_switched = Signal(str)  # the version now in use, after the person said yes
    failed = Signal(str)  # a translated message: the retrain could not run or crashed
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None, *, store_path: str | Path, model_path: str | Path | None = None,
                 command: list[str] | None = None, extra_args: list[str] | None = None):
        super().__init__(parent)
        self.parent_widget = parent
        self.store_path = Path(store_path)
        self.model_path = Path(model_path) if model_path else None
        self.command = list(command) if command else retrain_command()
        self.extra_args = list(extra_args or [])
        self.process: QProcess | None = None
        self.report: dict | None = None
        self.dialog: QMessageBox | None = None  # the question or warning shown last (tests click it)
        self._tmp: Path | None = None
        self._stderr: list[str] = []
        self._partial = b""
        self._cancelling = False

    # ---------------------------------------------------------------- running
    @property
    def running(self) -> bool:
        return self.process is not None

    def start(self) -> bool:
        """Start a retrain; False if one is already running."""
        if self.process is not None:
            return False
        self._tmp = Path(tempfile.mkdtemp(prefix="emit-gui-retrain-"))
        self._stderr, self._partial, self._cancelling, self.report = [], b"", False, None
        args = [*self.command[1:], "retrain", "--db", str(self.store_path), "--no-promote",
                "--report", str(self._tmp / "report.json"), "--progress-json", *self.extra_args]
        if self.model_path is not None:
            args += ["--model", str(self.model_path)]
        proc = QProcess(self)
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        proc.readyReadStandardOutput.connect(self._read_events)
        proc.readyReadStandardError.connect(self._read_log)
        proc.finished.connect(self._finished)
        proc.errorOccurred.connect(self._error)
        self.process = proc
        self.progress.emit(self.tr("Retraining: reading your decisions…"))
        self.progress_value.emit(0, 0)
        proc.start(self.command[0], args)
        return True

    def cancel(self, wait: bool = False) -> None:
        """Stop the retrain; a retrain stopped at any point leaves the model in use as it was."""
        proc = self.process
        if proc is None:
            return
        self._cancelling = True
        proc.terminate()
        if wait:
            if not proc.waitForFinished(15000):
                proc.kill()
                proc.waitForFinished(5000)
        else:
            QTimer.singleShot(5000, lambda: self.process is proc and proc.kill())

    def _read_events(self) -> None:
        proc = self.process
        if proc is None:
            return
        data = self._partial + bytes(proc.readAllStandardOutput())
        *lines, self._partial = data.split(b"\n")
        for raw in lines:
            try:
                event = json.loads(raw.decode("utf-8", "replace"))
            except ValueError:
                continue  # not one of ours (a library printing): never interpreted
            if isinstance(event, dict) and event.get("event") == "progress":
                done, total = int(event.get("done") or 0), int(event.get("total") or 0)
                self.progress.emit(self.stage_text(str(event.get("stage")), done, total))
                self.progress_value.emit(done, total)

    def _read_log(self) -> None:
        if self.process is None:
            return
        text = bytes(self.process.readAllStandardError()).decode("utf-8", "replace")
        self._stderr.extend(line.strip() for line in text.replace("\r", "\n").splitlines() if line.strip())
        del self._stderr[:-STDERR_KEPT]

    def _error(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart and self.process is not None:
            proc, self.process = self.process, None
            proc.deleteLater()
            self._cleanup()
            self._fail(self.tr("Retraining could not start: %1").replace("%1", proc.errorString()))

    def _finished(self, code: int, _status) -> None:
        proc = self.process
        if proc is None:
            return
        self._read_events()
        self._read_log()
        self.process = None
        proc.deleteLater()
        report = promotion.read_report(self._tmp / "report.json") if self._tmp else None
        self._cleanup()
        if self._cancelling:
            self.progress.emit(self.tr("Retraining cancelled; the model in use is unchanged."))
            self.progress_value.emit(0, 1)
            self.cancelled.emit()
            self.finished.emit({"decision": "cancelled"})
            return
        self.progress_value.emit(1, 1)
        if report is None:
            last = next((line for line in reversed(self._stderr) if line.startswith("emit-gui")), "")
            self._fail(self.tr("Retraining stopped unexpectedly (exit code %1). %2")
                       .replace("%1", str(code)).replace("%2", last).strip())
            return
        self.report = report
        self.progress.emit(self.decision_line(report))
        self.finished.emit(report)
        self.show_outcome(report)

    def _cleanup(self) -> None:
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def _fail(self, message: str) -> None:
        self.progress.emit(self.tr("Retraining failed."))
        self.failed.emit(message)
        self._show(QMessageBox.Icon.Warning, message)

    # ---------------------------------------------------------------- the outcome
    def show_outcome(self, report: dict) -> None:
        decision = report.get("decision")
        if decision == promotion.NEEDS_CONFIRMATION:
            self._show(QMessageBox.Icon.Question, self.comparison_text(report, ask=True),
                       version=str(report.get("version")))
        elif decision == promotion.PROMOTED:  # a retrain started without --no-promote (not by this class)
            self._show(QMessageBox.Icon.Information,
                       self.tr("The new model %1 is now in use.").replace("%1", str(report.get("version"))))
            self.model_switched.emit(str(report.get("version")))
        elif decision == promotion.REFUSED:
            self._show(QMessageBox.Icon.Warning, self.reason_text(report))
        else:
            message = self.reason_text(report)
            self.failed.emit(message)
            self._show(QMessageBox.Icon.Warning, message)

    def _show(self, icon, text: str, version: str | None = None) -> None:
        """A plain-text message box, not blocking the window; with ``version``, the question
        whether to use it."""
        box = QMessageBox(self.parent_widget)
        box.setWindowTitle(self.tr("Retrain"))
        box.setIcon(icon)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        if version is not None:
            use = box.addButton(self.tr("Use the new model"), QMessageBox.ButtonRole.YesRole)
            keep = box.addButton(self.tr("Keep the current model"), QMessageBox.ButtonRole.NoRole)
            box.setDefaultButton(keep)
            box.setEscapeButton(keep)
            use.clicked.connect(lambda: self.use(version))
            keep.clicked.connect(lambda: self.progress.emit(
                self.tr("The new model %1 was kept aside; the model in use is unchanged.").replace("%1", version)))
        else:
            box.addButton(self.tr("OK"), QMessageBox.ButtonRole.AcceptRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = box
        box.destroyed.connect(lambda *_: setattr(self, "dialog", None) if self.dialog is box else None)
        box.open()

    def use(self, version: str) -> None:
        """Switch to ``version`` (verified before the pointer moves) and say so."""
        from emit_gui import registry
        from emit_gui.errors import UserError

        try:
            registry.set_active(registry.check_version_name(version))
        except (UserError, OSError) as exc:
            self._fail(self.tr("The new model could not be used: %1").replace("%1", str(exc)))
            return
        self.progress.emit(self.tr("The new model %1 is now in use.").replace("%1", version))
        self.model_switched.emit(version)

    # ---------------------------------------------------------------- texts (all translated)
    def stage_text(self, stage: str, done: int, total: int) -> str:
        share = f"{100 * done / total:.0f}%" if total else ""
        if stage == "learn":
            return self.tr("Retraining: learning from your decisions (%1)").replace("%1", share)
        if stage == "judge":
            return self.tr("Retraining: comparing the new model with the one in use (%1)").replace("%1", share)
        if stage == "save":
            return self.tr("Retraining: saving the new model…")
        return self.tr("Retraining: reading your decisions…")

    def decision_line(self, report: dict) -> str:
        decision = report.get("decision")
        if decision == promotion.NEEDS_CONFIRMATION:
            return self.tr("Retraining done: a new model is ready.")
        if decision == promotion.PROMOTED:
            return self.tr("Retraining done: the new model is in use.")
        if decision == promotion.REFUSED:
            return self.tr("Retraining done: the model in use is unchanged.")
        return self.tr("Retraining failed.")

    def set_name(self, name: str, s: dict) -> str:
        photos, products = str(s.get("photos", 0)), str(s.get("products", 0))
        if name == promotion.HELD_OUT:
            return (self.tr("Your newest decisions, kept out of the learning (%1 photos, %2 products)")
                    .replace("%1", photos).replace("%2", products))
        return (self.tr("The model's own test products (%1 photos, %2 products, tags from %3)")
                .replace("%1", photos).replace("%2", products).replace("%3", str(s.get("profile", ""))))

    def set_line(self, name: str, s: dict) -> str:
        b, a = s.get("before", {}), s.get("after", {})
        line = (self.tr("%1: photos right %2 → %3 (%4 → %5); products fully right %6 → %7.")
                .replace("%1", self.set_name(name, s))
                .replace("%2", str(b.get("right", 0))).replace("%3", str(a.get("right", 0)))
                .replace("%4", f"{100 * b.get('acc', 0):.1f}%").replace("%5", f"{100 * a.get('acc', 0):.1f}%")
                .replace("%6", str(b.get("exact", 0))).replace("%7", str(a.get("exact", 0))))
        right, wrong = len(s.get("newly_right", [])), len(s.get("newly_wrong", []))
        if right:
            line += " " + self.tr("%1 product(s) become fully right.").replace("%1", str(right))
        if wrong:
            line += " " + self.tr("%1 product(s) are no longer fully right.").replace("%1", str(wrong))
        return line

    def comparison_text(self, report: dict, ask: bool) -> str:
        sets = report.get("sets") or {}
        groups = {"better": [], "worse": [], "same": []}
        for name, s in sets.items():
            groups.get(s.get("verdict"), groups["same"]).append("• " + self.set_line(name, s))
        parts = [self.tr("The new model was compared with the model in use (%1).")
                 .replace("%1", str(report.get("base_version")))]
        titles = {"better": self.tr("Gets better:"), "worse": self.tr("Gets worse:"),
                  "same": self.tr("About the same (within half a point):")}
        order = ("worse", "better", "same") if report.get("decision") == promotion.REFUSED else ("better", "worse", "same")
        for key in order:
            if groups[key]:
                parts.append(titles[key] + "\n" + "\n".join(groups[key]))
        if report.get("new_labels"):
            parts.append(self.tr("It learned new tag words: %1.").replace("%1", ", ".join(report["new_labels"])))
        if (report.get("base") or {}).get("note") and len(sets) == 1:
            parts.append(self.tr("The model's own test products were not found, so only your newest decisions "
                                 "were compared. To compare on them too, retrain from a terminal with "
                                 "\"emit-gui retrain --base FOLDER\", FOLDER being the products the model was "
                                 "trained on."))
        if ask:
            parts.append(self.tr("Use the new model?"))
        return "\n\n".join(parts)

    def reason_text(self, report: dict) -> str:
        reason = report.get("reason") or {}
        code, params = reason.get("code"), reason.get("params") or {}
        if code == promotion.WORSE:
            return (self.tr("The new model was not used: it is worse than the model in use.") + "\n\n"
                    + self.comparison_text(report, ask=False) + "\n\n"
                    + self.tr("The model in use is unchanged."))
        if code == promotion.TOO_FEW_DECISIONS:
            return (self.tr("Not enough decisions to retrain yet: there are %1, and retraining needs at least %2 "
                            "(%3 to check the new model fairly, the rest to learn from). Review more photos, then "
                            "try again.")
                    .replace("%1", str(params.get("decisions", "?"))).replace("%2", str(params.get("needed", "?")))
                    .replace("%3", str(params.get("min_photos", params.get("held_out_photos", "?")))))
        if code == promotion.TOO_LITTLE_EVIDENCE:
            return (self.tr("Your decisions cover only %1 products. To check a new model fairly, retraining needs "
                            "decisions on at least %2 products. Review photos of more products, then try again.")
                    .replace("%1", str(params.get("products", "?")))
                    .replace("%2", str(params.get("needed_products", "?"))))
        if code == promotion.NEEDS_TRAINER:
            return self.tr("Retraining needs the trainer (PyTorch), which this installation does not have yet. "
                           "Run emit-gui-setup-trainer once, then try again.")
        text = str(reason.get("text") or "")
        return self.tr("Retraining failed: %1").replace("%1", text) if text else self.tr("Retraining failed.")
