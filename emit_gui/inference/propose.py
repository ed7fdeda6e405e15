"""Proposals for products: scores, decoding, calibrated confidence, runner-up, votes, flags."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from emit_gui.catalog import Catalog, Problem, Product
from emit_gui.inference.colour import colour_evidence, colour_settings, garment_colour
from emit_gui.inference.decoders import DEFAULT_DECODER, EVIDENCE_DECODERS, decode, mixed_costs
from emit_gui.inference.engine import Engine
from emit_gui.inference.model_dir import ModelDir
from emit_gui.inference.pipeline import run_images
from emit_gui.inference.scoring import member_costs, member_targets

AGREEMENT_FLAG = 0.5  # a photo on which fewer than half the members back the proposal flags its product


@dataclass
class PhotoProposal:
    name: str
    tag: str | None  # None: the photo could not be read
    confidence: float = 0.0
    runner_up: str | None = None
    runner_up_prob: float = 0.0
    votes: list[str] = field(default_factory=list)  # each member's own best tag
    agreement: float = 0.0  # share of members whose best tag is the proposal
    problem: Problem | None = None


@dataclass
class ProductProposal:
    pid: str
    decoder: str
    photos: list[PhotoProposal]
    covers: bool  # every option has at least one proposed photo
    cover_possible: bool
    members_disagree: bool

    @property
    def flagged(self) -> bool:
        return not self.covers or self.members_disagree

    @property
    def min_confidence(self) -> float:
        vals = [p.confidence for p in self.photos if p.tag is not None]
        return min(vals) if vals else 0.0

    def reasons(self) -> list[str]:
        out = []
        if not self.cover_possible:
            out.append("fewer readable photos than options: full cover impossible")
        elif not self.covers:
            out.append("proposal leaves an option without a photo")
        if self.members_disagree:
            out.append("ensemble members disagree")
        return out


def propose_product(model: ModelDir, product: Product, probs: list[np.ndarray | None],
                    problems: list[Problem | None], decoder: str = DEFAULT_DECODER,
                    colours: list | None = None) -> ProductProposal:
    """``colours``: each photo's garment colour (:func:`emit_gui.inference.colour.garment_colour`
    of its model input), the colour evidence the ``colour`` decoder reads; None decodes without."""
    tags = product.optional_tags
    ok = [i for i, p in enumerate(probs) if p is not None]
    photos = [PhotoProposal(name=im.name, tag=None, problem=problems[i]) for i, im in enumerate(product.images)]
    if not tags or not ok:
        return ProductProposal(product.pid, decoder, photos, covers=False, cover_possible=False,
                               members_disagree=False)
    costs = member_costs(np.stack([probs[i] for i in ok]), member_targets(model.vocab, model.masks, tags))
    evidence = None
    if decoder in EVIDENCE_DECODERS and colours is not None:
        evidence = colour_evidence(model.manifest, [colours[i] for i in ok], tags)
    result = decode(costs, decoder, evidence)
    mean = mixed_costs(costs, evidence, decoder)  # the confidence reads the same evidence
    member_best = costs.argmin(axis=2)  # (M, n)
    agree = (member_best == result.tags[None, :]).mean(axis=0)
    dist = model.calibration.distribution(mean)  # the cover marginals for models that use them
    conf = model.calibration.confidence(mean, result.tags, agree, dist)
    for row, i in enumerate(ok):
        j = int(result.tags[row])
        order = [k for k in np.argsort(-dist[row]) if k != j]
        ph = photos[i]
        ph.tag = tags[j]
        ph.confidence = float(conf[row])
        if order:
            ph.runner_up, ph.runner_up_prob = tags[order[0]], float(dist[row, order[0]])
        ph.votes = [tags[int(k)] for k in member_best[:, row]]
        ph.agreement = float(agree[row])
    return ProductProposal(
        product.pid, decoder, photos,
        covers=len({p.tag for p in photos if p.tag}) == len(tags),
        cover_possible=len(ok) >= len(tags),
        members_disagree=bool((agree < AGREEMENT_FLAG).any()),
    )


def infer_with_colour(engine: Engine) -> Callable[[np.ndarray], list]:
    """A batch of model inputs -> (probabilities, garment colour) per photo: what the colour
    decoder reads, from the input the model already has (for ``run_images(infer=...)``)."""
    return lambda arr: list(zip(engine.infer(arr), [garment_colour(a) for a in arr], strict=True))


def propose_catalog(
    engine: Engine,
    catalog: Catalog | list[Product],
    *,
    decoder: str = DEFAULT_DECODER,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
    batch: int = 32,
    workers: int | None = None,
) -> Iterator[ProductProposal]:
    """Yield a proposal per product with option tags, as soon as all its photos are scored."""
    products = [p for p in (catalog.products if isinstance(catalog, Catalog) else catalog) if p.optional_tags]
    index: list[tuple[int, int]] = []
    paths = []
    for pi, product in enumerate(products):
        for ii, im in enumerate(product.images):
            if im.usable:
                index.append((pi, ii))
                paths.append(im.path)
    probs: dict[int, list] = {pi: [None] * len(p.images) for pi, p in enumerate(products)}
    # the colour decoder reads each photo's garment colour from the model input it already has
    with_colour = decoder in EVIDENCE_DECODERS and colour_settings(engine.model.manifest) is not None
    colours: dict[int, list] = {pi: [None] * len(p.images) for pi, p in enumerate(products)}
    infer = infer_with_colour(engine) if with_colour else None
    problems: dict[int, list] = {pi: [next((x for x in im.problems), None) if not im.usable else None
                                      for im in p.images] for pi, p in enumerate(products)}
    remaining = {pi: sum(im.usable for im in p.images) for pi, p in enumerate(products)}
    next_out = 0

    def flush_ready(upto: int):
        nonlocal next_out
        while next_out < len(products) and (next_out < upto or remaining[next_out] == 0):
            if remaining[next_out] != 0:
                break
            col = colours.pop(next_out)
            yield propose_product(engine.model, products[next_out], probs.pop(next_out),
                                  problems.pop(next_out), decoder, col if with_colour else None)
            next_out += 1

    for k, p, problem in run_images(engine, paths, batch=batch, workers=workers, cancel=cancel, progress=progress,
                                    infer=infer):
        pi, ii = index[k]
        if with_colour and p is not None:
            p, colours[pi][ii] = p
        probs[pi][ii] = p
        if problem is not None:
            problems[pi][ii] = problem
        remaining[pi] -= 1
        yield from flush_ready(pi)
    yield from flush_ready(len(products))
