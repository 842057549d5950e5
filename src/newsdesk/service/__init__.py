"""The HTTP API and the web UI over the corpus."""
