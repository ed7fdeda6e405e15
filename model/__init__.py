"""The learning side of emit-gui: network, data, training, bagging and ONNX export (PyTorch)."""
