"""From a seller's option tag to semantic labels.

``normalise`` strips what is not about the look (SKU codes, sales notes, brackets around
codes, full-width forms); ``labels`` cuts what is left with jieba and a fashion dictionary and
applies the EMIT substring rule, so that 单件灰白格中袖西装 gives 灰, 白, 格, 中袖, 西装.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

from emit_gui.paths import cache_dir, resources_dir
from emit_gui.tags.lexicon import (
    BASIC_COLOURS,
    CANONICAL,
    GARMENT_HEADS,
    ISH_BASES,
    MODIFIERS,
    SALES_NOTES,
    STOPWORDS,
)

_BRACKETS = str.maketrans({"【": "[", "】": "]", "〔": "[", "〕": "]", "［": "[", "］": "]", "「": "[", "」": "]",
                           "（": "(", "）": ")", "｛": "{", "｝": "}", "《": "[", "》": "]"})
_NOTE_RE = re.compile("|".join(SALES_NOTES))
# A SKU or model code: Latin letters and digits with at least one digit, with its trailing
# separators (BZ1609, 2801XCY, 9665#, F5J7-, 323_, -019).
_CODE_RE = re.compile(r"[-_#]?(?<![A-Za-z])[A-Za-z]*\d[A-Za-z0-9]*[#\-_]*")
_BRACKET_RE = re.compile(r"[\[(]([^\[\]()]*)[\])]")
_LATIN_RE = re.compile(r"[a-z]+")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def _is_code(text: str) -> bool:
    """Bracket content that is a code: short Latin/digit text such as ``E`` or ``A12``."""
    t = text.strip()
    return bool(t) and bool(re.fullmatch(r"[A-Za-z0-9#\-_ ]{1,8}", t)) and (
        any(c.isdigit() for c in t) or len(t) <= 2
    )


def normalise(tag: str) -> str:
    """The look-relevant part of a tag, half-width, lower-case Latin, single spaces."""
    text = unicodedata.normalize("NFKC", tag.translate(_BRACKETS))

    def bracket(m: re.Match) -> str:
        inner = m.group(1)
        if _is_code(inner) or not _NOTE_RE.sub("", inner).strip():
            return " "
        return f" {inner} "

    text = _BRACKET_RE.sub(bracket, text)
    text = _NOTE_RE.sub(" ", text)
    text = _CODE_RE.sub(" ", text)
    text = re.sub(r"[\[\](){}+/,;:|·&、，。!！?？*~\"']", " ", text)
    text = text.replace("-", " ").replace("_", " ").replace("#", " ")
    text = re.sub(r"\s+", " ", text).strip()
    # Latin case carries no meaning, except in Chinese words spelled with it (T恤), which the
    # dictionary knows in upper case.
    return text if _CJK_RE.search(text) else text.lower()


class _Segmenter:
    """One jieba tokenizer with the fashion dictionary, built once, thread-safe to build."""

    _lock = threading.Lock()
    _tokenizer = None

    @classmethod
    def get(cls):
        if cls._tokenizer is None:
            with cls._lock:
                if cls._tokenizer is None:
                    import jieba

                    jieba.setLogLevel(60)
                    tok = jieba.Tokenizer()
                    tok.tmp_dir = str(cache_dir())  # its cache: the user's, not a shared /tmp file
                    tok.load_userdict(str(resources_dir() / "tags" / "fashion_dict.txt"))
                    cls._tokenizer = tok
        return cls._tokenizer


def _strip_se(word: str) -> str:
    return word[:-1] if len(word) > 1 and word.endswith("色") else word


def _chinese_labels(word: str) -> list[str]:
    """Labels of one Chinese token (after segmentation)."""
    word = _strip_se(word)
    if not word or word in STOPWORDS:
        return []
    word = CANONICAL.get(word, word)
    out: list[str] = []
    if len(word) > 1 and word[0] in MODIFIERS and word[0] not in word[1:]:
        rest = _strip_se(word[1:])
        if rest and rest not in STOPWORDS:
            return [word[0], *_chinese_labels(rest)]
    if len(word) > 1 and all(c in BASIC_COLOURS for c in word):
        return list(dict.fromkeys(word))  # 灰白 -> 灰, 白
    out.append(word)
    if len(word) > 1:
        out.extend(c for c in word if c in BASIC_COLOURS or c in GARMENT_HEADS)
    return out


def _latin_labels(text: str) -> list[str]:
    out: list[str] = []
    for w in _LATIN_RE.findall(text.lower()):
        if w in STOPWORDS:
            continue
        w = CANONICAL.get(w, w)
        out.append(w)
        if w in ISH_BASES:
            out.append(ISH_BASES[w])
    return out


@lru_cache(maxsize=65536)
def _labels_cached(tag: str) -> tuple[str, ...]:
    text = normalise(tag)
    out: list[str] = []
    if _CJK_RE.search(text):
        for token in _Segmenter.get().lcut(text, HMM=False):
            token = token.strip()
            if not token:
                continue
            if _LATIN_RE.fullmatch(token.lower()) and token != "T":
                out.extend(_latin_labels(token))
            elif _CJK_RE.search(token) or token == "T恤":
                out.extend(_chinese_labels(token))
    else:
        out.extend(_latin_labels(text))
    return tuple(dict.fromkeys(out))


def labels(tag: str) -> list[str]:
    """The semantic labels of an option tag, in order, each once."""
    return list(_labels_cached(tag))
