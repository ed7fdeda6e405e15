"""One model for the team: model version folders published to the store as checksummed blobs
(no Qt, no torch).

The lead publishes a version (``team publish-model DIR``) and makes it the team's
(``team use-model NAME``); every workstation then fetches it once into
``<data>/team-models/<sha256>/``, checks the checksum before unpacking, unpacks only regular
files inside that folder, and uses that copy from then on.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path

from sqlalchemy import select

from emit_gui.errors import UserError
from emit_gui.paths import data_dir
from emit_gui.store import Store, default_user
from emit_gui.store.schema import ModelBlob, utcnow

ACTIVE_KEY = "active_model"


def _pack(folder: Path) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
            info = tar.gettarinfo(str(path), arcname=path.relative_to(folder).as_posix())
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mtime = 0
            info.mode = 0o644
            with open(path, "rb") as f:
                tar.addfile(info, f)
    return buf.getvalue()


def publish_model(store: Store, folder: str | os.PathLike, name: str | None = None) -> tuple[str, str, int]:
    """Store a model version folder; returns (name, sha256, bytes). The same name with other
    content is refused (a version is immutable)."""
    folder = Path(folder)
    manifest = folder / "manifest.json"
    if not manifest.is_file():
        raise UserError(f"{folder}: not a model folder (no manifest.json)")
    if name is None:
        try:
            meta = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError(f"{manifest}: unreadable ({exc})") from None
        name = str(meta.get("version_id") or meta.get("version") or folder.name) if isinstance(meta, dict) else folder.name
    data = _pack(folder)
    digest = hashlib.sha256(data).hexdigest()
    with store._write.begin() as s:
        row = s.scalar(select(ModelBlob).where(ModelBlob.name == name))
        if row is not None:
            if row.sha256 != digest:
                raise UserError(f"model {name}: already published with other content; publish under another name")
            return name, digest, row.size
        s.add(ModelBlob(name=name, sha256=digest, size=len(data), data=data, user=default_user(),  # the server's role on PG
                         created_at=utcnow()))
    return name, digest, len(data)


def published_models(store: Store) -> list[dict]:
    with store._reader.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(
            select(ModelBlob.name, ModelBlob.sha256, ModelBlob.size, ModelBlob.user, ModelBlob.created_at)
            .order_by(ModelBlob.created_at))]


def set_team_model(store: Store, name: str) -> str:
    from emit_gui.team.work import Team

    with store._reader.connect() as conn:
        digest = conn.execute(select(ModelBlob.sha256).where(ModelBlob.name == name)).scalar()
    if digest is None:
        raise UserError(f"model {name}: not published to this store (team publish-model DIR first)")
    Team(store, -1).set_setting(ACTIVE_KEY, {"name": name, "sha256": digest})
    return digest


def team_model(store: Store) -> dict | None:
    from emit_gui.team.work import Team

    value = Team(store, -1).setting(ACTIVE_KEY)
    return value if isinstance(value, dict) and value.get("sha256") else None


def cache_dir() -> Path:
    path = data_dir() / "team-models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def team_model_path(store: Store) -> Path | None:
    """The folder of the team's active model on this machine, fetched and checked once;
    ``None`` when the team has not chosen one (the workstation's own active model applies)."""
    active = team_model(store)
    if active is None:
        return None
    digest = active["sha256"]
    target = cache_dir() / digest
    if (target / "manifest.json").is_file():
        return target
    with store._reader.connect() as conn:
        data = conn.execute(select(ModelBlob.data).where(ModelBlob.sha256 == digest).limit(1)).scalar()
    if data is None:
        raise UserError(f"team model {active.get('name')}: its blob is missing from the store; the lead publishes it again")
    data = bytes(data)
    if hashlib.sha256(data).hexdigest() != digest:
        raise UserError(f"team model {active.get('name')}: checksum mismatch; not used")
    tmp = Path(tempfile.mkdtemp(prefix=".fetch-", dir=cache_dir()))
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r") as tar:
            for member in tar.getmembers():
                if not member.isfile():
                    raise UserError(f"team model {active.get('name')}: {member.name}: not a regular file; not used")
            tar.extractall(tmp, filter="data")  # refuses absolute paths and names leaving the folder
        if not (tmp / "manifest.json").is_file():
            raise UserError(f"team model {active.get('name')}: no manifest.json inside; not used")
        try:
            os.rename(tmp, target)  # complete before it is visible
        except OSError:
            if not (target / "manifest.json").is_file():
                raise
    except tarfile.TarError as exc:
        raise UserError(f"team model {active.get('name')}: unreadable archive ({exc})") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target
