"""The `convenor` command: run the demo, serve, migrate, load scenarios, build publications, run
the task worker.

Anything that is not one of Convenor's own commands is handed to Django's management commands,
so `convenor createsuperuser` and `convenor manage check --deploy` both work.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

SCENARIO_DIR = Path(__file__).resolve().parent / "scenarios"
DEMO_SCENARIO = SCENARIO_DIR / "em3-2019.yaml"


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convenor.config.settings")
    import django

    django.setup()


def _manage(*argv: str, **options: Any) -> None:
    from django.core.management import call_command

    call_command(*argv, **options)


def _serve(host: str, port: int, threads: int) -> None:
    from django.conf import settings
    from waitress import serve

    from convenor.config.wsgi import application

    # Behind a TLS proxy (CONVENOR_HTTPS) Django reads X-Forwarded-Proto; waitress drops that
    # header unless told to keep it, and every request would then be redirected to HTTPS again.
    proxy: dict[str, Any] = (
        {"trusted_proxy": "*", "trusted_proxy_headers": {"x-forwarded-proto"}}
        if settings.SECURE_PROXY_SSL_HEADER
        else {}
    )
    worker = _worker_start()
    print(f"Serving Convenor on http://{host}:{port}/ (press Ctrl+C to stop)", flush=True)
    try:
        serve(application, host=host, port=port, threads=threads, ident="Convenor", **proxy)
    finally:
        worker.terminate()
        worker.wait(timeout=10)


def _worker_start() -> subprocess.Popen[bytes]:
    """The background task worker beside the web server (builds of publications), as a child
    process that the kernel stops when the server stops, however it stops."""

    def die_with_parent() -> None:
        # prctl(PR_SET_PDEATHSIG, SIGTERM): Linux only; elsewhere the server's `finally` stops it.
        with contextlib.suppress(OSError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)

    command = [
        sys.executable,
        "-m",
        "convenor.cli",
        "worker",
        "--interval",
        "1",
        "--no-startup-delay",
    ]
    return subprocess.Popen(command, env=os.environ.copy(), preexec_fn=die_with_parent)


def _scenario_as_of(path: Path) -> str:
    """The scenario's `as_of` moment, read before Django starts (settings depend on it)."""
    import yaml

    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    value = document.get("as_of") if isinstance(document, dict) else None
    return str(value) if value else ""


