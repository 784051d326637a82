"""Every command of `hzconsole`, known without click: `hzconsole FILE` opens the console
without importing click and the command machinery (~15 ms of the launch)."""

# Every command and the module that defines it (imported when the command is asked for).
COMMAND_MODULES = {
    "init": "hzconsole.cli.files",
    "demo": "hzconsole.cli.files",
    "check": "hzconsole.cli.files",
    "backup": "hzconsole.cli.files",
    "restore": "hzconsole.cli.files",
    "stats": "hzconsole.cli.stats",
    "doc": "hzconsole.cli.documents",
    "ledger": "hzconsole.cli.ledgers",
    "import": "hzconsole.cli.imports",
    "merge": "hzconsole.cli.sync",
    "rollup": "hzconsole.cli.sync",
    "records": "hzconsole.cli.records",
    "kit": "hzconsole.cli.kit",
    "look": "hzconsole.cli.look",
    "serve": "hzconsole.cli.serve",
}
