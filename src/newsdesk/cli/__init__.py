"""The ``newsdesk`` command: a thin layer over the Python API.

Each command lives in its own module and is registered here.
Exit codes: 0 success, 1 some inputs failed (each reported), 2 usage error.
"""

from __future__ import annotations

import click

from newsdesk import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsdesk")
def main() -> None:
    """Turn raw news pages into clean articles and structured event data."""


def _register() -> None:
    from newsdesk.cli import extract_cmd

    main.add_command(extract_cmd.extract)

    from newsdesk.cli import corpus_cmd

    for command in (corpus_cmd.ingest, corpus_cmd.events, corpus_cmd.search, corpus_cmd.export):
        main.add_command(command)

    from newsdesk.cli import serve_cmd

    main.add_command(serve_cmd.serve)
    main.add_command(serve_cmd.watch)

    from newsdesk.cli import batch_cmd

    main.add_command(batch_cmd.batch)


_register()
