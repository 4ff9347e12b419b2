"""The knowledge moderators curate: its schema, the loader that validates the files, the live snapshot."""
