"""Colour evidence at decode time (issue 15): lexicon, garment colour, colour cost, the
``colour`` decoder and its path through the proposals."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from emit_gui.catalog import ImageEntry, Product, scan
from emit_gui.inference import colour as C
from emit_gui.inference.decoders import decode, mixed_costs
from emit_gui.inference.model_dir import load_model_dir
from emit_gui.registry import resolve_model
from emit_gui.inference.preprocess import letterbox


def test_lab_of_known_colours():
    lab = C.srgb_to_lab(np.array([[255, 255, 255], [0, 0, 0], [255, 0, 0], [0, 0, 255]]))
    assert lab[0] == pytest.approx([100, 0, 0], abs=0.05)
    assert lab[1] == pytest.approx([0, 0, 0], abs=0.05)
    assert lab[2] == pytest.approx([53.24, 80.09, 67.20], abs=0.05)
    assert lab[3] == pytest.approx([32.30, 79.19, -107.86], abs=0.05)


@pytest.mark.parametrize("tag, name", [
    ("Black", "black"), ("Light Beige", "light beige"), ("Off White", "off white"),
    ("Dark Blue All over pattern", "dark blue"), ("Greenish Khaki", "greenish khaki"),
    ("Black Stripe", "black"), ("Navy Blue", "navy blue"), ("white", "white"),
    ("BZ1609焦糖色", "yellowish brown"), ("浅米色", "light beige"), ("藏青色衬衫", "navy blue"),
    ("墨绿色", "dark green"), ("黑色麻灰", "black"), ("印花黑色", "black"), ("深灰色裤子", "dark grey"),
    ("米白色", "off white"), ("Multi", None), ("Other", None), ("多色", None), ("", None),
])
def test_tags_name_their_colour(tag, name):
    assert C.default_lexicon().parse(tag) == name


def test_shade_modifiers_move_lightness():
    lex = C.default_lexicon()
    for base in ("olive", "grey", "blue", "pink"):
        light, plain, dark = (lex.anchor(n)[0] for n in (f"light {base}", base, f"dark {base}"))
        assert light > plain > dark, base
    assert lex.anchor("light nonsense") is None and lex.anchor(None) is None


def test_damaged_lexicon_lines_cost_only_themselves(tmp_path: Path):
    lex_file = tmp_path / "lex.tsv"
    lex_file.write_text("# comment\nred\tred\t#c42a30\nbroken line\nblue\tblue\tnot-a-colour\n"
                        "green\tgreen\t#3f8a4a\n", encoding="utf-8")
    anchors = tmp_path / "anchors.tsv"
    anchors.write_text("green\t50\t-40\t30\t12\nred\tx\ty\tz\t3\n", encoding="utf-8")
    lex = C.read_lexicon(lex_file, anchors)
    assert lex.parse("Red") == "red" and lex.anchor("red") is not None
    assert lex.anchor("blue") is None  # no usable anchor
    assert lex.anchor("green") == pytest.approx([50, -40, 30])
    empty = C.read_lexicon(tmp_path / "missing.tsv", tmp_path / "missing_too.tsv")  # a damaged install
    assert empty.parse("Red") is None
    photo = C.garment_colour(_photo((200, 30, 40)))
    assert (C.colour_costs([photo], ["Red", "Blue"], empty) == 0).all()  # no evidence: cover decides


def _photo(garment, background=(235, 235, 235), size=128, tall=False) -> np.ndarray:
    """A model input: a garment rectangle in the middle of a background, letterboxed."""
    w, h = (80, 128) if tall else (128, 128)
    im = Image.new("RGB", (w, h), background)
    im.paste(Image.new("RGB", (w // 2, h // 2), garment), (w // 4, h // 4))
    return letterbox(im, size)


def test_garment_colour_removes_the_background():
    red = C.garment_colour(_photo((200, 30, 40)))
    assert C.dominant_lab(red) == pytest.approx(C.srgb_to_lab(np.array([200, 30, 40])), abs=3)
    navy = C.garment_colour(_photo((30, 40, 70), background=(180, 180, 175), tall=True))
    assert C.dominant_lab(navy) == pytest.approx(C.srgb_to_lab(np.array([30, 40, 70])), abs=3)
    white = C.garment_colour(_photo((252, 252, 252), background=(255, 255, 255)))  # white on white
    assert white.lightness > 95
    # the 32 x 32 block means (what the benchmark caches) read the same as the full input
    small = _photo((200, 30, 40)).reshape(3, 32, 4, 32, 4).mean(axis=(2, 4)).astype(np.float32)
    assert C.dominant_lab(C.garment_colour(small)) == pytest.approx(C.dominant_lab(red), abs=0.01)


def test_colour_cost_prefers_the_named_colour():
    photos = [C.garment_colour(_photo(c)) for c in ((200, 30, 40), (30, 40, 90), (240, 200, 60))]
    cost = C.colour_costs(photos, ["Red", "Navy Blue", "Yellow", "Multi"])
    assert list(cost[:, :3].argmin(axis=1)) == [0, 1, 2]
    assert cost[:, 3] == pytest.approx(cost[:, :3].mean(axis=1))  # a tag naming no colour is neutral
    assert np.isfinite(cost).all()
    assert (C.colour_costs(photos, ["Multi", "Other"]) == 0).all()


def test_shade_cost_puts_the_palest_photo_on_the_light_tag():
    greys = [C.garment_colour(_photo((v, v, v), background=(255, 255, 255))) for v in (60, 200, 130)]
    s = C.shade_costs(greys, ["Dark Grey", "Grey", "Light Grey"])
    assert list(decode(s[None], "cover").tags) == [0, 2, 1]


def _manifest(weight=0.4):
    return {"decoder": {"name": "colour", "colour": {"weight": weight, "sigma": C.SIGMA}}}


@pytest.mark.parametrize("manifest", [None, {}, {"decoder": "colour"}, {"decoder": {"colour": {}}},
                                      _manifest(-1), _manifest(True), _manifest(float("nan")), _manifest("0.4")])
def test_no_usable_colour_weight_means_no_evidence(manifest):
    assert C.colour_settings(manifest) is None
    photo = C.garment_colour(_photo((200, 30, 40)))
    assert C.colour_evidence(manifest, [photo], ["Red"]) is None


def test_colour_decoder_settles_what_the_model_cannot():
    # the model slightly prefers the wrong pairing; the photos' colours say otherwise
    costs = np.array([[[1.0, 1.1], [1.1, 1.0]]])  # photo 0 -> tag 0, photo 1 -> tag 1
    photos = [C.garment_colour(_photo((30, 40, 90))), C.garment_colour(_photo((200, 30, 40)))]
    tags = ["Red", "Navy Blue"]
    ev = C.colour_evidence(_manifest(), photos, tags)
    assert list(decode(costs, "cover").tags) == [0, 1]
    assert list(decode(costs, "colour").tags) == [0, 1]  # no evidence: cover exactly
    out = decode(costs, "colour", ev)
    assert list(out.tags) == [1, 0] and out.covers
    assert mixed_costs(costs, ev, "colour") == pytest.approx(costs.mean(axis=0) + ev)
    assert mixed_costs(costs, ev, "cover") == pytest.approx(costs.mean(axis=0))
    # a confident model is not overruled by a weak colour weight
    sure = np.array([[[0.1, 6.0], [6.0, 0.1]]])
    assert list(decode(sure, "colour", C.colour_evidence(_manifest(0.1), photos, tags)).tags) == [0, 1]


def test_colour_decoder_refuses_misshapen_and_survives_nonfinite_evidence():
    costs = np.zeros((1, 3, 2))
    with pytest.raises(ValueError):
        decode(costs, "colour", np.zeros((2, 3)))
    out = decode(costs, "colour", np.array([[np.nan, 0.0], [0.0, np.inf], [0.0, 0.0]]))
    assert out.covers and list(out.tags[:2]) == [1, 0]
    few = decode(np.zeros((1, 1, 2)), "colour", np.array([[1.0, 0.0]]))  # fewer photos than tags
    assert few.fallback and list(few.tags) == [1]


@pytest.fixture(scope="module")
def colour_model():
    model = load_model_dir(resolve_model().path)
    model = copy.copy(model)
    model.manifest = {**model.manifest, **_manifest(0.5)}
    return model


def _product(tmp_path: Path, colours: list[tuple[int, int, int]], tags: list[str]) -> Product:
    images = []
    for k, c in enumerate(colours):
        path = tmp_path / f"p_{k}.jpg"
        Image.fromarray(_photo(c).transpose(1, 2, 0)).save(path, quality=95)
        images.append(ImageEntry(name=path.name, path=path))
    return Product(pid="p", folder=tmp_path, optional_tags=tags, images=images)


def test_proposals_read_the_photos_colours(tmp_path, colour_model):
    from emit_gui.inference.propose import propose_product

    model = colour_model
    product = _product(tmp_path, [(30, 40, 90), (200, 30, 40)], ["Red", "Navy Blue"])
    flat = np.full((2, model.n_members, len(model.vocab)), 1.0 / len(model.vocab), np.float32)  # no opinion
    cols = [C.garment_colour(letterbox(Image.open(im.path).convert("RGB"), model.size)) for im in product.images]
    prop = propose_product(model, product, list(flat), [None, None], "colour", cols)
    assert [p.tag for p in prop.photos] == ["Navy Blue", "Red"]
    assert all(p.confidence > 0.5 for p in prop.photos)
    swapped = propose_product(model, product, list(flat), [None, None], "colour", cols[::-1])
    assert [p.tag for p in swapped.photos] == ["Red", "Navy Blue"]
    plain = propose_product(model, product, list(flat), [None, None], "cover", cols)
    assert plain.photos[0].confidence == pytest.approx(0.5, abs=0.2)  # without colour: a coin toss


def test_catalog_proposals_carry_colour_from_the_model_input(tmp_path, colour_model):
    from emit_gui.inference.engine import Engine
    from emit_gui.inference.preprocess import load_input
    from emit_gui.inference.propose import propose_catalog, propose_product

    folder = tmp_path / "shop" / "p"
    folder.mkdir(parents=True)
    product = _product(folder, [(200, 30, 40), (30, 40, 90), (240, 200, 60)], ["Yellow", "Red", "Navy Blue"])
    (folder / "profile.json").write_text(json.dumps({"optional_tags": product.optional_tags, "imgs_tags": [
        {im.name: ""} for im in product.images]}), encoding="utf-8")
    catalog = scan(tmp_path / "shop")
    engine = Engine(colour_model, provider="cpu")
    got = list(propose_catalog(engine, catalog, decoder="colour"))
    assert len(got) == 1
    scanned = catalog.products[0]
    arrs = [load_input(im.path, colour_model.size) for im in scanned.images]
    want = propose_product(colour_model, scanned, list(engine.infer(np.stack(arrs))), [None] * 3, "colour",
                           [C.garment_colour(a) for a in arrs])
    assert [p.tag for p in got[0].photos] == [p.tag for p in want.photos]
    assert [p.confidence for p in got[0].photos] == pytest.approx([p.confidence for p in want.photos])
    assert [p.tag for p in got[0].photos] == ["Red", "Navy Blue", "Yellow"]


def test_evaluate_scores_the_colour_decoder_with_the_photos_colours(tmp_path, colour_model):
    from emit_gui.inference.evaluate import evaluate_products

    model = colour_model
    product = _product(tmp_path, [(30, 40, 90), (200, 30, 40)], ["Red", "Navy Blue"])
    for im, tag in zip(product.images, ["Navy Blue", "Red"], strict=True):
        im.tag = tag
    flat = np.full((model.n_members, len(model.vocab)), 1.0 / len(model.vocab), np.float32)  # no opinion
    probs = {("p", im.name): flat for im in product.images}
    colours = {("p", im.name): C.garment_colour(letterbox(Image.open(im.path).convert("RGB"), model.size))
               for im in product.images}
    with_colour = evaluate_products(model, [product], probs, colours)["decoders"]
    without = evaluate_products(model, [product], probs)["decoders"]
    assert with_colour["colour"]["acc"] == 1.0
    assert with_colour["cover"]["acc"] == without["cover"]["acc"] == without["colour"]["acc"]  # no pixels: cover
    assert without["colour"]["acc"] < 1.0  # the model alone ties and picks the other pairing


def _weight_records(informative: bool, n_products: int = 400, seed: int = 0):
    """Products of 3 tags and 3 photos: the model's mean cost is a noisy hint of the truth; the
    colour cost is either a second, independent hint or pure noise."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n_products):
        truth = rng.permutation(3)
        onehot = np.eye(3)[truth]
        mean = 1.0 - 0.8 * onehot + rng.normal(0, 0.6, (3, 3))
        col = (2.0 - 1.5 * onehot if informative else 1.0) + rng.normal(0, 0.8, (3, 3))
        out.append((mean, col, truth))
    return out


def test_colour_weight_is_fitted_where_colour_tells_and_zero_where_it_does_not():
    useful = C.fit_weight(_weight_records(True))
    assert useful.tempered > 0 and useful.loglik > useful.loglik_without + 50
    assert useful.photos == 1200
    assert useful.in_cost_units(1.5) == pytest.approx(1.5 * useful.tempered)
    noise = C.fit_weight(_weight_records(False))
    assert noise.tempered == 0.0 and noise.loglik == noise.loglik_without
