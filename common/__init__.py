"""What every layer shares: the error base and the resumable record files."""
