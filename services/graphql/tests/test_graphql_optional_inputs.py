"""Every optional input the GraphQL contract offers has an effect a client can see (docs/architecture.md:
no input is accepted and ignored).

The inputs come from the introspection of the executable schema: every nullable field of an input
type and every nullable argument of a field. Each has a case here that sends the same operation without
and with it (set to something other than its default) and compares what a client then sees; an input
without a case fails `test_every_optional_input_has_a_case`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from graphql import introspection_from_schema
from graphql_harness import Browser, browser

from tcm_common.domain.user import User
from tcm_common.testing.observed import essence
from tcm_graphql.schema.executable import build_executable_schema

Json = dict[str, Any]

SUITE = "id name description estimatedStartDate estimatedEndDate requireEffortComment status version"
GROUP = "id name description displayOrder version"
CASE = "id title description priority plannedEffort status version"
CREATE_SUITE = f"mutation($input: CreateTestSuiteInput!) {{ createTestSuite(input: $input) {{ {SUITE} }} }}"
CREATE_GROUP = f"mutation($input: CreateTestGroupInput!) {{ createTestGroup(input: $input) {{ {GROUP} }} }}"
CREATE_CASE = f"mutation($input: CreateTestCaseInput!) {{ createTestCase(input: $input) {{ {CASE} }} }}"
READ_SUITE = f"query($id: ID!) {{ testSuite(id: $id) {{ {SUITE} groups {{ {GROUP} cases {{ {CASE} }} }} }} }}"
READ_GROUP = f"query($id: ID!) {{ testGroup(id: $id) {{ {GROUP} caseCount }} }}"
READ_CASE = f"""query($id: ID!) {{ testCase(id: $id) {{
  {CASE} history {{ fromStatus toStatus reason }} efforts {{ date hours comment }}
}} }}"""
CHANGE_STATUS = """mutation($id: ID!, $version: Int!, $status: TestCaseStatus!, $reason: String) {
  changeTestCaseStatus(id: $id, version: $version, status: $status, reason: $reason) { version }
}"""
RECORD_EFFORT = "mutation($input: RecordEffortInput!) { recordEffort(input: $input) { date hours comment } }"
CREATE_TOKEN = "mutation($name: String!) { createApiToken(name: $name, expiresInDays: 1) { secret } }"
CONNECTION = "edges { cursor node { %s } } pageInfo { hasNextPage endCursor } totalCount"
RESULT = "result comment durationMs externalId source"
RUN = f"""name description label status drivesWorkflow entryCount
  entries {{ title priority result assignee {{ id username }} results {{ {RESULT} }} }}"""
CREATE_RUN = f"mutation($input: CreateTestRunInput!) {{ createTestRun(input: $input) {{ id {RUN} version }} }}"
READ_RUN = f"query($id: ID!) {{ testRun(id: $id) {{ {RUN} }} }}"
RECORD_RESULT = f"""mutation($input: RecordRunResultInput!) {{
  recordRunResult(input: $input) {{ result {{ {RESULT} }} run {{ status }} }}
}}"""
READ_CASE_STATUS = "query($id: ID!) { testCase(id: $id) { status } }"


@dataclass(frozen=True)
class Callers:
    manager: Browser
    admin: Browser


async def answer(client: Browser, query: str, variables: Json) -> Json:
    """The whole answer (data and errors) of an operation."""
    body: Json = (await client.post(query, variables)).json()
    return body


async def data(client: Browser, query: str, variables: Json) -> Json:
    body = await answer(client, query, variables)
    assert "errors" not in body, body
    found: Json = body["data"]
    return found


def refusals(seen: Any) -> list[Any]:
    """The errors among what was seen."""
    if isinstance(seen, list):
        return [refusal for item in seen for refusal in refusals(item)]
    if isinstance(seen, dict) and "errors" in seen:
        return [seen["errors"]]
    return []


async def new_suite(client: Browser, **fields: Any) -> Json:
    suite_input = {"name": "optional inputs", "estimatedStartDate": "2026-01-01", "estimatedEndDate": "2026-12-31"}
    created: Json = (await data(client, CREATE_SUITE, {"input": {**suite_input, **fields}}))["createTestSuite"]
    return created


async def new_group(client: Browser, suite_id: str, name: str = "group", **fields: Any) -> Json:
    group_input = {"suiteId": suite_id, "name": name, **fields}
    created: Json = (await data(client, CREATE_GROUP, {"input": group_input}))["createTestGroup"]
    return created


async def new_case(client: Browser, group_id: str, title: str = "case", **fields: Any) -> Json:
    case_input = {"groupId": group_id, "title": title, **fields}
    created: Json = (await data(client, CREATE_CASE, {"input": case_input}))["createTestCase"]
    return created


async def fresh_case(client: Browser, **fields: Any) -> Json:
    suite = await new_suite(client)
    return await new_case(client, (await new_group(client, suite["id"]))["id"], **fields)


async def suite_with_two_groups(client: Browser) -> tuple[Json, Json]:
    """A suite with two groups, the first with two cases."""
    suite = await new_suite(client)
    first = await new_group(client, suite["id"], "first")
    await new_group(client, suite["id"], "second")
    await new_case(client, first["id"], "high", priority="HIGH")
    await new_case(client, first["id"], "low", priority="LOW")
    return suite, first


@dataclass(frozen=True)
class SuiteForRuns:
    """A suite with groups "first" (cases "high": HIGH, "low": LOW) and "second" (case "other": MEDIUM)."""

    suite_id: str
    second_group: str
    high_case: Json
    low_case: str


async def suite_for_runs(client: Browser) -> SuiteForRuns:
    suite = await new_suite(client)
    first = await new_group(client, suite["id"], "first")
    second = await new_group(client, suite["id"], "second")
    high = await new_case(client, first["id"], "high", priority="HIGH")
    low = await new_case(client, first["id"], "low", priority="LOW")
    await new_case(client, second["id"], "other", priority="MEDIUM")
    return SuiteForRuns(suite["id"], second["id"], high, low["id"])


async def new_run(client: Browser, suite_id: str, name: str = "run", **fields: Any) -> Json:
    run_input = {"suiteId": suite_id, "name": name, **fields}
    created: Json = (await data(client, CREATE_RUN, {"input": run_input}))["createTestRun"]
    return created


async def high_case_in_testing(client: Browser, runs: SuiteForRuns) -> None:
    """Moves the HIGH case to TESTING, where a PASSED result of a run that drives the workflow moves it on."""
    case = runs.high_case
    await data(client, CHANGE_STATUS, {"id": case["id"], "version": case["version"], "status": "TESTING"})


async def passed_on_the_high_case(client: Browser, run_id: str, runs: SuiteForRuns) -> list[Any]:
    """Records PASSED for the HIGH case and reads the case: drivesWorkflow shows only there."""
    recorded = await answer(
        client, RECORD_RESULT, {"input": {"runId": run_id, "caseId": runs.high_case["id"], "result": "PASSED"}}
    )
    return [recorded, await answer(client, READ_CASE_STATUS, {"id": runs.high_case["id"]})]


# Writes: each observation makes its own target, sends the operation with the extra inputs and reads
# the target back.
Observe = Callable[[Callers, Json], Awaitable[Any]]


async def create_suite(callers: Callers, extra: Json) -> Any:
    return await new_suite(callers.manager, **extra)


async def update_suite(callers: Callers, extra: Json) -> Any:
    client, suite = callers.manager, await new_suite(callers.manager)
    update = f"""mutation($id: ID!, $version: Int!, $input: UpdateTestSuiteInput!) {{
      updateTestSuite(id: $id, version: $version, input: $input) {{ {SUITE} }}
    }}"""
    changed = await answer(client, update, {"id": suite["id"], "version": suite["version"], "input": extra})
    return [changed, await answer(client, READ_SUITE, {"id": suite["id"]})]


async def create_group(callers: Callers, extra: Json) -> Any:
    return await new_group(callers.manager, (await new_suite(callers.manager))["id"], **extra)


async def update_group(callers: Callers, extra: Json) -> Any:
    client = callers.manager
    group = await new_group(client, (await new_suite(client))["id"])
    update = f"""mutation($id: ID!, $version: Int!, $input: UpdateTestGroupInput!) {{
      updateTestGroup(id: $id, version: $version, input: $input) {{ {GROUP} }}
    }}"""
    changed = await answer(client, update, {"id": group["id"], "version": group["version"], "input": extra})
    return [changed, await answer(client, READ_GROUP, {"id": group["id"]})]


async def create_case(callers: Callers, extra: Json) -> Any:
    return await fresh_case(callers.manager, **extra)


async def update_case(callers: Callers, extra: Json) -> Any:
    client, case = callers.manager, await fresh_case(callers.manager)
    update = f"""mutation($id: ID!, $version: Int!, $input: UpdateTestCaseInput!) {{
      updateTestCase(id: $id, version: $version, input: $input) {{ {CASE} }}
    }}"""
    changed = await answer(client, update, {"id": case["id"], "version": case["version"], "input": extra})
    return [changed, await answer(client, READ_CASE, {"id": case["id"]})]


async def change_case_status(callers: Callers, extra: Json) -> Any:
    client, case = callers.manager, await fresh_case(callers.manager)
    variables = {"id": case["id"], "version": case["version"], "status": "TESTING", **extra}
    return [await answer(client, CHANGE_STATUS, variables), await answer(client, READ_CASE, {"id": case["id"]})]


async def record_effort(callers: Callers, extra: Json) -> Any:
    client, case = callers.manager, await fresh_case(callers.manager)
    effort = {"caseId": case["id"], "date": "2026-02-03", "hours": 1.5, **extra}
    return [await answer(client, RECORD_EFFORT, {"input": effort}), await answer(client, READ_CASE, {"id": case["id"]})]


async def delete_suite(callers: Callers, extra: Json) -> Any:
    client, (suite, _) = callers.manager, await suite_with_two_groups(callers.manager)
    delete = """mutation($id: ID!, $version: Int!, $cascade: Boolean) {
      deleteTestSuite(id: $id, version: $version, cascade: $cascade)
    }"""
    deleted = await answer(client, delete, {"id": suite["id"], "version": suite["version"], **extra})
    return [deleted, await answer(client, READ_SUITE, {"id": suite["id"]})]


async def delete_group(callers: Callers, extra: Json) -> Any:
    client, (_, group) = callers.manager, await suite_with_two_groups(callers.manager)
    delete = """mutation($id: ID!, $version: Int!, $cascade: Boolean) {
      deleteTestGroup(id: $id, version: $version, cascade: $cascade)
    }"""
    deleted = await answer(client, delete, {"id": group["id"], "version": group["version"], **extra})
    return [deleted, await answer(client, READ_GROUP, {"id": group["id"]})]


async def create_run(callers: Callers, extra: Json) -> Any:
    client, runs = callers.manager, await suite_for_runs(callers.manager)
    await high_case_in_testing(client, runs)
    run = await new_run(client, runs.suite_id, **extra)
    return [run, *await passed_on_the_high_case(client, run["id"], runs)]


# Placeholders for ids in a run selection, made anew for each observation.
SECOND_GROUP = "<the group of the MEDIUM case>"
LOW_CASE = "<the LOW case>"


async def select_run_cases(callers: Callers, extra: Json) -> Any:
    client, runs = callers.manager, await suite_for_runs(callers.manager)
    ids = {SECOND_GROUP: runs.second_group, LOW_CASE: runs.low_case}
    selection = {name: [ids.get(item, item) for item in chosen] for name, chosen in extra.items()}
    return await new_run(client, runs.suite_id, selection=selection)


async def update_run(callers: Callers, extra: Json) -> Any:
    client, runs = callers.manager, await suite_for_runs(callers.manager)
    await high_case_in_testing(client, runs)
    run = await new_run(client, runs.suite_id)
    update = f"""mutation($id: ID!, $version: Int!, $input: UpdateTestRunInput!) {{
      updateTestRun(id: $id, version: $version, input: $input) {{ {RUN} }}
    }}"""
    changed = await answer(client, update, {"id": run["id"], "version": run["version"], "input": extra})
    read = await answer(client, READ_RUN, {"id": run["id"]})
    return [changed, read, *await passed_on_the_high_case(client, run["id"], runs)]


async def record_run_result(callers: Callers, extra: Json) -> Any:
    client, runs = callers.manager, await suite_for_runs(callers.manager)
    run = await new_run(client, runs.suite_id)
    result = {"runId": run["id"], "caseId": runs.high_case["id"], "result": "PASSED", **extra}
    return [await answer(client, RECORD_RESULT, {"input": result}), await answer(client, READ_RUN, {"id": run["id"]})]


SIGNED_IN_USER = "<the id of the signed-in user>"


async def assign_run_entries(callers: Callers, extra: Json) -> Any:
    client, runs = callers.manager, await suite_for_runs(callers.manager)
    run = await new_run(client, runs.suite_id)
    me = (await data(client, "{ me { id } }", {}))["me"]["id"]
    assign = """mutation($runId: ID!, $entryIds: [ID!]!, $assigneeId: ID) {
      assignRunEntries(runId: $runId, entryIds: $entryIds, assigneeId: $assigneeId) { title assignee { id username } }
    }"""
    entries = await data(client, "query($id: ID!) { testRun(id: $id) { entries { id } } }", {"id": run["id"]})
    entry_ids = [entry["id"] for entry in entries["testRun"]["entries"]]
    assignee = {name: me if value == SIGNED_IN_USER else value for name, value in extra.items()}
    assigned = await answer(client, assign, {"runId": run["id"], "entryIds": entry_ids, **assignee})
    return [assigned, await answer(client, READ_RUN, {"id": run["id"]})]


async def set_automation_key(callers: Callers, extra: Json) -> Any:
    client, case = callers.manager, await fresh_case(callers.manager)
    set_key = """mutation($caseId: ID!, $version: Int!, $automationKey: String) {
      setAutomationKey(caseId: $caseId, version: $version, automationKey: $automationKey) { automationKey }
    }"""
    changed = await answer(client, set_key, {"caseId": case["id"], "version": case["version"], **extra})
    read = await answer(client, "query($id: ID!) { testCase(id: $id) { automationKey } }", {"id": case["id"]})
    return [changed, read]


@dataclass(frozen=True)
class WriteCase:
    """Two writes on two equal fresh targets, one with the input and one without."""

    observe: Observe
    value: Any

    async def both(self, callers: Callers, name: str) -> tuple[Any, Any]:
        return await self.observe(callers, {}), await self.observe(callers, {name: self.value})


# Reads: the data is made once and read twice, without and with the input.


@dataclass(frozen=True)
class Listing:
    """A connection to read: the query (with $first and $after), its variables and where the connection is."""

    query: str
    variables: Json
    at: tuple[str, ...]
    inputs_into: str | None = None  # the input object variable the inputs go into, else the arguments

    def with_inputs(self, extra: Json) -> Json:
        if self.inputs_into is None:
            return {**self.variables, **extra}
        return {**self.variables, self.inputs_into: {**self.variables[self.inputs_into], **extra}}

    def connection(self, found: Json) -> Json:
        """The connection in the data of an answer."""
        for key in self.at:
            found = found[key]
        return found


Prepare = Callable[[Callers], Awaitable[Listing]]
# The value of `after` in the table: the read asks for a first page of one item and sends its endCursor.
NEXT_PAGE = "<the endCursor of a one-item first page>"


@dataclass(frozen=True)
class ReadCase:
    prepare: Prepare
    caller: Callable[[Callers], Browser]
    value: Any

    async def both(self, callers: Callers, name: str) -> tuple[Any, Any]:
        client, listing = self.caller(callers), await self.prepare(callers)
        value = self.value
        if value == NEXT_PAGE:
            first_page = await data(client, listing.query, listing.with_inputs({"first": 1}))
            value = listing.connection(first_page)["pageInfo"]["endCursor"]
        without = await answer(client, listing.query, listing.with_inputs({}))
        return without, await answer(client, listing.query, listing.with_inputs({name: value}))


def as_manager(callers: Callers) -> Browser:
    return callers.manager


def as_admin(callers: Callers) -> Browser:
    return callers.admin


SUITES_QUERY = f"""query($filter: TestSuiteFilter, $first: Int, $after: String) {{
  testSuites(filter: $filter, first: $first, after: $after) {{ {CONNECTION % "name status"} }}
}}"""


async def two_suites(callers: Callers) -> None:
    client = callers.manager
    await new_suite(client, name="older", estimatedStartDate="2026-01-01", estimatedEndDate="2026-01-31")
    newer = await new_suite(client, name="newer", estimatedStartDate="2026-06-01", estimatedEndDate="2026-12-31")
    start = """mutation($id: ID!, $version: Int!) {
      changeTestSuiteStatus(id: $id, version: $version, status: IN_PROGRESS) { version }
    }"""
    await data(client, start, {"id": newer["id"], "version": newer["version"]})


async def suites(callers: Callers) -> Listing:
    await two_suites(callers)
    return Listing(SUITES_QUERY, {"filter": None}, ("testSuites",))


async def filtered_suites(callers: Callers) -> Listing:
    await two_suites(callers)
    return Listing(SUITES_QUERY, {"filter": {}}, ("testSuites",), inputs_into="filter")


RUNS_QUERY = f"""query($suiteId: ID!, $filter: TestRunFilter, $first: Int, $after: String) {{
  testRuns(suiteId: $suiteId, filter: $filter, first: $first, after: $after) {{ {CONNECTION % "name status"} }}
}}"""


async def two_runs(callers: Callers) -> str:
    """A suite with a planned and a started run; its id."""
    client, runs = callers.manager, await suite_for_runs(callers.manager)
    await new_run(client, runs.suite_id, "planned")
    started = await new_run(client, runs.suite_id, "started")
    start = "mutation($id: ID!, $version: Int!) { startTestRun(id: $id, version: $version) { version } }"
    await data(client, start, {"id": started["id"], "version": started["version"]})
    return runs.suite_id


async def runs_of_a_suite(callers: Callers) -> Listing:
    return Listing(RUNS_QUERY, {"suiteId": await two_runs(callers), "filter": None}, ("testRuns",))


async def filtered_runs(callers: Callers) -> Listing:
    suite_id = await two_runs(callers)
    return Listing(RUNS_QUERY, {"suiteId": suite_id, "filter": {}}, ("testRuns",), inputs_into="filter")


def nested(parent: str, connection: str, node: str) -> str:
    return f"""query($id: ID!, $first: Int, $after: String) {{
      {parent}(id: $id) {{ {connection}(first: $first, after: $after) {{ {CONNECTION % node} }} }}
    }}"""


def top_level(connection: str, node: str) -> str:
    return f"""query($first: Int, $after: String) {{
      {connection}(first: $first, after: $after) {{ {CONNECTION % node} }}
    }}"""


async def groups_of_a_suite(callers: Callers) -> Listing:
    suite, _ = await suite_with_two_groups(callers.manager)
    query = nested("testSuite", "groupsConnection", "name")
    return Listing(query, {"id": suite["id"]}, ("testSuite", "groupsConnection"))


async def cases_of_a_group(callers: Callers) -> Listing:
    _, group = await suite_with_two_groups(callers.manager)
    query = nested("testGroup", "casesConnection", "title")
    return Listing(query, {"id": group["id"]}, ("testGroup", "casesConnection"))


async def history_of_a_case(callers: Callers) -> Listing:
    client, case = callers.manager, await fresh_case(callers.manager)
    moved = await data(client, CHANGE_STATUS, {"id": case["id"], "version": case["version"], "status": "TESTING"})
    version = moved["changeTestCaseStatus"]["version"]
    await data(client, CHANGE_STATUS, {"id": case["id"], "version": version, "status": "FIXING", "reason": "broken"})
    query = nested("testCase", "historyConnection", "toStatus reason")
    return Listing(query, {"id": case["id"]}, ("testCase", "historyConnection"))


async def efforts_of_a_case(callers: Callers) -> Listing:
    client, case = callers.manager, await fresh_case(callers.manager)
    for date in ("2026-02-01", "2026-02-02"):
        await data(client, RECORD_EFFORT, {"input": {"caseId": case["id"], "date": date, "hours": 1}})
    query = nested("testCase", "effortsConnection", "date")
    return Listing(query, {"id": case["id"]}, ("testCase", "effortsConnection"))


async def runs_on_a_suite(callers: Callers) -> Listing:
    query = nested("testSuite", "runs", "name status")
    return Listing(query, {"id": await two_runs(callers)}, ("testSuite", "runs"))


async def users(_callers: Callers) -> Listing:
    # The users of every test of the session are listed, so a page may hold only one role; the usernames
    # (under an alias: `username` is an incidental key when two requests make two users) tell pages apart.
    return Listing(top_level("usersConnection", "login: username role"), {}, ("usersConnection",))


async def api_tokens(callers: Callers) -> Listing:
    for name in ("first", "second"):
        await data(callers.manager, CREATE_TOKEN, {"name": name})
    return Listing(top_level("myApiTokensConnection", "name"), {}, ("myApiTokensConnection",))


Case = WriteCase | ReadCase


def writes(observe: Observe, type_name: str, **values: Any) -> dict[str, Case]:
    return {f"{type_name}.{name}": WriteCase(observe, value) for name, value in values.items()}


def paged(coordinate: str, prepare: Prepare, caller: Callable[[Callers], Browser] = as_manager) -> dict[str, Case]:
    return {
        f"{coordinate}(first:)": ReadCase(prepare, caller, 1),
        f"{coordinate}(after:)": ReadCase(prepare, caller, NEXT_PAGE),
    }


CASES: dict[str, Case] = {
    **writes(create_suite, "CreateTestSuiteInput", description="kept", requireEffortComment=True),
    **writes(
        update_suite,
        "UpdateTestSuiteInput",
        name="renamed",
        description="kept",
        estimatedStartDate="2026-02-01",
        estimatedEndDate="2026-11-30",
        requireEffortComment=True,
    ),
    **writes(create_group, "CreateTestGroupInput", description="kept"),
    **writes(update_group, "UpdateTestGroupInput", name="renamed", description="kept"),
    **writes(create_case, "CreateTestCaseInput", description="kept", priority="HIGH", plannedEffort=2.5),
    **writes(
        update_case, "UpdateTestCaseInput", title="renamed", description="kept", priority="HIGH", plannedEffort=2.5
    ),
    **writes(record_effort, "RecordEffortInput", comment="kept"),
    "Mutation.changeTestCaseStatus(reason:)": WriteCase(change_case_status, "starting"),
    "Mutation.deleteTestSuite(cascade:)": WriteCase(delete_suite, True),
    "Mutation.deleteTestGroup(cascade:)": WriteCase(delete_group, True),
    "Query.testSuites(filter:)": ReadCase(suites, as_manager, {"status": "IN_PROGRESS"}),
    **paged("Query.testSuites", suites),
    "TestSuiteFilter.status": ReadCase(filtered_suites, as_manager, "IN_PROGRESS"),
    "TestSuiteFilter.search": ReadCase(filtered_suites, as_manager, "older"),
    "TestSuiteFilter.startFrom": ReadCase(filtered_suites, as_manager, "2026-05-01"),
    "TestSuiteFilter.endTo": ReadCase(filtered_suites, as_manager, "2026-02-01"),
    **paged("TestSuite.groupsConnection", groups_of_a_suite),
    **paged("TestGroup.casesConnection", cases_of_a_group),
    **paged("TestCase.historyConnection", history_of_a_case),
    **paged("TestCase.effortsConnection", efforts_of_a_case),
    **paged("Query.usersConnection", users, as_admin),
    **paged("Query.myApiTokensConnection", api_tokens),
    **writes(
        create_run,
        "CreateTestRunInput",
        description="kept",
        label="build 2.4.1",
        drivesWorkflow=True,
        selection={"priorities": ["HIGH"]},
    ),
    **writes(select_run_cases, "RunSelectionInput", groupIds=[SECOND_GROUP], caseIds=[LOW_CASE], priorities=["HIGH"]),
    **writes(
        update_run, "UpdateTestRunInput", name="renamed", description="kept", label="staging", drivesWorkflow=True
    ),
    **writes(record_run_result, "RecordRunResultInput", comment="kept", durationMs=1500, externalId="ci/job/42"),
    "Mutation.assignRunEntries(assigneeId:)": WriteCase(assign_run_entries, SIGNED_IN_USER),
    "Mutation.setAutomationKey(automationKey:)": WriteCase(set_automation_key, "checkout.test_pay.test_visa"),
    "Query.testRuns(filter:)": ReadCase(runs_of_a_suite, as_manager, {"status": "IN_PROGRESS"}),
    **paged("Query.testRuns", runs_of_a_suite),
    "TestRunFilter.status": ReadCase(filtered_runs, as_manager, "IN_PROGRESS"),
    **paged("TestSuite.runs", runs_on_a_suite),
}


def nullable(typed: Json) -> bool:
    kind: str = typed["type"]["kind"]
    return kind != "NON_NULL"


def optional_inputs() -> set[str]:
    """`Input.field` of every nullable input field and `Type.field(argument:)` of every nullable argument."""
    found: set[str] = set()
    introspection: Json = dict(introspection_from_schema(build_executable_schema()))
    for named in introspection["__schema"]["types"]:
        if named["name"].startswith("__"):
            continue
        found.update(f"{named['name']}.{f['name']}" for f in named.get("inputFields") or [] if nullable(f))
        for fielded in named.get("fields") or []:
            found.update(
                f"{named['name']}.{fielded['name']}({argument['name']}:)"
                for argument in fielded["args"]
                if nullable(argument)
            )
    return found


def test_every_optional_input_has_a_case() -> None:
    inputs = optional_inputs()
    assert not inputs - CASES.keys(), "no case for " + ", ".join(sorted(inputs - CASES.keys()))
    assert not CASES.keys() - inputs, "a case for no input: " + ", ".join(sorted(CASES.keys() - inputs))


@pytest.fixture
async def callers(service: str, manager: User, admin: User) -> AsyncIterator[Callers]:
    async with browser(service) as as_the_manager, browser(service) as as_the_admin:
        await as_the_manager.login(manager.username)
        await as_the_admin.login(admin.username)
        yield Callers(manager=as_the_manager, admin=as_the_admin)


@pytest.mark.parametrize("coordinate", sorted(CASES))
async def test_the_optional_input_has_an_effect(callers: Callers, coordinate: str) -> None:
    name = coordinate.split(".", 1)[1].split("(")[-1].rstrip(":)")
    without, with_it = await CASES[coordinate].both(callers, name)
    assert not refusals(with_it), f"{coordinate} was refused: {with_it}"
    assert essence(with_it) != essence(without), f"{coordinate} changed nothing a client sees: {with_it}"
