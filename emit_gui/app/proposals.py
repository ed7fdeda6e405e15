"""Proposals as the store keeps them: rows to write, and proposals rebuilt from stored rows so
that re-opening a folder with the same model shows its proposals without running it again."""

from __future__ import annotations

from collections.abc import Iterable

from emit_gui.catalog import Product
from emit_gui.inference.propose import AGREEMENT_FLAG, PhotoProposal, ProductProposal


def suggestion_rows(proposals: Iterable[ProductProposal], image_id) -> list[dict]:
    """Store rows for proposals; ``image_id(pid, name)`` gives a photo's id (None: skip it)."""
    rows = []
    for prop in proposals:
        for ph in prop.photos:
            iid = image_id(prop.pid, ph.name)
            if iid is not None and ph.tag:
                rows.append({"image_id": iid, "tag": ph.tag, "confidence": ph.confidence,
                             "runner_up": ph.runner_up,
                             "member_scores": {"votes": ph.votes, "agreement": ph.agreement,
                                               "runner_up_prob": ph.runner_up_prob, "decoder": prop.decoder}})
    return rows


def proposal_from_rows(product: Product, rows: dict[str, dict]) -> ProductProposal | None:
    """The product's proposal from its stored rows (photo name -> row), or None when a
    readable photo has none (then the model must run on the product again)."""
    photos = []
    decoder = "cover"
    for im in product.images:
        row = rows.get(im.name)
        if not im.usable:
            problem = next((p for p in im.problems), None)
            photos.append(PhotoProposal(name=im.name, tag=None, problem=problem))
            continue
        if row is None or row["tag"] not in product.optional_tags:
            return None
        extra = row.get("member_scores") or {}
        decoder = extra.get("decoder", decoder)
        photos.append(PhotoProposal(name=im.name, tag=row["tag"], confidence=float(row["confidence"]),
                                    runner_up=row.get("runner_up"), runner_up_prob=float(extra.get("runner_up_prob", 0.0)),
                                    votes=list(extra.get("votes", [])), agreement=float(extra.get("agreement", 0.0))))
    usable = [p for p in photos if p.tag]
    return ProductProposal(product.pid, decoder, photos,
                           covers=len({p.tag for p in usable}) == len(product.optional_tags),
                           cover_possible=len(usable) >= len(product.optional_tags),
                           members_disagree=any(p.agreement < AGREEMENT_FLAG for p in usable))
