from tcm_common.testing.fixtures import *  # noqa: F403
