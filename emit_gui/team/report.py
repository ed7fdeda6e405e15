"""``emit-gui team report``: throughput, reviewers' correction rate, blind agreement, progress
per labeler and per folder (no Qt; on SQLite it reports the one person's work the same way)."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import func, select

from emit_gui.store import Store
from emit_gui.store.repo import workspace_folder
from emit_gui.store.schema import (
    BlindLabel,
    Decision,
    HistoryEvent,
    Image,
    Product,
    Review,
    Workspace,
)

APPROVED, CORRECTED = "approved", "corrected"


def team_report(store: Store) -> dict:
    with store._reader.connect() as conn:
        # throughput: decisions each labeler made (history "decide" events), over their active span
        per_user: dict[str, dict] = defaultdict(lambda: {
            "decisions": 0, "first": None, "last": None, "current": 0, "reviewed": 0,
            "corrected_by_reviewer": 0, "blind_compared": 0, "blind_agreed": 0})
        for user, n, first, last in conn.execute(
                select(HistoryEvent.user, func.count(), func.min(HistoryEvent.at), func.max(HistoryEvent.at))
                .where(HistoryEvent.action == "decide").group_by(HistoryEvent.user)):
            u = per_user[user]
            u["decisions"], u["first"], u["last"] = n, first, last
        for user, n in conn.execute(select(Decision.user, func.count()).group_by(Decision.user)):
            per_user[user]["current"] = n
        # reviews: the newest verdict per photo and labeler counts
        reviewers: dict[str, Counter] = defaultdict(Counter)
        for labeler, reviewer, verdict in conn.execute(select(Review.labeler, Review.user, Review.verdict)):
            reviewers[reviewer][verdict] += 1
            if labeler:
                per_user[labeler]["reviewed"] += 1
                per_user[labeler]["corrected_by_reviewer"] += verdict == CORRECTED
        # blind agreement: the second label against the first labeler's decision (before review)
        first_label = {}
        for image_id, tag, user in conn.execute(
                select(HistoryEvent.image_id, HistoryEvent.after_tag, HistoryEvent.user)
                .where(HistoryEvent.action == "decide").order_by(HistoryEvent.id)):
            first_label.setdefault(image_id, (tag, user))
        by_option: dict[str, Counter] = defaultdict(Counter)
        pairs = 0
        agreed = 0
        for image_id, tag, user in conn.execute(select(BlindLabel.image_id, BlindLabel.tag, BlindLabel.user)):
            if image_id not in first_label or first_label[image_id][0] is None:
                continue
            first_tag, first_user = first_label[image_id]
            same = first_tag == tag
            pairs += 1
            agreed += same
            for who in (user, first_user):
                per_user[who]["blind_compared"] += 1
                per_user[who]["blind_agreed"] += same
            by_option[first_tag]["compared"] += 1
            by_option[first_tag]["agreed"] += same
        # progress per folder
        folders = []
        for ws_id, root, profile, n_images in conn.execute(
                select(Workspace.id, Workspace.root, Workspace.profile_name, func.count(Image.id))
                .join(Product, Product.workspace_id == Workspace.id).join(Image, Image.product_id == Product.id)
                .group_by(Workspace.id, Workspace.root, Workspace.profile_name).order_by(Workspace.root)):
            decided = conn.execute(
                select(func.count(Decision.id)).join(Image, Image.id == Decision.image_id)
                .join(Product, Product.id == Image.product_id).where(Product.workspace_id == ws_id)).scalar()
            by_labeler = dict(conn.execute(
                select(Decision.user, func.count(Decision.id)).join(Image, Image.id == Decision.image_id)
                .join(Product, Product.id == Image.product_id).where(Product.workspace_id == ws_id)
                .group_by(Decision.user)).all())
            folders.append({"root": workspace_folder(root), "profile": profile, "images": n_images, "decided": decided,
                            "progress": round(decided / n_images, 4) if n_images else 0.0,
                            "by_labeler": by_labeler})
    labelers = []
    for user in sorted(per_user):
        u = per_user[user]
        # over their active span, counted as at least a minute (two decisions a moment apart
        # are not 200,000 an hour)
        span_h = max((u["last"] - u["first"]).total_seconds(), 60) / 3600 if u["first"] and u["last"] else 0.0
        labelers.append({
            "user": user, "decisions": u["decisions"], "current_decisions": u["current"],
            "decisions_per_hour": round(u["decisions"] / span_h, 1) if span_h > 0 else None,
            "reviewed": u["reviewed"], "corrected_by_reviewer": u["corrected_by_reviewer"],
            "correction_rate": round(u["corrected_by_reviewer"] / u["reviewed"], 4) if u["reviewed"] else None,
            "blind_compared": u["blind_compared"],
            "agreement": round(u["blind_agreed"] / u["blind_compared"], 4) if u["blind_compared"] else None,
        })
    total_reviews = sum(sum(c.values()) for c in reviewers.values())
    total_corrected = sum(c[CORRECTED] for c in reviewers.values())
    return {
        "labelers": labelers,
        "reviewers": [{"user": r, "approved": c[APPROVED], "corrected": c[CORRECTED],
                       "correction_rate": round(c[CORRECTED] / sum(c.values()), 4)}
                      for r, c in sorted(reviewers.items())],
        "correction_rate": round(total_corrected / total_reviews, 4) if total_reviews else None,
        "agreement": {"compared": pairs, "agreed": agreed,
                      "rate": round(agreed / pairs, 4) if pairs else None,
                      "by_option": {t: {"compared": c["compared"], "rate": round(c["agreed"] / c["compared"], 4)}
                                    for t, c in sorted(by_option.items())}},
        "folders": folders,
    }


def format_report(r: dict) -> str:
    def pct(x):
        return "-" if x is None else f"{100 * x:.1f}%"

    lines = ["labeler                decisions  now  per hour  reviewed  corrected  agreement"]
    for u in r["labelers"]:
        lines.append(f"{u['user'][:22]:<22} {u['decisions']:>9} {u['current_decisions']:>4} "
                     f"{u['decisions_per_hour'] if u['decisions_per_hour'] is not None else '-':>9} "
                     f"{u['reviewed']:>9} {pct(u['correction_rate']):>10} {pct(u['agreement']):>10}")
    lines.append("")
    for rv in r["reviewers"]:
        lines.append(f"reviewer {rv['user']}: {rv['approved']} approved, {rv['corrected']} corrected "
                     f"({pct(rv['correction_rate'])})")
    a = r["agreement"]
    lines.append(f"blind double labels: {a['compared']} photos compared, agreement {pct(a['rate'])}")
    for tag, c in a["by_option"].items():
        lines.append(f"  {tag}: {c['compared']} photos, {pct(c['rate'])}")
    lines.append("")
    for f in r["folders"]:
        who = ", ".join(f"{k} {v}" for k, v in sorted(f["by_labeler"].items()))
        lines.append(f"{f['root']} ({f['profile']}): {f['decided']}/{f['images']} photos decided ({pct(f['progress'])})"
                     + (f"; {who}" if who else ""))
    return "\n".join(lines)
