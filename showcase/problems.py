"""A problem found in a file: a stable rule code, where, what is wrong, how to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    code: str
    path: str
    line: int | None
    message: str
    hint: str = ""
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.code, self.message)

    def as_dict(self) -> dict:
        return asdict(self)


class ProblemError(Exception):
    """Raised where a file cannot be read at all; carries the problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem
