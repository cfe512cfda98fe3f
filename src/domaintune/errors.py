"""The one exception type a stage raises for bad input: the CLI prints it as one line per problem."""


class StageError(Exception):
    """Input a user must fix. `lines` are `path:line: field: reason` messages, printed one per line."""

    def __init__(self, summary: str, lines: list[str] | tuple[str, ...] = ()):
        super().__init__(summary)
        self.summary = summary
        self.lines = list(lines)
