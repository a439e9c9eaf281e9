"""Batch translation of feeds: read items, translate in batches, write resumable output."""
