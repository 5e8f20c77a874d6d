"""HTTP plumbing shared by every resource of the REST API: problems, ETags, cursors, strict bodies."""
