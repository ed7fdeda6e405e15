"""``tags``: see how option tags decompose into labels (filled in by the tags issue)."""
