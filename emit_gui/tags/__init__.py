"""Tag understanding: normalisation, jieba decomposition, vocabulary, embeddings (no Qt, no torch)."""

from emit_gui.tags.decompose import labels, normalise
from emit_gui.tags.vocab import OTHER, Vocabulary, coverage_report, cross_entropy, distinct_embeddings

__all__ = ["OTHER", "Vocabulary", "coverage_report", "cross_entropy", "distinct_embeddings", "labels", "normalise"]
