<?php

declare(strict_types=1);

// A long-running consumer (CLI): php worker.php [done-file]
//   CONSUMER   its name, stable across restarts so that a restart finds its processing list
//   WORK_MS    how long a job's work takes here (it stands for sending a mail), default 20
//   DONE_FILE  where each job done is recorded (the first argument wins)
// SIGTERM or SIGINT: finishes the job in hand, then exits.

require __DIR__ . '/queue.php';

$consumer = getenv('CONSUMER') ?: gethostname() . '-1';
$doneFile = $argv[1] ?? (getenv('DONE_FILE') ?: sys_get_temp_dir() . '/jobs-done.log');
$workMs = (int) (getenv('WORK_MS') ?: 20);

$redis = queue_redis(readTimeout: 5.0);
$queue = queue_key();
$processing = queue_key(":processing:$consumer");

// A job is never only in this process: BRPOPLPUSH moves it from the queue into this
// consumer's processing list in one step, and LREM takes it out only once it is done and
// recorded. What a killed run left there goes back to the queue first, marked as a retry;
// each move is one transaction, so nothing is lost or doubled on the way.
$requeued = 0;
while (($raw = $redis->lIndex($processing, -1)) !== false) {
    $job = json_decode($raw, true);
    $retry = is_array($job) ? json_encode(['attempt' => ($job['attempt'] ?? 1) + 1] + $job) : $raw;
    $redis->multi()->lRem($processing, $raw, 1)->rPush($queue, $retry)->exec();
    $requeued++;
}
log_line("$consumer: started, re-queued $requeued unfinished job(s)");

$stop = false;
pcntl_async_signals(true);
foreach ([SIGTERM, SIGINT] as $signal) {
    pcntl_signal($signal, static function () use (&$stop): void { $stop = true; });
}

$done = 0;
while (!$stop) {
    // Waits up to 1 s for a job, so that a stop is seen; the queue's tail is its oldest job.
    $raw = $redis->brpoplpush($queue, $processing, 1);
    if (!is_string($raw)) {
        continue;
    }
    $job = json_decode($raw, true);
    if (!is_array($job) || !is_string($job['id'] ?? null)) {
        $redis->multi()->lRem($processing, $raw, 1)->lPush(queue_key(':failed'), $raw)->exec();
        log_line("$consumer: not a job, moved to " . queue_key(':failed') . ": $raw");
        continue;
    }
    work($job, $workMs);
    if (record_once($redis, $job, $doneFile)) {
        $done++;
    } else {
        log_line("$consumer: job {$job['id']} was already done, not recorded again");
    }
    $redis->lRem($processing, $raw, 1);
}
log_line("$consumer: stopped after $done job(s)");

// Stands for the real work (a mail, a webhook, a report). A signal ends usleep() early, so
// it sleeps on until the deadline: a stop never cuts a job short.
function work(array $job, int $ms): void
{
    $deadline = hrtime(true) + $ms * 1_000_000;
    while (($left = $deadline - hrtime(true)) > 0) {
        usleep(intdiv($left, 1000));
    }
}

// A job can be delivered twice: a retry after a consumer died before its LREM, or a client
// that sent the same id again. SET NX marks the id in Redis, and only the first mark writes
// the record. A consumer killed between its mark and its write leaves a marked job that was
// never written, so a retry looks for it in the record itself. With real work, make the
// effect idempotent where it lands, the same way: a unique key, an idempotency key.
function record_once(Redis $redis, array $job, string $doneFile): bool
{
    $first = $redis->set(queue_key(":done:{$job['id']}"), (string) time(), ['nx', 'ex' => 7 * 86400]);
    if (!$first && (($job['attempt'] ?? 1) === 1 || already_recorded($doneFile, $job['id']))) {
        return false;
    }
    file_put_contents($doneFile, "{$job['id']}\n", FILE_APPEND | LOCK_EX);
    return true;
}

function already_recorded(string $doneFile, string $id): bool
{
    $lines = @file($doneFile, FILE_IGNORE_NEW_LINES);
    return is_array($lines) && in_array($id, $lines, true);
}

function log_line(string $line): void
{
    fwrite(STDERR, date('H:i:s ') . "$line\n");
}