def cmd_demo(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir).resolve()
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    os.environ["CONVENOR_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    # The demo shows the strategy on the day its scenario describes (see core/clock.py).
    as_of = _scenario_as_of(DEMO_SCENARIO)
    if as_of:
        os.environ["CONVENOR_AS_OF"] = as_of
    _setup_django()
    from convenor.scenarios.demo import demo_logins_create
    from convenor.scenarios.loader import ScenarioError, scenario_load

    _manage("migrate", "--no-input", verbosity=0)
    try:
        report = scenario_load(path=DEMO_SCENARIO)
    except ScenarioError as error:
        print(error, file=sys.stderr)
        return 1
    print(report.summary())
    logins = demo_logins_create(path=DEMO_SCENARIO)
    print(f"\nDemo data folder: {data_dir}")
    if as_of:
        print(f"The demo shows the strategy as it stood on {as_of} (CONVENOR_AS_OF).")
    site = f"http://{args.host}:{args.port}"
    print(f"Open {site}/ and sign in at {site}/accounts/login/ as:")
    for login in logins:
        print(f"  {login.role:<34} {login.email:<40} password: {login.password}")
    if args.no_serve:
        return 0
    _serve(args.host, args.port, args.threads)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    _setup_django()
    _manage("migrate", "--no-input", verbosity=0)
    _serve(args.host, args.port, args.threads)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    _setup_django()
    _manage("migrate", "--no-input")
    return 0


def cmd_load_scenario(args: argparse.Namespace) -> int:
    _setup_django()
    from convenor.scenarios.loader import ScenarioError, scenario_load

    try:
        report = scenario_load(path=Path(args.file))
    except ScenarioError as error:
        print(error, file=sys.stderr)
        return 1
    print(report.summary())
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    """Build one version of a publication and write its HTML, PDF and DOCX to a folder.

    A signed-off version is never rebuilt: its stored files are copied, after checking that they
    still match the checksums recorded at sign-off.
    """
    _setup_django()
    from convenor.publishing.choices import BuildStatus
    from convenor.publishing.models import OUTPUTS
    from convenor.publishing.services import sha256_of, version_build
    from convenor.strategy.models import Strategy

    def fail(message: str) -> int:
        print(f"convenor publish: {message}", file=sys.stderr)
        return 1

    strategies = list(Strategy.objects.order_by("slug"))
    slugs = ", ".join(strategy.slug for strategy in strategies) or "none"
    if args.strategy:
        strategy = next((each for each in strategies if each.slug == args.strategy), None)
        if strategy is None:
            return fail(f"no strategy {args.strategy!r}; the strategies are: {slugs}")
    elif len(strategies) == 1:
        strategy = strategies[0]
    else:
        return fail(f"say which strategy with --strategy SLUG; the strategies are: {slugs}")
    # The most recently started publication of that kind, if a strategy has several.
    publication = strategy.publications.filter(kind=args.kind).order_by("-created_at").first()
    if publication is None:
        kinds = sorted(set(strategy.publications.values_list("kind", flat=True)))
        return fail(
            f"{strategy.slug} has no publication of kind {args.kind}; "
            f"it has: {', '.join(kinds) or 'none'}"
        )
    versions = publication.versions.select_related("publication__strategy")
    version = (
        versions.filter(number=args.version).first()
        if args.version is not None
        else versions.order_by("-number").first()
    )
    if version is None:
        numbers = ", ".join(str(n) for n in versions.values_list("number", flat=True))
        return fail(f"{publication.slug} has no version {args.version}; it has: {numbers}")
    if version.is_fixed:
        print(
            f"{publication.title}, version {version.number}: "
            f"{version.get_status_display().lower()}, so its files are copied, not rebuilt"
        )
    else:
        print(f"Building {publication.title}, version {version.number} ...", flush=True)
        version = version_build(version=version)
        if version.build_status != BuildStatus.BUILT:
            return fail(version.build_step or "the build failed")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for output in OUTPUTS:
        field = getattr(version, f"{output}_file")
        expected = getattr(version, f"{output}_sha256")
        try:
            with field.open("rb") as handle:
                content = handle.read()
        except (OSError, ValueError):
            return fail(f"the {output.upper()} file of version {version.number} is missing")
        if sha256_of(content) != expected:
            return fail(
                f"the {output.upper()} file of version {version.number} does not match the "
                f"SHA-256 recorded for it ({expected}): it has been changed"
            )
        target = out / f"{publication.slug}-v{version.number}.{output}"
        target.write_bytes(content)
        print(f"  {target}  SHA-256 {expected}")
    print(f"Pages: {version.page_count}")
    findings = list(version.findings.select_related("section"))
    print(f"{len(findings)} lint finding{'s' if len(findings) != 1 else ''}")
    for finding in findings:
        where = f" ({finding.section.heading})" if finding.section else ""
        figure = f" [{finding.figure}]" if finding.figure else ""
        print(f"  {finding.get_code_display()}{where}: {finding.message}{figure}")
    return 0


def cmd_polis_compare(args: argparse.Namespace) -> int:
    """Compare our opinion groups with Pol.is's own on Pol.is export folders, one line each."""
    _setup_django()
    _manage("migrate", "--no-input", verbosity=0)
    from convenor.insights.opinion import GROUP_COUNT_MARGIN
    from convenor.insights.polis import PolisExportError
    from convenor.insights.polis_compare import HEADER, polis_compare

    if args.group_margin is None:
        args.group_margin = GROUP_COUNT_MARGIN

    print(" ".join(HEADER))
    failed = 0
    for folder in args.folders:
        try:
            print(polis_compare(Path(folder), margin=args.group_margin).line(), flush=True)
        except PolisExportError as error:
            print(error, file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def cmd_tagging_evaluate(args: argparse.Namespace) -> int:
    """Precision, recall and F1 of priority tagging on a labelled set, held out from training."""
    from convenor.insights.evaluation import evaluation_table, tagging_evaluate

    evaluation = tagging_evaluate(
        labelled=Path(args.labelled), scenario=Path(args.scenario), folds=args.folds
    )
    print(evaluation_table(evaluation))
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    _setup_django()
    _manage("db_worker", *args.worker_args)
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convenor.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["convenor", *args.django_args])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="convenor",
        description="Co-design a place-based strategy with partners, in the open, and publish it.",
        epilog="Any other command is passed to Django's management commands.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add_server_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--host", default="127.0.0.1", help="address to listen on")
        sub.add_argument("--port", type=int, default=8000, help="port to listen on")
        sub.add_argument("--threads", type=int, default=8, help="worker threads")

    demo = commands.add_parser(
        "demo", help="fresh data folder, the Enterprise M3 demo loaded, demo logins, serve"
    )
    demo.add_argument(
        "--data-dir", default="convenor-demo", help="data folder, emptied first (convenor-demo)"
    )
    demo.add_argument("--no-serve", action="store_true", help="prepare the demo but do not serve")
    add_server_options(demo)
    demo.set_defaults(handler=cmd_demo)

    serve = commands.add_parser("serve", help="migrate if needed, then serve the site")
    add_server_options(serve)
    serve.set_defaults(handler=cmd_serve)

    commands.add_parser("migrate", help="create or update the database tables").set_defaults(
        handler=cmd_migrate
    )

    load = commands.add_parser("load-scenario", help="load a strategy written as a YAML file")
    load.add_argument("file", help="the scenario file")
    load.set_defaults(handler=cmd_load_scenario)

    publish = commands.add_parser(
        "publish", help="build a publication's HTML, PDF and DOCX and write them to a folder"
    )
    publish.add_argument(
        "kind",
        metavar="KIND",
        help="early-beta, draft-strategy, final-strategy, "
        "engagement-report, board-paper or evidence-summary",
    )
    publish.add_argument("--version", type=int, help="the version number (default: the latest)")
    publish.add_argument("--out", required=True, help="the folder to write the files to")
    publish.add_argument(
        "--strategy", help="the strategy's slug (needed when there is more than one)"
    )
    publish.set_defaults(handler=cmd_publish)

    compare = commands.add_parser(
        "polis-compare",
        help="compare our opinion groups with Pol.is's own on Pol.is export folders",
    )
    compare.add_argument("folders", nargs="+", metavar="FOLDER", help="a Pol.is export folder")
    compare.add_argument(
        "--group-margin",
        type=float,
        default=None,
        help="how much better a larger group count's silhouette must be (default: the product's)",
    )
    compare.set_defaults(handler=cmd_polis_compare)

    evaluate = commands.add_parser(
        "tagging-evaluate",
        help="measure priority tagging on a labelled set of comments (cross-validated)",
    )
    evaluate.add_argument("labelled", metavar="CSV", help="id,text,priorities[,author_kind]")
    evaluate.add_argument(
        "--scenario", default=str(DEMO_SCENARIO), help="the scenario with the priorities (demo)"
    )
    evaluate.add_argument("--folds", type=int, default=5, help="cross-validation folds (5)")
    evaluate.set_defaults(handler=cmd_tagging_evaluate)

    worker = commands.add_parser("worker", help="run background tasks (PDF builds, imports, mail)")
    worker.add_argument("worker_args", nargs=argparse.REMAINDER, help="options for db_worker")
    worker.set_defaults(handler=cmd_worker)

    manage = commands.add_parser("manage", help="run a Django management command")
    manage.add_argument("django_args", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=cmd_manage)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    known = {
        "demo",
        "serve",
        "migrate",
        "load-scenario",
        "publish",
        "polis-compare",
        "tagging-evaluate",
        "worker",
        "manage",
        "-h",
        "--help",
    }
    if argv and argv[0] not in known:
        argv = ["manage", *argv]
    # Everything after `worker` or `manage` belongs to Django's command, options included:
    # argparse would take a leading option ("worker --interval 1") as its own and refuse it.
    passed_on = {"worker": "worker_args", "manage": "django_args"}
    if len(argv) > 1 and argv[0] in passed_on and argv[1] not in ("-h", "--help"):
        args = parser.parse_args(argv[:1])
        setattr(args, passed_on[argv[0]], argv[1:])
        return int(args.handler(args))
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
