"""Backup and restore of the database and the files in one archive."""
