"""leadsim schema: print the JSON Schema of the scenario format (for editors)."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of scenario files (for editor autocompletion)")
    p.add_argument("--output", "-o", metavar="FILE",
                   help="write the schema to FILE instead of printing it "
                        "(the repository keeps it in docs/scenario.schema.json)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..cli import UsageError
    from ..scenario.schema_export import schema_text

    text = schema_text()
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror}") from None
    print(f"wrote {args.output}", file=sys.stderr)
    return 0
