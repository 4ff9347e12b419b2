"""Tooling, not the runtime: the bench, the soak, generated knowledge and the loopback model server.

``python -m bot`` imports nothing from here unless ``bench`` runs."""
