"""Every user action, declared once: id, menu, text, shortcuts. The window binds handlers by id;
tooltips always show the shortcut, so the keyboard can be learnt from the mouse."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

# Actions a held key may repeat. Every other action fires once per press: a key held down (or
# a stuck Ctrl) auto-repeats at about 25 a second, and "accept product and go to next" held for
# two seconds accepted some forty products unseen, one after another (seen under Xvfb).
REPEATABLE = frozenset({"undo", "redo", "next_product", "prev_product"})


@dataclass(frozen=True)
class ActionSpec:
    id: str
    menu: str
    text: str
    shortcuts: tuple[str, ...] = ()
    tip: str = ""


def specs() -> list[ActionSpec]:
    s = [
        ActionSpec("open", QCoreApplication.translate("Actions", "&File"), QCoreApplication.translate("Actions", "&Open folder…"), ("Ctrl+O",), QCoreApplication.translate("Actions", "Open a folder of products")),
        ActionSpec("export", QCoreApplication.translate("Actions", "&File"), QCoreApplication.translate("Actions", "&Export decisions…"), ("Ctrl+E",),
                   QCoreApplication.translate("Actions", "Write the decided labels in the EMIT layout")),
        ActionSpec("quit", QCoreApplication.translate("Actions", "&File"), QCoreApplication.translate("Actions", "&Quit"), ("Ctrl+Q",), QCoreApplication.translate("Actions", "Close emit-gui")),
        ActionSpec("undo", QCoreApplication.translate("Actions", "&Edit"), QCoreApplication.translate("Actions", "&Undo"), ("Ctrl+Z",), QCoreApplication.translate("Actions", "Undo the last decision, even from before a restart")),
        ActionSpec("redo", QCoreApplication.translate("Actions", "&Edit"), QCoreApplication.translate("Actions", "&Redo"), ("Ctrl+Shift+Z", "Ctrl+Y"), QCoreApplication.translate("Actions", "Redo")),
        ActionSpec("find", QCoreApplication.translate("Actions", "&Edit"), QCoreApplication.translate("Actions", "&Search tags"), ("Ctrl+F",), QCoreApplication.translate("Actions", "Search products by tag")),
        ActionSpec("accept_photo", QCoreApplication.translate("Actions", "&Review"), QCoreApplication.translate("Actions", "&Accept proposal"), ("Space", "Return"),
                   QCoreApplication.translate("Actions", "Accept the proposed tag of the selected photo(s) and move on")),
        ActionSpec("accept_product", QCoreApplication.translate("Actions", "&Review"), QCoreApplication.translate("Actions", "Accept &product and go to next"), ("Ctrl+Return", "A"),
                   QCoreApplication.translate("Actions", "Accept every photo of this product and open the next product needing review")),
        ActionSpec("next_product", QCoreApplication.translate("Actions", "&Review"), QCoreApplication.translate("Actions", "&Next product"), ("Ctrl+Down", "N"), QCoreApplication.translate("Actions", "Next product")),
        ActionSpec("prev_product", QCoreApplication.translate("Actions", "&Review"), QCoreApplication.translate("Actions", "Pre&vious product"), ("Ctrl+Up", "P"), QCoreApplication.translate("Actions", "Previous product")),
        ActionSpec("zoom", QCoreApplication.translate("Actions", "&View"), QCoreApplication.translate("Actions", "&Zoom photo"), ("Z",), QCoreApplication.translate("Actions", "Open the selected photo large")),
        ActionSpec("details", QCoreApplication.translate("Actions", "&View"), QCoreApplication.translate("Actions", "Show runner-up and &votes"), ("D",),
                   QCoreApplication.translate("Actions", "Show each photo's runner-up tag and the members' votes")),
        ActionSpec("search_photos", QCoreApplication.translate("Actions", "&Edit"), QCoreApplication.translate("Actions", "Find &photos by tag…"), ("Ctrl+Shift+F",),
                   QCoreApplication.translate("Actions", "Rank every photo of the folder by how well it fits a tag-like text")),
        ActionSpec("like_photo", QCoreApplication.translate("Actions", "&View"), QCoreApplication.translate("Actions", "Photos &like this one"), ("L",),
                   QCoreApplication.translate("Actions", "Find the photos of the folder that look most like the selected one")),
        ActionSpec("heat_map", QCoreApplication.translate("Actions", "&View"), QCoreApplication.translate("Actions", "&Heat map of the tag"), ("H",),
                   QCoreApplication.translate("Actions", "Open the photo large with a heat map of where the model sees its tag")),
        ActionSpec("duplicates", QCoreApplication.translate("Actions", "&Review"), QCoreApplication.translate("Actions", "Check &duplicates"), ("Ctrl+Shift+D",),
                   QCoreApplication.translate("Actions", "List near-duplicate photos whose tags disagree")),
        ActionSpec("apply_duplicates", QCoreApplication.translate("Actions", "&Review"), QCoreApplication.translate("Actions", "Apply decision to duplicat&es"), ("Ctrl+D",),
                   QCoreApplication.translate("Actions", "Give the last decided tag to the near-duplicates of that photo in this product")),
        ActionSpec("retrain", QCoreApplication.translate("Actions", "&Model"),
                   QCoreApplication.translate("Actions", "&Retrain on decisions…"), ("Ctrl+Shift+R",),
                   QCoreApplication.translate("Actions", "Fine-tune the model on every decision so far; it is used only if it is better")),
        ActionSpec("cancel", QCoreApplication.translate("Actions", "&View"), QCoreApplication.translate("Actions", "&Cancel background work"), ("Escape",),
                   QCoreApplication.translate("Actions", "Stop loading or proposing")),
    ]
    s += [
        ActionSpec("choose_option", QCoreApplication.translate("Actions", "&Review"), QCoreApplication.translate("Actions", "&Choose option…"), ("O",),
                   QCoreApplication.translate("Actions", "Type to find an option (products with more than 9 options) and give it to the selected photo(s)")),
        ActionSpec("accept_sure", QCoreApplication.translate("Actions", "&Review"), QCoreApplication.translate("Actions", "Accept every photo the model is &sure of…"), ("Ctrl+Shift+A",),
                   QCoreApplication.translate("Actions", "Accept, in every product the list shows, the photos whose confidence reaches the model's measured 99.5%-precision point (one undo takes them all back)")),
        ActionSpec("unsure", QCoreApplication.translate("Actions", "&Review"), QCoreApplication.translate("Actions", "Mark &unsure (look later)"), ("U",),
                   QCoreApplication.translate("Actions", "Mark the selected photo(s) to look at later; the product stays to review")),
        ActionSpec("not_option", QCoreApplication.translate("Actions", "&Review"), QCoreApplication.translate("Actions", "Not an &option photo"), ("X",),
                   QCoreApplication.translate("Actions", "The selected photo(s) show no option (size chart, packaging, detail): left out of full cover and export")),
        ActionSpec("note", QCoreApplication.translate("Actions", "&Review"), QCoreApplication.translate("Actions", "Product no&te…"), ("M",), QCoreApplication.translate("Actions", "Write a note on this product")),
        ActionSpec("import_labels", QCoreApplication.translate("Actions", "&Review"), QCoreApplication.translate("Actions", "Use the folder's &labels…"), (),
                   QCoreApplication.translate("Actions", "Record the labels the folder's profile files already have as decisions (marked: from file)")),
    ]
    for n in range(1, 10):
        s.append(ActionSpec(f"tag_{n}", QCoreApplication.translate("Actions", "&Review"), QCoreApplication.translate("Actions", "Give option %1").replace("%1", str(n)), (str(n),),
                            QCoreApplication.translate("Actions", "Give the selected photo(s) option %1").replace("%1", str(n))))
    return s


def make_actions(parent, handlers: dict) -> dict[str, QAction]:
    """A QAction per spec, each bound to its handler; a spec without a handler (a dead key) or
    a handler without a spec fails here, at start-up."""
    out: dict[str, QAction] = {}
    all_specs = specs()
    missing = [sp.id for sp in all_specs if sp.id not in handlers]
    unknown = sorted(set(handlers) - {sp.id for sp in all_specs})
    if missing or unknown:
        raise RuntimeError(f"actions without a handler: {missing}; handlers without an action: {unknown}")
    for spec in all_specs:
        act = QAction(spec.text, parent)
        if spec.shortcuts:
            act.setShortcuts([QKeySequence(k) for k in spec.shortcuts])
        # the keys as the menus show them (translated: "Ctrl+回车" in Chinese), not Qt's portable names
        keys = ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in spec.shortcuts)
        act.setToolTip(f"{spec.tip} ({keys})" if keys else spec.tip)
        act.setStatusTip(act.toolTip())
        act.setData(spec.menu)
        act.setObjectName(spec.id)
        act.setAutoRepeat(spec.id in REPEATABLE)
        handler = handlers[spec.id]
        act.triggered.connect(lambda _checked=False, fn=handler: fn())  # triggered(bool) never reaches fn
        out[spec.id] = act
    return out
