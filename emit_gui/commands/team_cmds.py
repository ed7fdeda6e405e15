"""``db`` (upgrade, init, current) and ``team`` (add-user, who, set, report): the store's
administration and team mode."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from emit_gui.commands.options import add_db, add_json, arguments, command
from emit_gui.errors import UserError


def _db_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["upgrade", "init", "current"],
                   help="upgrade: migrate to this emit-gui's schema (the lead, on a team database); "
                        "init: a new team database: schema, roles emit_labeler/emit_reviewer/emit_lead, grants "
                        "and row-level security; current: print the schema revision")
    add_db(p)


@command("db", "migrate the database explicitly, or set up a team's PostgreSQL database")
@arguments(_db_args)
def db_cmd(args: argparse.Namespace) -> int:
    from emit_gui.store.db import (
        current_revision,
        head_revision,
        make_engine,
        resolve_db,
        upgrade_database,
    )

    target = resolve_db(args.db)
    if args.action == "current":
        engine = make_engine(target)
        try:
            rev = current_revision(engine)
        except Exception as exc:  # noqa: BLE001
            raise UserError(f"{target}: cannot read the schema revision ({str(exc).splitlines()[0]})") from None
        finally:
            engine.dispose()
        print(f"{target}: schema {rev or 'none'} (this emit-gui: {head_revision()})")
        return 0
    if args.action == "init":
        from emit_gui.team.roles import init_team_database

        before, after = init_team_database(args.db)
        print(f"{target}: schema {after}; roles emit_labeler, emit_reviewer, emit_lead with grants and "
              "row-level security. Add people with `emit-gui team add-user NAME --role labeler`.")
        return 0
    before, after = upgrade_database(target)
    if target.is_postgres:
        from emit_gui.team.roles import refresh_security

        refresh_security(target)
    print(f"{target}: schema {before or 'none'} -> {after}" if before != after else f"{target}: schema {after}, up to date")
    return 0


def _team_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["add-user", "who", "set", "report", "publish-model", "use-model", "models"],
                   help="add-user NAME --role R; who: who holds which product; "
                        "set double-share FRACTION; report [--json]; publish-model DIR [--name N]: "
                        "store a model version for the team; use-model NAME: the team's model; "
                        "models: the published versions, and fetch the team's")
    p.add_argument("args", nargs="*", help="the action's arguments")
    p.add_argument("--role", choices=["labeler", "reviewer", "lead"], default="labeler")
    p.add_argument("--password", action="store_true",
                   help="ask for a password for the new login (the server keeps its hash; emit-gui stores nothing)")
    p.add_argument("--folder", metavar="PATH", help="who: the folder (default: every folder)")
    add_json(p, "report: one JSON object")
    p.add_argument("--name", help="publish-model: the version's name (default: its manifest's)")
    add_db(p)


@command("team", "team mode on a shared PostgreSQL store: users, leases, settings, the team report")
@arguments(_team_args)
def team_cmd(args: argparse.Namespace) -> int:
    if args.action == "add-user":
        from emit_gui.team.roles import add_user

        if len(args.args) != 1:
            raise UserError("team add-user NAME --role labeler|reviewer|lead")
        password = None
        if args.password:
            password = getpass.getpass(f"password for {args.args[0]}: ")
        what = add_user(args.db, args.args[0], args.role, password)
        print(f"{args.args[0]}: {what} as {args.role}; they connect with --db postgresql://{args.args[0]}@HOST/DB "
              "(password in ~/.pgpass or a service file, never on the command line)")
        return 0

    from emit_gui.store import open_store

    with open_store(args.db) as store:
        if args.action == "report":
            from emit_gui.team.report import format_report, team_report

            report = team_report(store)
            if args.json:
                json.dump(report, sys.stdout, ensure_ascii=False, indent=1, default=str)
                print()
            else:
                print(format_report(report))
            return 0
        if args.action in ("publish-model", "use-model", "models"):
            return _models(store, args)
        from sqlalchemy import select

        from emit_gui.store.repo import workspace_folder
        from emit_gui.store.schema import Workspace
        from emit_gui.team.work import Team

        if args.action == "set":
            if len(args.args) != 2 or args.args[0] != "double-share":
                raise UserError("team set double-share FRACTION (0 to 1)")
            try:
                share = float(args.args[1])
            except ValueError:
                share = -1
            if not 0 <= share <= 1:
                raise UserError(f"double-share: a fraction from 0 to 1, not {args.args[1]!r}")
            Team(store, -1).set_setting("double_share", share)
            print(f"double-share: {share:g} of the products are labelled twice, blind")
            return 0
        # who
        with store._reader.connect() as conn:
            spaces = conn.execute(select(Workspace.id, Workspace.root, Workspace.profile_name)
                                  .order_by(Workspace.root)).all()
        if args.folder:
            ws = store.workspace_for(args.folder)
            if ws is None:
                raise UserError(f"{args.folder}: no folder of that name in the store")
            spaces = [s for s in spaces if s[0] == ws]
        for ws_id, key, profile in spaces:
            holders = Team(store, ws_id).holders()
            # the folder as the labeler knows it, its profile beside it (the key glues them together)
            where = f"{workspace_folder(key)} ({profile})"
            for pid, h in sorted(holders.items()):
                print(f"{where}\t{pid}\t{h.holder}\t{'blind' if h.round == 2 else 'label'}\tuntil {h.expires_at:%H:%M:%S}")
        return 0


def _models(store, args: argparse.Namespace) -> int:
    from emit_gui.team import models

    if args.action == "publish-model":
        if len(args.args) != 1:
            raise UserError("team publish-model DIR [--name NAME]")
        name, digest, size = models.publish_model(store, args.args[0], args.name)
        print(f"published {name}: {size / 1e6:.1f} MB, sha256 {digest}; make it the team's with "
              f"`emit-gui team use-model {name}`")
        return 0
    if args.action == "use-model":
        if len(args.args) != 1:
            raise UserError("team use-model NAME")
        digest = models.set_team_model(store, args.args[0])
        print(f"the team's model is now {args.args[0]} (sha256 {digest[:12]}...)")
        return 0
    active = models.team_model(store)
    for m in models.published_models(store):
        mark = "*" if active and active["sha256"] == m["sha256"] else " "
        print(f"{mark} {m['name']}\t{m['size'] / 1e6:.1f} MB\t{m['sha256'][:12]}\t{m['user']}\t{m['created_at']:%Y-%m-%d %H:%M}")
    if active:
        print(f"team model {active['name']} on this machine: {models.team_model_path(store)}")
    return 0
