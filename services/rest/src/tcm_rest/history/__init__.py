"""Status history of a case: every applied step of its workflow."""
