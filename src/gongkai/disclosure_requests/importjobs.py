"""Running a ledger import outside the web request that uploaded it.

The upload view stores the file in an ImportJob row and, once that row is committed, starts `run_job` in a thread
of the same worker process (GONGKAI_IMPORT_IN_THREAD, on by default): a 100,000-row ledger takes longer than any
proxy or gunicorn timeout allows a request. `gongkai runjobs` (cron, or a systemd timer, on any host) runs the jobs
no thread took — the thread's process restarted, or threads are switched off — and marks as failed a job left
running by a process that died. A job is claimed by one conditional UPDATE (queued → running), so a thread and any
number of `runjobs` on any number of hosts never run it twice.

Progress (stage, rows done, rows in all) goes to the cache, not the job row: the import is one transaction, and a
row written inside it would stay invisible to the status page until the end.
"""

import logging
import threading
from datetime import timedelta

from django.core.cache import cache
from django.db import connections, transaction
from django.utils import timezone

from gongkai.core.errors import DomainError

from .models import ImportJob

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(hours=2)  # no import runs this long: its process died


def progress_key(pk: int) -> str:
    return f"gongkai:importjob:{pk}"


def progress_of(job: ImportJob) -> dict:
    return cache.get(progress_key(job.pk)) or {}


def create_job(*, user, upload) -> ImportJob:
    content = upload.read()
    job = ImportJob.objects.create(user=user, filename=upload.name[:200], content=content, size=len(content))
    from django.conf import settings

    if getattr(settings, "GONGKAI_IMPORT_IN_THREAD", True):
        transaction.on_commit(lambda: start_thread(job.pk))
    return job


def start_thread(pk: int) -> None:
    threading.Thread(target=_run_in_thread, args=(pk,), name=f"import-job-{pk}", daemon=True).start()


def _run_in_thread(pk: int) -> None:
    try:
        run_job(pk)
    finally:
        connections.close_all()


def claim(pk: int) -> bool:
    return ImportJob.objects.filter(pk=pk, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now()) == 1


def run_job(pk: int) -> ImportJob | None:
    """Claim the job and run it; None when another thread or host has it already."""
    import io

    from .ledger_import import LedgerError, import_xlsx

    if not claim(pk):
        return None
    job = ImportJob.objects.select_related("user").get(pk=pk)

    def progress(stage, done, total):
        cache.set(progress_key(pk), {"stage": stage, "done": done, "total": total}, timeout=24 * 3600)

    status, result = ImportJob.Status.FAILED, {}
    try:
        imported = import_xlsx(io.BytesIO(bytes(job.content)), actor=job.user, progress=progress)
    except LedgerError as exc:
        result = {"problems": exc.listed(), "count": len(exc.problems)}
    except DomainError as exc:
        result = {"problems": [exc.message], "count": 1}
    except Exception:
        log.exception("台账导入任务%s失败", pk)
        result = {"problems": ["导入时发生内部错误，未导入任何记录；请联系系统管理员查看日志"], "count": 1}
    else:
        status = ImportJob.Status.DONE
        result = {"imported": imported.count, "agencies": imported.agencies, "numbers": list(imported.numbers)}
    ImportJob.objects.filter(pk=pk).update(status=status, result=result, content=b"", finished_at=timezone.now())
    cache.delete(progress_key(pk))
    job.refresh_from_db()
    return job


def run_pending() -> list[int]:
    """`gongkai runjobs`: fail the jobs a dead process left running, then run every queued job, oldest first."""
    cutoff = timezone.now() - STALE_AFTER
    ImportJob.objects.filter(status=ImportJob.Status.RUNNING, started_at__lt=cutoff).update(
        status=ImportJob.Status.FAILED, content=b"", finished_at=timezone.now(),
        result={"problems": ["导入进程意外中止，未导入任何记录；请重新上传"], "count": 1})
    ran = []
    for pk in ImportJob.objects.filter(status=ImportJob.Status.QUEUED).order_by("id").values_list("pk", flat=True):
        if run_job(pk) is not None:
            ran.append(pk)
    return ran
