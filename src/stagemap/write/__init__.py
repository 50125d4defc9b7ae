"""The only code that writes: confined atomic output, incremental records, workers, and the build."""
