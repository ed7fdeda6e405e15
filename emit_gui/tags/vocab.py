"""The label vocabulary a model is trained on, and the tag embeddings built on it.

A vocabulary is counted over a dataset's option tags: labels seen fewer than ``min_count``
times are noise, the ``top_k`` most frequent are kept, and one more slot, ``<other>``, takes
tags none of whose labels is known. It is saved with every model and is part of its identity.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from emit_gui.tags.decompose import labels

OTHER = "<other>"


@dataclass(frozen=True)
class Vocabulary:
    labels: tuple[str, ...]  # the kept labels, most frequent first; OTHER is the last slot
    counts: dict[str, int] = field(default_factory=dict, compare=False)
    min_count: int = 5
    top_k: int = 64

    def __post_init__(self) -> None:
        if not self.labels or self.labels[-1] != OTHER:
            raise ValueError(f"a vocabulary's last slot must be {OTHER!r}")
        object.__setattr__(self, "_index", {lab: i for i, lab in enumerate(self.labels)})

    @classmethod
    def build(cls, tags: Iterable[str], *, min_count: int = 5, top_k: int = 64) -> Vocabulary:
        """Count every label of every tag (the paper's rule)."""
        counts: Counter[str] = Counter()
        for tag in tags:
            counts.update(labels(tag))
        return cls._from_counts(counts, min_count, top_k)

    @classmethod
    def build_from_products(
        cls, products: Iterable[list[str]], *, min_count: int = 5, top_k: int = 64
    ) -> Vocabulary:
        """Count labels where they tell a product's options apart.

        A label that every option of a product shares (T恤 in a product sold as 黑色T恤 and
        白色T恤) cannot help to pair photos with options, so it is not counted for that
        product; this keeps garment words from crowding colour and pattern words out of the
        top ``top_k``. Labels of single-option products count as in the paper.
        """
        counts: Counter[str] = Counter()
        for tags in products:
            per_tag = [set(labels(t)) for t in tags]
            shared = set.intersection(*per_tag) if len(per_tag) > 1 else set()
            for labs in per_tag:
                counts.update(labs - shared)
        return cls._from_counts(counts, min_count, top_k)

    @classmethod
    def _from_counts(cls, counts: Counter[str], min_count: int, top_k: int) -> Vocabulary:
        kept = [lab for lab, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n >= min_count]
        kept = kept[:top_k]
        return cls(labels=(*kept, OTHER), counts=dict(counts), min_count=min_count, top_k=top_k)

    def __len__(self) -> int:
        return len(self.labels)

    def index(self, label: str) -> int | None:
        return self._index.get(label)  # type: ignore[attr-defined]

    @property
    def other_index(self) -> int:
        return len(self.labels) - 1

    def known_labels(self, tag: str) -> list[str]:
        return [lab for lab in labels(tag) if lab in self._index]  # type: ignore[attr-defined]

    def multi_hot(self, tag: str) -> np.ndarray:
        """The tag's 0/1 label vector; only ``<other>`` set when no label is known."""
        vec = np.zeros(len(self), dtype=np.float32)
        idx = [self._index[lab] for lab in labels(tag) if lab in self._index]  # type: ignore[attr-defined]
        vec[idx if idx else [self.other_index]] = 1.0
        return vec

    def target(self, tag: str) -> np.ndarray:
        """The training target: the label vector divided by its number of labels (EMIT)."""
        vec = self.multi_hot(tag)
        return vec / vec.sum()

    def targets(self, tags: list[str]) -> np.ndarray:
        return np.stack([self.target(t) for t in tags]) if tags else np.zeros((0, len(self)), np.float32)

    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(self.labels, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]

    def to_json(self) -> dict:
        return {"labels": list(self.labels), "min_count": self.min_count, "top_k": self.top_k,
                "fingerprint": self.fingerprint()}

    @classmethod
    def from_json(cls, data: dict) -> Vocabulary:
        vocab = cls(labels=tuple(data["labels"]), min_count=int(data.get("min_count", 5)),
                    top_k=int(data.get("top_k", 64)))
        if "fingerprint" in data and data["fingerprint"] != vocab.fingerprint():
            raise ValueError("vocabulary fingerprint does not match its labels")
        return vocab


def cross_entropy(probs: np.ndarray, targets: np.ndarray, eps: float = 1e-7) -> np.ndarray:
    """EMIT's score: CE between each image's output distribution (rows of ``probs``, N x L)
    and each tag's target (rows of ``targets``, T x L); N x T, lower is better."""
    return -(np.log(np.clip(probs, eps, 1.0)) @ targets.T)


def distinct_embeddings(vocab: Vocabulary, tags: list[str]) -> bool:
    """Whether every tag of a product gets its own embedding (else two options are twins)."""
    seen = {tuple(vocab.multi_hot(t).tolist()) for t in tags}
    return len(seen) == len(tags)


def coverage_report(vocab: Vocabulary, products: list[list[str]]) -> dict:
    """How well a vocabulary serves a dataset's products: the issue's two figures."""
    all_tags = [t for tags in products for t in tags]
    other_only = sum(1 for t in all_tags if not vocab.known_labels(t))
    distinct = sum(1 for tags in products if distinct_embeddings(vocab, tags))
    return {
        "tags": len(all_tags),
        "distinct_tags": len(set(all_tags)),
        "other_only": other_only,
        "other_only_share": other_only / max(1, len(all_tags)),
        "products": len(products),
        "products_distinct": distinct,
        "products_distinct_share": distinct / max(1, len(products)),
    }
