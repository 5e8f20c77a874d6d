"""`./pants run tools/stackcheck`: runs `./dev` (the README's first command) from a fresh clone in a clean HOME and
checks what a new user would see, then that Ctrl-C leaves nothing behind and a restart keeps the data."""
