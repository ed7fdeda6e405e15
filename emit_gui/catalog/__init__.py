"""Opening folders of products in the EMIT layout (no Qt, no torch)."""

from emit_gui.catalog.images import (
    DEFAULT_MAX_PIXELS,
    ImageDecodeError,
    check_image,
    decode_image,
)
from emit_gui.catalog.model import Catalog, ImageEntry, Problem, Product, Severity
from emit_gui.catalog.scan import DEFAULT_PROFILE, scan, scan_product

__all__ = [
    "DEFAULT_MAX_PIXELS",
    "DEFAULT_PROFILE",
    "Catalog",
    "ImageDecodeError",
    "ImageEntry",
    "Problem",
    "Product",
    "Severity",
    "check_image",
    "decode_image",
    "scan",
    "scan_product",
]
