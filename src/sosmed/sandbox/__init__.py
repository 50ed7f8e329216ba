"""A local emulation of every platform's HTTP API, for tests, demos and trying things out."""
