"""Background jobs (DESIGN.md 2): a PostgreSQL queue (procrastinate) with transactional enqueue.

``await jobs.enqueue(session, "invoices.render_pdf", invoice_id=...)`` queues a task inside the
caller's transaction; ``@jobs.task(name=...)`` registers a handler (in ``<domain>/tasks.py``).
"""

from workmate.jobs import context
from workmate.jobs.queue import TASK_MODULES, UnknownTask, enqueue, queue, task

__all__ = ["TASK_MODULES", "UnknownTask", "context", "enqueue", "queue", "task"]
