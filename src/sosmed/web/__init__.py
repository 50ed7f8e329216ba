"""The web workspace (`sosmed web`): server-rendered pages over the same office layer as the
command line and the daemon. Imported only by the `web` command, never by `sosmed --help`."""
