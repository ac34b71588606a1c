"""Resolve stage: mentions to entities within an article, and stable keys and IRIs across articles."""
