"""Extract stage: pure functions from a parsed ``Doc`` to mentions, roles, events and relations."""
