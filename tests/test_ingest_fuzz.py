"""Fuzzing the import (issue 15): arbitrary bytes, and valid workbooks, CSVs, zips and
snapshots mutated byte by byte or inside their archive, go through the command line's
own function (``lianmeng.cli.main``, in process) and a few through the real ``lianmeng
import`` process. Every run ends in exit 0, 1 or 2 — never an exception or a traceback —
and the store is exactly as it was unless the run exits 0.

The budget is bounded (a fixed number of examples, no deadline, no example database) so
it runs in CI in well under a minute; ``FUZZ_EXAMPLES`` raises it for a longer hunt.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_state import store_state

from lianmeng.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "120"))


def _fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])


RAN = {"examples": 0, 0: 0, 1: 0, 2: 0}


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _seeds() -> dict[str, bytes]:
    organisations = (DATA / "dates" / "组织.csv").read_bytes()
    pairings = (DATA / "dates" / "结对.csv").read_bytes()
    return {
        "组织.csv": organisations,
        "结对.csv": pairings,
        "导入.zip": _zip({"组织.csv": organisations, "结对.csv": pairings}),
        "样例.xlsx": (DATA / "formats" / "sample.xlsx").read_bytes(),
        "样例.ods": (DATA / "formats" / "sample.ods").read_bytes(),
        "样例.xls": (DATA / "formats" / "sample.xls").read_bytes(),
    }


SEEDS = _seeds()


@st.composite
def _mutated_bytes(draw, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat", "control"]))
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        if op == "flip" and out:
            out[at] ^= draw(st.integers(1, 255))
        elif op == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "delete":
            del out[at:at + draw(st.integers(1, 256))]
        elif op == "truncate":
            del out[at:]
        elif op == "repeat":
            out[at:at] = out[at:at + draw(st.integers(1, 64))] * draw(st.integers(2, 50))
        else:  # a control character where a name or a text may be
            out[at:at] = draw(st.sampled_from([b"\x00", b"\x07", b"\x1b[2J", b"\x0b", b"\xc2\x85", b"\xc2\x9b"]))
    return bytes(out)


@st.composite
def _mutated_member(draw, data: bytes) -> bytes:
    """A zip-based file with one member's decompressed content mutated, then zipped again."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    name = draw(st.sampled_from(sorted(members)))
    members[name] = draw(_mutated_bytes(members[name]))
    return _zip(members)


@st.composite
def hostile_files(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["bytes", "mutated", "member"]))
    if kind == "bytes":
        suffix = draw(st.sampled_from([".csv", ".xlsx", ".zip", ".xls", ".ods", ".xlsb"]))
        prefix = draw(st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf"]))
        return "组织" + suffix, prefix + draw(st.binary(max_size=4096))
    if kind == "member":
        name = draw(st.sampled_from(["导入.zip", "样例.xlsx", "样例.ods"]))
    else:
        name = draw(st.sampled_from(sorted(SEEDS)))
    strategy = _mutated_member if kind == "member" else _mutated_bytes
    return name, draw(strategy(SEEDS[name]))


def _run(sample_dir: Path, path: Path, command: str, capsys) -> None:
    before = store_state(sample_dir)
    capsys.readouterr()
    code = main([command, str(path), "--json"])  # an exception here fails the test
    captured = capsys.readouterr()
    assert code in (0, 1, 2), code
    assert "Traceback" not in captured.err
    if code != 0:
        assert store_state(sample_dir) == before
    RAN["examples"] += 1
    RAN[code] += 1


def test_fuzz_import_files(sample_dir: Path, tmp_path: Path, capsys):
    @_fuzz(EXAMPLES)
    @given(hostile_files())
    def run(file: tuple[str, bytes]) -> None:
        name, data = file
        folder = tmp_path / f"case{RAN['examples']}"
        folder.mkdir()
        (folder / name).write_bytes(data)
        _run(sample_dir, folder / name, "import", capsys)

    run()
    print(f"fuzz: {RAN['examples']} import runs; exit 0/1/2: {RAN[0]}/{RAN[1]}/{RAN[2]}")


@st.composite
def hostile_snapshots(draw, seed: bytes) -> bytes:
    if draw(st.booleans()):
        return draw(_mutated_bytes(seed))
    return draw(st.sampled_from([b"[", b"{", b'{"a":'])) * draw(st.integers(1, 5000)) + draw(st.binary(max_size=64))


def test_fuzz_import_snapshot(sample_dir: Path, tmp_path: Path, capsys):
    assert main(["export", "snapshot", "-o", str(tmp_path / "seed.json")]) == 0
    seed = (tmp_path / "seed.json").read_bytes()
    before = RAN["examples"]

    @_fuzz(max(EXAMPLES // 2, 10))
    @given(hostile_snapshots(seed))
    def run(data: bytes) -> None:
        path = tmp_path / f"snap{RAN['examples']}.json"
        path.write_bytes(data)
        _run(sample_dir, path, "import-snapshot", capsys)

    run()
    print(f"fuzz: {RAN['examples'] - before} snapshot runs")


@pytest.mark.slow
def test_fuzz_through_the_real_command(sample_dir: Path, tmp_path: Path):
    """A few hostile files through the ``lianmeng import`` process itself."""
    cases = {
        "垃圾.xlsx": b"PK\x03\x04" + bytes(range(256)) * 8,
        "截断.xlsx": SEEDS["样例.xlsx"][: len(SEEDS["样例.xlsx"]) // 2],
        "截断.zip": SEEDS["导入.zip"][:-30],
        "控制字符.csv": "名称,范围\n单位\x1b[2J甲,区域外\n".encode(),
        "垃圾.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        before = store_state(sample_dir)
        result = subprocess.run([sys.executable, "-m", "lianmeng.cli", "import", str(tmp_path / name), "--json"],
                                capture_output=True, text=True, timeout=120, cwd=ROOT,
                                env={**os.environ, "LIANMENG_DATA_DIR": str(sample_dir)})
        assert result.returncode in (1, 2), (name, result.stderr)
        assert "Traceback" not in result.stderr and "\x1b" not in result.stdout + result.stderr, name
        assert store_state(sample_dir) == before, name
