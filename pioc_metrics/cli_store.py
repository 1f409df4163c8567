"""The command line of the record (shared/spec/stewardship.md): `store`, `users`, `submit`, `review`, `releases`.

Exit codes: 0 done; 1 done, but some rows were rejected; 2 nothing could be read, an unknown id, or the store cannot
be reached; 3 not allowed (wrong role, wrong city, own submission) or a conflict left to settle. `submit` prints the
submission id and `review approve` the new release number as the last line of their output.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from pioc_metrics.data.problems import Problem
from pioc_metrics.paths import DATA_DIR
from pioc_metrics.store import accounts, database, releases, setup, submissions
from pioc_metrics.store.audit import OPERATOR
from pioc_metrics.store.errors import Conflict, Invalid, NotAllowed, NotFound, StoreError, StoreUnavailable
from pioc_metrics.store.rows import KINDS
from pioc_metrics.text.i18n import t
from pioc_metrics.text.problems import problem_line

EXIT_DONE, EXIT_REJECTED, EXIT_UNREADABLE, EXIT_NOT_ALLOWED = 0, 1, 2, 3
COMMANDS = ("store", "users", "submit", "review", "releases")


def add_store_commands(commands) -> None:
    """The record's subcommands, on the main parser's subparsers."""
    store = commands.add_parser("store", help="the data store: create it, with release 1 from the data folder")
    store_sub = store.add_subparsers(dest="action", required=True)
    init = store_sub.add_parser("init", help="schema + release 1 from the data folder when empty; safe to repeat")
    init.add_argument("--data", default=str(DATA_DIR))

    users = commands.add_parser("users", help="accounts and roles")
    users_sub = users.add_subparsers(dest="action", required=True)
    add = users_sub.add_parser("add", help="a new account")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=accounts.ROLES)
    add.add_argument("--city", action="append", default=[], metavar="ID", help="a city an editor submits for")
    add.add_argument("--password-stdin", action="store_true", help="read a password for web sign-in from stdin")
    add.add_argument("--email", help="the e-mail an OpenID Connect sign-in (when configured) matches the account by")
    users_sub.add_parser("list", help="every account")
    email = users_sub.add_parser("email", help="set the e-mail an OpenID Connect sign-in matches; none clears it")
    email.add_argument("name")
    email.add_argument("email", nargs="?", default="")
    for name, text in (("disable", "disable an account"), ("passwd", "set a password, read from stdin")):
        sub = users_sub.add_parser(name, help=text)
        sub.add_argument("name")

    submit = commands.add_parser("submit", help="submit files for review")
    submit.add_argument("files", nargs="+")
    submit.add_argument("--user", required=True)
    submit.add_argument("--note", default="")

    review = commands.add_parser("review", help="waiting submissions: list, show, approve, reject")
    review_sub = review.add_subparsers(dest="action", required=True)
    listing = review_sub.add_parser("list", help="submissions waiting for review")
    listing.add_argument("--all", action="store_true", help="also the approved and rejected ones")
    show = review_sub.add_parser("show", help="one submission and its difference from the latest release")
    show.add_argument("id", type=int)
    approve = review_sub.add_parser("approve", help="publish a submission as the next release")
    approve.add_argument("id", type=int)
    approve.add_argument("--user", required=True)
    approve.add_argument("--note", default="")
    approve.add_argument("--settle", choices=submissions.SETTLE,
                         help="for conflicts: keep the published values, or take the submitted ones")
    reject = review_sub.add_parser("reject", help="reject a submission, with the reason")
    reject.add_argument("id", type=int)
    reject.add_argument("--user", required=True)
    reject.add_argument("--reason", required=True)

    rel = commands.add_parser("releases", help="published releases: list, show, diff, export")
    rel_sub = rel.add_subparsers(dest="action", required=True)
    rel_sub.add_parser("list", help="every release, newest first")
    show = rel_sub.add_parser("show", help="one release")
    show.add_argument("number", type=int)
    diff = rel_sub.add_parser("diff", help="rows added, changed and removed from release N to M")
    diff.add_argument("old", type=int)
    diff.add_argument("new", type=int)
    export = rel_sub.add_parser("export", help="a release as the data contract's files")
    export.add_argument("number", type=int)
    export.add_argument("folder")


def run_store_command(args, out) -> int:
    """Run one of COMMANDS; store errors become a message on stderr and their exit code."""
    url = database.database_url()
    try:
        return HANDLERS[args.command](args, url, out)
    except Conflict as error:
        for conflict in error.conflicts:
            print(f"conflict: {_change_line(conflict)}", file=out)
        return _fail(error, EXIT_NOT_ALLOWED)
    except NotAllowed as error:
        return _fail(error, EXIT_NOT_ALLOWED)
    except Invalid as error:
        for problem in error.params.get("problems", []):
            print(_problem_line(problem), file=sys.stderr)
        return _fail(error, EXIT_UNREADABLE)
    except (StoreUnavailable, NotFound, StoreError) as error:
        return _fail(error, EXIT_UNREADABLE)


def _fail(error: StoreError, code: int) -> int:
    params = {k: v for k, v in error.params.items() if k != "problems"}
    print(f"error: {t(error.code, 'en', **params)}", file=sys.stderr)
    return code


def _problem_line(problem: Problem) -> str:
    return problem_line(problem)


def _store(args, url, out) -> int:
    number, problems = setup.init_store(url, args.data, _actor())
    for problem in problems:
        print(_problem_line(problem), file=out)
    print(f"store ready: {_safe(url)}, schema {setup.head_revision()}; latest release:", file=out)
    print(number, file=out)
    return EXIT_DONE


def _users(args, url, out) -> int:
    if args.action == "add":
        password = _read_password() if args.password_stdin else None
        account = accounts.add_account(url, _actor(), args.name, args.role, args.city, password, args.email)
        print(f"added {account.name}: {account.role}{_cities(account)}", file=out)
    elif args.action == "list":
        for account in accounts.list_accounts(url):
            state = " (disabled)" if account.disabled else ""
            sign_in = "password set" if account.has_password else "no password"
            print(f"{account.name}\t{account.role}{_cities(account)}\t{sign_in}\t{account.email or '-'}{state}",
                  file=out)
    elif args.action == "email":
        account = accounts.set_email(url, _actor(), args.name, args.email)
        print(f"e-mail of {account.name}: {account.email or 'none'}", file=out)
    elif args.action == "disable":
        accounts.disable_account(url, _actor(), args.name)
        print(f"disabled {args.name}", file=out)
    else:
        accounts.set_password(url, _actor(), args.name, _read_password())
        print(f"password set for {args.name}", file=out)
    return EXIT_DONE


def _read_password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("password: ")
    return sys.stdin.readline().rstrip("\r\n")


def _cities(account) -> str:
    return f" for {', '.join(account.cities)}" if account.cities else ""


def _submit(args, url, out) -> int:
    files = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            print(f"{name}: no such file", file=sys.stderr)
            return EXIT_UNREADABLE
        files.append((path.name, path.read_bytes()))
    result = submissions.submit(url, args.user, files, args.note)
    for problem in result.problems:
        print(_problem_line(problem), file=out)
    if result.id is None:
        print("nothing submitted: no row was accepted", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"submission {result.id}: {result.rows} row(s) waiting for review; id:", file=out)
    print(result.id, file=out)
    return EXIT_REJECTED if result.rejected else EXIT_DONE


def _review(args, url, out) -> int:
    if args.action == "list":
        for item in submissions.list_submissions(url, None if args.all else "waiting"):
            print(f"{item['id']}\t{item['status']}\t{item['submitted_by']}\t{_when(item['created_at'])}\t"
                  f"{item['files']}\t{_one_line(item['note'])}", file=out)
    elif args.action == "show":
        _show_submission(url, args.id, out)
    elif args.action == "approve":
        number = submissions.approve(url, args.id, args.user, args.note, args.settle)
        if number is None:
            print(f"submission {args.id} approved; it changed nothing, so no release was made; latest:", file=out)
            number = releases.latest_release(url)["number"]
        else:
            print(f"submission {args.id} approved and published as release:", file=out)
        print(number, file=out)
    else:
        submissions.reject(url, args.id, args.user, args.reason)
        print(f"submission {args.id} rejected", file=out)
    return EXIT_DONE


def _show_submission(url: str, submission_id: int, out) -> None:
    submission, changes = submissions.review(url, submission_id)
    print(f"submission {submission['id']} ({submission['status']}) by {submission['submitted_by']}, "
          f"{_when(submission['created_at'])}, made on release {submission['base_release']}", file=out)
    print(f"files: {submission['files']}", file=out)
    print(f"note: {_one_line(submission['note'])}", file=out)
    if submission["status"] != "waiting":
        print(f"{submission['status']} by {submission['reviewed_by']}: {_one_line(submission['review_note'])}",
              file=out)
    for problem in submissions.report_problems(submission["report"]):
        print(_problem_line(problem), file=out)
    for change in changes.to_dict(orient="records"):
        print(("CONFLICT " if change["conflict"] else "") + _change_line(change), file=out)
    print(f"{len(changes)} change(s) from the latest release", file=out)


def _releases(args, url, out) -> int:
    if args.action == "list":
        for item in releases.list_releases(url):
            print(f"{item['number']}\t{_when(item['published_at'])}\t{item['published_by']}\t"
                  f"{_one_line(item['note'])}", file=out)
    elif args.action == "show":
        info = releases.release_info(url, args.number)
        frames = releases.release_frames(url, args.number)
        print(f"release {info['number']}, {_when(info['published_at'])}, by {info['published_by']}: "
              f"{_one_line(info['note'])}", file=out)
        for kind, frame in frames.items():
            print(f"{KINDS[kind][0]}: {len(frame)} row(s)", file=out)
    elif args.action == "diff":
        changes = releases.diff_releases(url, args.old, args.new)
        for change in changes.to_dict(orient="records"):
            print(_change_line(change), file=out)
        print(f"{len(changes)} row(s) added, changed or removed from release {args.old} to {args.new}", file=out)
    else:
        for path in releases.write_release(url, args.number, args.folder):
            print(path, file=out)
    return EXIT_DONE


def _change_line(change: dict) -> str:
    """`added indicators palmira 2025 homicides main: 120 (source)` or `changed ...: 41 -> 40 (source)`."""
    where = " ".join(part for part in str(change["key"]).split("|") if part)
    old, new = change.get("old"), change.get("new")
    label = change.get("change") or ("added" if old is None else "changed")
    return f"{label} {change['kind']} {where}: {_row_text(old)} -> {_row_text(new)}"


def _row_text(row: dict | None) -> str:
    if row is None:
        return "(none)"
    shown = row.get("value") if "value" in row else row.get("city") or row.get("label_en") or ""
    source = row.get("source", "")
    return f"{shown} ({_one_line(source)[:80]})" if source else str(shown)


def _one_line(text) -> str:
    """Text from a note, a reason or a source on one line, control characters dropped: shown as typed, never run."""
    return " ".join("".join(c if c.isprintable() else " " for c in str(text or "")).split())


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if hasattr(moment, "strftime") else str(moment)


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _actor() -> str:
    return OPERATOR


HANDLERS = {"store": _store, "users": _users, "submit": _submit, "review": _review, "releases": _releases}
