"""Plain data types of the catalog: products, their photos and the problems found in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from emit_gui.errors import printable


class Severity(str, Enum):
    ERROR = "error"  # the thing cannot be used (an image that will not load, a product with no tags)
    WARNING = "warning"  # usable, but a person should know (a duplicate tag, cover impossible)
    INFO = "info"  # worth a note only (a product with one option is trivial)


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    path: Path
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return printable(f"{self.severity.value}: {self.path}: {self.message} [{self.code}]")

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": printable(str(self.path)),
            "message": printable(self.message),
        }


@dataclass
class ImageEntry:
    name: str  # the file name as listed in the profile (or found in the folder)
    path: Path
    tag: str | None = None  # the labelled tag, None where unlabelled
    problems: list[Problem] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)


@dataclass
class Product:
    pid: str
    folder: Path
    optional_tags: list[str] = field(default_factory=list)
    images: list[ImageEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return bool(self.optional_tags) and not any(
            p.severity is Severity.ERROR for p in self.problems
        )

    @property
    def usable_images(self) -> list[ImageEntry]:
        return [im for im in self.images if im.usable]

    @property
    def labelled(self) -> bool:
        return bool(self.images) and all(im.tag for im in self.images)

    def all_problems(self) -> list[Problem]:
        out = list(self.problems)
        for im in self.images:
            out.extend(im.problems)
        return out


@dataclass
class Catalog:
    root: Path
    profile_name: str
    products: list[Product] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # root-level problems

    def __len__(self) -> int:
        return len(self.products)

    @property
    def n_images(self) -> int:
        return sum(len(p.images) for p in self.products)

    def all_problems(self) -> list[Problem]:
        out = list(self.problems)
        for p in self.products:
            out.extend(p.all_problems())
        return out

    def by_pid(self) -> dict[str, Product]:
        return {p.pid: p for p in self.products}
