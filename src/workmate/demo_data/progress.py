"""The loader's progress as Rich progress bars, one per table (used by ``workmate demo``)."""

from __future__ import annotations

from rich.progress import Progress, TaskID


class RichProgress:
    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def start(self, table: str, total: int) -> None:
        self.task = self.progress.add_task(table, total=max(total, 1))

    def advance(self, rows: int) -> None:
        if self.task is not None:
            task = self.progress.tasks[self.task]
            if task.total is not None and task.completed + rows > task.total:
                self.progress.update(self.task, total=task.completed + rows)
            self.progress.advance(self.task, rows)

    def finish(self) -> None:
        if self.task is not None:
            completed = self.progress.tasks[self.task].completed
            self.progress.update(self.task, total=completed, completed=completed)
        self.task = None
