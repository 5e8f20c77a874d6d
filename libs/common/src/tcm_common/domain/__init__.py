"""The pure domain: entities, rules and errors. No I/O and no framework imports here."""
