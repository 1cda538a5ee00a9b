"""The append-only audit log (GoBD): who changed what, when, for every domain that must keep it."""
