"""The wire codec comparison runs and prints every figure. No figure is judged (see test_bench_quick.py)."""

import pytest

from tcm_bench import wire_codec


def test_the_quick_comparison_prints_every_figure(capsys: pytest.CaptureFixture[str]) -> None:
    assert wire_codec.main(["--quick"]) == 0

    printed = capsys.readouterr().out
    for figure in wire_codec.measure(number=1, rounds=1):
        assert figure.name in printed
    assert "serialise speed-up" in printed
    assert "parse speed-up" in printed
    assert "load average" in printed
