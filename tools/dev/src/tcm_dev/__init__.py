"""`./dev`: the whole platform on one machine, as separate processes like in production."""
