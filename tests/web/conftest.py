"""Fixtures of the web tests: a workshop file and an in-process server for it."""

from __future__ import annotations

import pytest

from .webkit import make_client, make_workshop


@pytest.fixture
def ws(tmp_path):
    return make_workshop(tmp_path)


@pytest.fixture
def client(tmp_path, ws):
    with make_client(tmp_path / "games.sqlite3", ws) as c:
        yield c
