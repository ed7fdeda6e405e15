from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from emit_gui.catalog import scan
from emit_gui.tags import OTHER, Vocabulary, coverage_report, cross_entropy, labels, normalise

# Every tag from the issue, with the labels a person would expect.
EXPECTED = {
    "牛油果绿预售15天": ["牛油果绿", "绿"],
    "【杏色】单件西装": ["杏", "西装"],
    "蓝色T恤+蓝色长裤": ["蓝", "T恤", "长裤", "裤"],
    "烟雾粉181": ["烟雾粉", "粉"],
    "白色上衣+黑色套装裙子": ["白", "上衣", "黑", "套装", "裙"],
    "2801XCY紫色": ["紫"],
    "粉色上衣黑色阔腿裤套装": ["粉", "上衣", "黑", "阔腿裤", "裤", "套装"],
    "军绿风衣": ["军绿", "绿", "风衣"],
    "丈青色上衣+卡其色裤子": ["丈青", "青", "上衣", "卡其", "裤"],
    "黑白格923": ["黑", "白", "格"],
    "323_灰色": ["灰"],
    "F5J7-红色": ["红"],
    "单件灰白格中袖西装": ["灰", "白", "格", "中袖", "西装"],
    "嫩黄色3082": ["嫩", "黄"],
    "9665#红色": ["红"],
    "[E]红色": ["红"],
    "0505_驼色": ["驼"],
    "人字纹驼色": ["人字纹", "驼"],
    "BZ1609焦糖色": ["焦糖"],
    "黑色-019": ["黑"],
    "暗紫": ["暗", "紫"],
    "粉色鹿角卫衣": ["粉", "鹿角", "卫衣"],
    "Dark Blue": ["dark", "blue"],
    "Light Beige": ["light", "beige"],
    "Greenish Khaki": ["greenish", "green", "khaki"],
    "Black Stripe": ["black", "stripe"],
    "Off White": ["off", "white"],
    # from the shared data's Chinese profiles
    "XZ9328深灰色-半身裙": ["深", "灰", "半身裙", "裙"],
    "蓝色（偏大一码）": ["蓝"],
    "藏青色-裤子[薄款]": ["藏青", "青", "裤"],
    "LS5159-天蓝色裤子": ["天蓝", "蓝", "裤"],
    "纯白色 T恤": ["白", "T恤"],
    "香槟金": ["香槟金", "金"],
}


@pytest.mark.parametrize("tag, expected", EXPECTED.items())
def test_labels_a_person_would_expect(tag, expected):
    assert labels(tag) == expected


def test_normalise_full_width_codes_and_notes():
    assert normalise("ＢＺ１６０９焦糖色（预售１５天）") == "焦糖色"
    assert normalise("黑色【现货速发】") == "黑色"
    assert normalise("【杏色】单件西装") == "杏色 单件西装"
    assert normalise("DARK  Blue") == "dark blue"


def test_single_colour_characters_found_inside_words():
    for word, colour in [("酒红色", "红"), ("墨绿", "绿"), ("雾霾蓝", "蓝"), ("炭灰色", "灰"), ("樱花粉", "粉"),
                         ("姜黄色", "黄"), ("香芋紫", "紫"), ("乳白色", "白"), ("墨黑", "黑")]:
        assert colour in labels(word), word


def test_vocabulary_min_count_top_k_and_other():
    tags = ["红色"] * 6 + ["蓝色"] * 5 + ["紫色"] * 4 + ["黄色"] * 7
    vocab = Vocabulary.build(tags, min_count=5, top_k=2)
    assert vocab.labels == ("黄", "红", OTHER)  # 紫 is noise (4 < 5), 蓝 is past the top 2
    np.testing.assert_array_equal(vocab.multi_hot("紫色"), [0, 0, 1])  # nothing known -> other
    np.testing.assert_allclose(vocab.target("黄红格"), [0.5, 0.5, 0])
    assert Vocabulary.from_json(json.loads(json.dumps(vocab.to_json()))) == vocab
    with pytest.raises(ValueError):
        Vocabulary.from_json({**vocab.to_json(), "labels": ["黄", "蓝", OTHER]})


def test_product_aware_counting_skips_labels_every_option_shares():
    products = [["黑色T恤", "白色T恤"]] * 5 + [["黑色格子", "黑色"]] * 5
    vocab = Vocabulary.build_from_products(products, min_count=5, top_k=64)
    assert "T恤" not in vocab.labels and "格" in vocab.labels


def test_cross_entropy_prefers_the_matching_tag():
    vocab = Vocabulary(labels=("黑", "白", "T恤", OTHER))
    probs = np.array([[0.7, 0.05, 0.2, 0.05], [0.05, 0.7, 0.2, 0.05]])
    ce = cross_entropy(probs, vocab.targets(["黑色T恤", "白色T恤"]))
    assert ce.shape == (2, 2) and ce[0, 0] < ce[0, 1] and ce[1, 1] < ce[1, 0]


@pytest.mark.parametrize("profile, max_other, min_distinct", [
    ("profile_zh.json", 0.01, 0.99),
    ("profile.json", 0.01, 0.99),
])
def test_shared_dataset_coverage(shared, profile, max_other, min_distinct):
    catalog = scan(shared, profile)
    products = [p.optional_tags for p in catalog.products]
    vocab = Vocabulary.build_from_products(products)
    report = coverage_report(vocab, products)
    print(profile, report)
    assert len(vocab) <= 65
    assert report["other_only_share"] < max_other
    assert report["products_distinct_share"] >= min_distinct


def test_tags_command(shared):
    out = subprocess.run([sys.executable, "-m", "emit_gui", "tags", str(shared), "--profile", "profile_zh.json"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "BZ1609" not in out.stdout.split("tag -> labels")[0]
    assert "products whose options all have distinct embeddings" in out.stdout
    data = json.loads(subprocess.run(
        [sys.executable, "-m", "emit_gui", "tags", str(shared), "--json", "--no-tags"],
        capture_output=True, text=True, timeout=120).stdout)
    assert data["vocabulary"]["labels"][-1] == OTHER and data["report"]["products"] == 1500
