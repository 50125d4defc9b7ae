"""Lossless edits of people's files, planned as data; never written here."""
