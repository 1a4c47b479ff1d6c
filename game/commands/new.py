"""leadsim new NAME [--from BUILTIN]: write a starter scenario NAME.yaml in the current folder."""

from __future__ import annotations

import sys
from pathlib import Path

SCHEMA = Path(__file__).resolve().parent.parent.parent / "docs" / "scenario.schema.json"


def register(sub) -> None:
    p = sub.add_parser("new", help="write a commented starter scenario NAME.yaml that plays as it is")
    p.add_argument("name", metavar="NAME", help="file name without .yaml, e.g. my_team")
    p.add_argument("--from", dest="source", metavar="BUILTIN",
                   help="start from a copy of a built-in scenario instead of the small starter")
    p.set_defaults(func=run)


def _schema_line() -> str:
    if SCHEMA.is_file():
        return f"# yaml-language-server: $schema={SCHEMA.as_uri()}"
    return "# For editor autocompletion: leadsim schema -o scenario.schema.json, then add a line\n" \
           "# yaml-language-server: $schema=scenario.schema.json"


def run(args) -> int:
    from ..cli import UsageError
    from ..scenario.loader import BUILTIN_DIR, builtin_names, load_text_bytes
    from ..scenario.starter import from_builtin, starter_text

    name = args.name.strip()
    if name.lower().endswith((".yaml", ".yml")):
        name = name.rsplit(".", 1)[0]
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise UsageError(f"'{args.name}' is not a plain file name; the scenario is written to the "
                         "current folder as NAME.yaml (use e.g. 'leadsim new my_team')")
    target = Path.cwd() / f"{name}.yaml"
    if target.exists():
        print(f"leadsim: {target.name} already exists; choose another name or delete it first "
              "(nothing was written)", file=sys.stderr)
        return 1
    if args.source:
        if args.source not in builtin_names():
            import difflib

            close = difflib.get_close_matches(args.source, builtin_names(), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise UsageError(f"no built-in scenario called '{args.source}'; {hint}"
                             f"choose from {', '.join(builtin_names())}")
        base = (BUILTIN_DIR / f"{args.source}.yaml").read_text(encoding="utf-8")
        text = from_builtin(base, name, _schema_line())
    else:
        text = starter_text(name, _schema_line())
    load_text_bytes(text.encode("utf-8"), target.name)  # never write a file that does not validate
    try:
        with open(target, "x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        print(f"leadsim: {target.name} already exists; nothing was written", file=sys.stderr)
        return 1
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None
    print(f"wrote {target.name}. Next: leadsim validate {target.name}, leadsim play {target.name}, "
          f"leadsim balance {target.name}")
    return 0
