"""emit-gui: pair product photos with their option tags, and let people review the pairing."""

__version__ = "0.1.0"
