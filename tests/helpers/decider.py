"""A process that records decisions as fast as it can, printing 'ACK <image> <n>' after each
commit. The kill test SIGKILLs it at random moments; the two-writer test runs two at once."""

from __future__ import annotations

import sys

from emit_gui.store import CORRECTED, Store


def main() -> None:
    db, workspace_id, first, count, tag_prefix = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    store = Store(db)
    for n in range(count):
        image_id = first + (n % 50)
        store.decide(workspace_id, image_id, f"{tag_prefix}{n}", CORRECTED, user="kill-test")
        sys.stdout.write(f"ACK {image_id} {tag_prefix}{n}\n")
        sys.stdout.flush()
    store.close()


if __name__ == "__main__":
    main()
