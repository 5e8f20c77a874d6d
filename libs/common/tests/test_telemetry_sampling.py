"""Which traces are recorded: the caller's decision when there is one, else TCM_TRACE_SAMPLE_RATIO."""

from collections.abc import Iterator

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from server_spans import server_span

from tcm_common.settings import SettingsError, load_telemetry_settings
from tcm_common.telemetry.propagation import AlbRootIdGenerator
from tcm_common.telemetry.tracing import platform_sampler

W3C_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
W3C_PARENT = "00f067aa0ba902b7"
ALB_ROOT = "1-5759e988-bd862e3fe1be46a994272793"


@pytest.fixture(params=[0.0, 1.0], ids=["ratio 0", "ratio 1"])
def ratio(request: pytest.FixtureRequest) -> float:
    ratio: float = request.param
    return ratio


@pytest.fixture
def tracer(ratio: float) -> Iterator[trace.Tracer]:
    provider = TracerProvider(
        id_generator=AlbRootIdGenerator(), sampler=platform_sampler(ratio), shutdown_on_exit=False
    )
    yield provider.get_tracer("test")
    provider.shutdown()


@pytest.mark.parametrize("flags", ["01", "00"])
def test_a_callers_decision_wins_whatever_the_ratio(tracer: trace.Tracer, flags: str) -> None:
    span = server_span(tracer, {"traceparent": f"00-{W3C_TRACE}-{W3C_PARENT}-{flags}"})
    assert span.is_recording() is False  # ended
    assert span.get_span_context().trace_flags.sampled is (flags == "01")
    assert format(span.get_span_context().trace_id, "032x") == W3C_TRACE


@pytest.mark.parametrize("headers", [{}, {"x-amzn-trace-id": f"Root={ALB_ROOT}"}], ids=["no header", "ALB root"])
def test_traces_that_start_here_follow_the_ratio_and_keep_their_trace_id(
    tracer: trace.Tracer, ratio: float, headers: dict[str, str]
) -> None:
    spans = [server_span(tracer, headers) for _ in range(20)]
    assert {span.get_span_context().trace_flags.sampled for span in spans} == {ratio == 1.0}
    # Unrecorded spans still carry a trace id: the one logs and error answers show.
    assert all(span.get_span_context().is_valid for span in spans)
    if headers:
        assert {format(span.get_span_context().trace_id, "032x") for span in spans} == {ALB_ROOT[2:].replace("-", "")}


@pytest.mark.parametrize(("value", "ratio"), [(None, 1.0), ("0", 0.0), ("0.05", 0.05), (" 1 ", 1.0)])
def test_the_ratio_setting(value: str | None, ratio: float) -> None:
    environ = {} if value is None else {"TCM_TRACE_SAMPLE_RATIO": value}
    assert load_telemetry_settings(environ).sample_ratio == ratio


@pytest.mark.parametrize("value", ["often", "1.5", "-0.1", "nan"])
def test_a_ratio_outside_0_to_1_is_refused_with_its_name(value: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_telemetry_settings({"TCM_TRACE_SAMPLE_RATIO": value})
    assert caught.value.problems == [f"TCM_TRACE_SAMPLE_RATIO={value!r} is not a ratio from 0 to 1 (e.g. 0.05 for 5 %)"]
