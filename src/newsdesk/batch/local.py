"""The batch flow on one machine: a process pool, progress bars, one shard per WARC file, resumable.

WARC files are taken one after another; the pages of the current file are read in this
process and extracted/analysed by ``jobs`` worker processes, at most a few pages per worker
in flight (a large archive never sits in memory), results kept in file order. Each file's
shard is written atomically (see ``newsdesk.batch``), so a run killed at any moment loses
at most the file it was on, and a re-run skips every file already complete.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from tqdm import tqdm

from newsdesk.batch import (
    BatchSummary,
    Format,
    PageTask,
    Record,
    error_record,
    iter_warc_tasks,
    plan_run,
    process_task,
    shard_name,
)
from newsdesk.options import DEFAULT_OPTIONS, Options

PAGES_IN_FLIGHT_PER_JOB = 4
"""Enough queued work to keep a worker busy while the reader catches up, no more."""


def run_local(
    inputs: Iterable[str],
    output: str,
    *,
    jobs: int = 1,
    analyze: bool = True,
    output_format: Format = "jsonl",
    options: Options = DEFAULT_OPTIONS,
    progress: bool = True,
) -> BatchSummary:
    """Process every WARC file behind ``inputs`` into shards under ``output``."""
    started = time.perf_counter()
    out, summary, pending = plan_run("local", inputs, output, analyze=analyze, output_format=output_format)
    files_bar = tqdm(
        total=summary.files, initial=summary.skipped, unit="warc", desc="files", disable=not progress,
        file=sys.stderr, position=0, dynamic_ncols=True,
    )  # fmt: skip
    pages_bar = tqdm(
        unit="page", desc="pages", disable=not progress, file=sys.stderr, position=1, dynamic_ncols=True
    )
    tally = {"ok": 0, "empty": 0, "error": 0}

    def page_done(record: Record) -> None:
        tally[str(record.get("status"))] = tally.get(str(record.get("status")), 0) + 1
        pages_bar.update(1)
        pages_bar.set_postfix(tally, refresh=False)

    try:
        with _Pool(jobs) as pool:
            for warc in pending:
                files_bar.set_postfix_str(shard_name(warc, output_format), refresh=False)
                records = pool.map_in_order(iter_warc_tasks(warc, options), analyze, options)
                summary.add(
                    out.write_shard(warc, records, output_format, analyzed=analyze, progress=page_done)
                )
                files_bar.update(1)
    finally:
        pages_bar.close()
        files_bar.close()
    summary.seconds = time.perf_counter() - started
    if not summary.bad_inputs:
        out.write_success(summary)
    return summary


class _Pool:
    """Ordered, bounded map of pages over worker processes (in this process when ``jobs`` is 1).

    A worker that dies (out of memory, a crash in a C extension) fails the pages then in
    flight, each as an error record with that reason; a new pool takes over for the rest.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self.executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)

    def _submit(self, task: PageTask | Record, analyze: bool, options: Options) -> _InFlight:
        for _ in range(2):
            if self.executor is None:
                self.executor = ProcessPoolExecutor(max_workers=self.jobs)
            try:
                return _InFlight(
                    task, self.executor.submit(process_task, task, analyze, options), self.executor
                )
            except BrokenProcessPool:  # it broke before we noticed: start a new one
                self._replace(self.executor)
        raise RuntimeError("cannot start worker processes")

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        if self.executor is broken:
            broken.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def map_in_order(
        self, tasks: Iterator[PageTask | Record], analyze: bool, options: Options
    ) -> Iterator[Record]:
        if self.jobs == 1:
            for task in tasks:
                yield process_task(task, analyze, options)
            return
        window = self.jobs * PAGES_IN_FLIGHT_PER_JOB
        in_flight: deque[_InFlight] = deque()
        for task in tasks:
            in_flight.append(self._submit(task, analyze, options))
            if len(in_flight) >= window:
                yield self._result(in_flight.popleft())
        while in_flight:
            yield self._result(in_flight.popleft())

    def _result(self, item: _InFlight) -> Record:
        task = item.task
        source = task.source if isinstance(task, PageTask) else "?"
        url = task.url if isinstance(task, PageTask) else None
        try:
            return item.future.result()
        except BrokenProcessPool:
            self._replace(item.executor)
            return error_record(source, "a worker process died while this page was in flight", url=url)
        except CancelledError:
            return error_record(source, "cancelled: its worker pool was shut down", url=url)
        except Exception as error:  # pickling trouble and the like: the page still gets its record
            return error_record(source, f"worker failed: {type(error).__name__}: {error}", url=url)


@dataclass(frozen=True)
class _InFlight:
    task: PageTask | Record
    future: Future[Record]
    executor: ProcessPoolExecutor
