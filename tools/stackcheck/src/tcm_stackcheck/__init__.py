"""`./pants run tools/stackcheck`: runs `./pants run tools/dev` from a fresh clone in a clean HOME and
checks what a new user would see, then that Ctrl-C leaves nothing behind and a restart keeps the data."""
