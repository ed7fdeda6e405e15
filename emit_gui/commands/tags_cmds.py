"""``tags``: see how a dataset's option tags decompose into labels and which vocabulary they yield."""

from __future__ import annotations

import argparse
import json
from collections import Counter

from emit_gui.catalog import scan
from emit_gui.commands.options import add_json, add_profile, arguments, command


def _tags_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="a folder of products")
    add_profile(p)
    p.add_argument("--min-count", type=int, default=5, help="labels seen fewer times are noise (default 5)")
    p.add_argument("--top-k", type=int, default=64, help="size of the label set (default 64)")
    add_json(p)
    p.add_argument("--no-tags", action="store_true", help="print the vocabulary and figures only")


@command("tags", "print the label vocabulary a dataset yields and each tag's labels")
@arguments(_tags_args)
def tags_cmd(args: argparse.Namespace) -> int:
    from emit_gui.commands.safety import check_int
    from emit_gui.tags import Vocabulary, coverage_report, labels

    check_int("--min-count", args.min_count, 0, 1_000_000_000)
    check_int("--top-k", args.top_k, 1, 100_000)
    catalog = scan(args.path, args.profile)
    products = [p.optional_tags for p in catalog.products if p.optional_tags]
    vocab = Vocabulary.build_from_products(products, min_count=args.min_count, top_k=args.top_k)
    report = coverage_report(vocab, products)
    tag_counts = Counter(t for tags in products for t in tags)
    if args.json:
        print(json.dumps({
            "vocabulary": vocab.to_json(),
            "report": report,
            "tags": {} if args.no_tags else {t: {"labels": labels(t), "known": vocab.known_labels(t), "count": n}
                                             for t, n in tag_counts.most_common()},
        }, ensure_ascii=False))
        return 0
    print(f"vocabulary ({len(vocab) - 1} labels + <other>, min count {args.min_count}, top {args.top_k}):")
    print("  " + " ".join(f"{lab}({vocab.counts.get(lab, 0)})" for lab in vocab.labels[:-1]))
    print(f"{report['tags']} option tags ({report['distinct_tags']} distinct) in {report['products']} products")
    print(f"tags with no known label (<other> only): {report['other_only']} "
          f"({100 * report['other_only_share']:.2f}%)")
    print(f"products whose options all have distinct embeddings: {report['products_distinct']} "
          f"({100 * report['products_distinct_share']:.2f}%)")
    if not args.no_tags:
        print("tag -> labels (labels outside the vocabulary in brackets):")
        for tag, n in tag_counts.most_common():
            known = set(vocab.known_labels(tag))
            shown = [lab if lab in known else f"[{lab}]" for lab in labels(tag)] or ["<other>"]
            print(f"  {tag}  ->  {', '.join(shown)}   x{n}")
    return 0
