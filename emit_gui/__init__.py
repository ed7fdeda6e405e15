"""emit-gui: pair product photos with their option tags, and let people review the pairing."""

import os as _os

# No telemetry: ONNX Runtime's Linux/macOS builds send usage events and keep a device id unless
# this is set before onnxruntime is first imported (see README "What emit-gui stores, and where").
_os.environ["ORT_DISABLE_TELEMETRY"] = "1"

__version__ = "0.1.0"
