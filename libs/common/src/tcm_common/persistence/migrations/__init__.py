"""Versioned SQL migrations, applied in file-name order by tcm_common.persistence.migrator.

0001-0009 belong to the domain, 0010 and up to authentication. Never edit an applied file: add one.
"""
