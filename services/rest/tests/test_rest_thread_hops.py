"""No request of the REST service waits for a worker thread (tcm_common.web.thread_hops)."""

from tcm_common.settings import Environment
from tcm_common.web.thread_hops import thread_hops
from tcm_rest.app import create_app


def test_the_request_path_runs_on_the_event_loop_only() -> None:
    assert thread_hops(create_app(Environment.TEST)) == []
