"""Find, group and explain: search by tag text or by photo, near-duplicate photos, and heat maps
of where the model looks. Numpy and ONNX Runtime only (no torch, no Qt)."""
