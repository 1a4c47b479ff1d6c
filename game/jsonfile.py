"""Reading JSON files that people hand around (saves, workshop and result files).

Every way such a file can be wrong becomes one error of the caller's type,
with the file name and a reason a person can act on.
"""

from __future__ import annotations

import json
from pathlib import Path

from .safefile import UnsafeFile, read_limited


def read_json(path: Path, what: str, max_bytes: int, error: type[Exception]):
    """The parsed content of `path`, or `error` saying why a '{what} file' could not be read.

    The size is checked before reading (see safefile.read_limited): a 2 GB file costs nothing.
    """
    path = Path(path)
    try:
        raw = read_limited(path, max_bytes)
    except FileNotFoundError:
        raise error(f"{path}: no such {what} file") from None
    except IsADirectoryError:
        raise error(f"{path}: this is a folder; name a {what} file") from None
    except UnsafeFile as exc:
        raise error(f"{path}: cannot be used as a {what} file: {exc}") from None
    except OSError as exc:
        raise error(f"{path}: cannot read it ({exc.strerror or exc})") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise error(f"{path}: not a valid {what} file (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise error(f"{path}: not a valid {what} file (broken JSON at line {exc.lineno}; "
                    "was it truncated?)") from None
    except RecursionError:
        raise error(f"{path}: not a valid {what} file (nested too deeply)") from None
    except ValueError:  # e.g. a number with more than 4300 digits
        raise error(f"{path}: not a valid {what} file (a value cannot be read)") from None
