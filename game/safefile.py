"""Reading files that come from other people, and following paths written inside them.

Scenario, workshop, result and save files are hostile input: a participant can hand in a
"result" that is a FIFO (opening it blocks), /dev/zero (reading never ends), a 2 GB file
(reading it first costs 2 GB) or one that names /etc/shadow as its scenario. Every such
file is read through `read_limited`, and every path written inside a file goes through
`inside_folder` first. Both raise `UnsafeFile` with a reason a person can act on; each
caller turns it into its own error type.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath

MAX_NAMED_PATH = 255  # characters of a path written inside a file


class UnsafeFile(ValueError):
    """The file cannot be read safely; str() is the reason, without the file name."""


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    Opened without blocking (a FIFO or a device would wait for a writer), checked with fstat
    to be a regular file and small enough *before* reading, then read up to limit + 1 bytes
    (the file may grow between fstat and read).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(os.fspath(path), flags)
    except FileNotFoundError:
        raise FileNotFoundError(errno.ENOENT, "no such file", str(path)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "this is a folder", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile("not a regular file (a pipe, device or socket); name a file saved on disk")
        if info.st_size > limit:
            raise UnsafeFile(f"too large ({info.st_size:,} bytes; the limit is {limit:,})")
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise UnsafeFile(f"too large (more than {limit:,} bytes; it grew while being read)")
        return b"".join(chunks)
    finally:
        os.close(fd)


def inside_folder(named: str, naming_file: Path) -> Path:
    """The file that `named`, written inside `naming_file`, refers to, if it stays in that file's folder.

    The rule for every path written inside a file: text of at most 255 characters, relative (no
    '/' or '\\' at the start, no drive, no '~'), no '..' part, no NUL, and once resolved (symbolic
    links followed) still inside the folder of the file that names it.
    """
    if not isinstance(named, str) or not named.strip():
        raise UnsafeFile("the path is empty; name a file next to this one")
    if len(named) > MAX_NAMED_PATH:
        raise UnsafeFile(f"the path is {len(named):,} characters long; at most {MAX_NAMED_PATH} are allowed")
    if "\x00" in named or any(ord(c) < 32 for c in named):
        raise UnsafeFile("the path contains control characters")
    posix, windows = PurePosixPath(named), PureWindowsPath(named)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or named.startswith(("/", "\\", "~")):
        raise UnsafeFile(f"'{named}' is an absolute path; only a file in the same folder (or below) is followed")
    if ".." in posix.parts or ".." in windows.parts:
        raise UnsafeFile(f"'{named}' leaves the folder ('..'); only a file in the same folder (or below) is followed")
    folder = Path(naming_file).resolve().parent
    try:
        target = (folder / named).resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop, a name too long for the file system
        raise UnsafeFile(f"'{named}' cannot be resolved ({getattr(exc, 'strerror', None) or exc})") from None
    if target == folder or folder not in target.parents:
        raise UnsafeFile(f"'{named}' points outside the folder {folder} (a symbolic link?); "
                         "copy the file into that folder")
    return target


WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def slug(text: str, limit: int = 120, empty: str = "file") -> str:
    """A file-name part made of `text` that a participant can read out: letters (accented ones too, after
    Unicode NFC normalisation, so 'Zürich' typed either way is one name), digits, and '-' for everything
    else, lower case. It holds no separator, dot or control character, so it never leaves its folder, and at
    most `limit` bytes of UTF-8 (file systems count bytes); a Windows device name gets a suffix."""
    import re
    import unicodedata

    text = unicodedata.normalize("NFC", str(text)).lower()
    out = re.sub(r"-+", "-", "".join(c if c.isalnum() and c.isprintable() else "-" for c in text)).strip("-")
    while len(out.encode("utf-8")) > limit:
        out = out[:-1]
    out = out.rstrip("-") or empty
    return f"{out}-file" if out in WINDOWS_RESERVED else out
