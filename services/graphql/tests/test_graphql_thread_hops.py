"""No request of the GraphQL service waits for a worker thread (tcm_common.web.thread_hops)."""

from tcm_common.web.thread_hops import thread_hops
from tcm_graphql.app import create_app


def test_the_request_path_runs_on_the_event_loop_only() -> None:
    assert thread_hops(create_app()) == []
