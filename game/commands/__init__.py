"""One module per `leadsim` command, each with register(subparsers)."""
