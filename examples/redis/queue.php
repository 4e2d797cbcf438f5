<?php

declare(strict_types=1);

// Shared by the web side (public/index.php) and the consumer (worker.php): where Redis is,
// and the names of the keys. Set REDIS_HOST, REDIS_PORT and REDIS_QUEUE in the environment
// (php-fpm: `env[REDIS_PORT] = 6380` in the pool, as clear_env drops the rest).

function queue_redis(float $readTimeout = 2.0): Redis
{
    $redis = new Redis();
    $redis->connect(
        getenv('REDIS_HOST') ?: '127.0.0.1',
        (int) (getenv('REDIS_PORT') ?: 6379),
        1.0,            // connect timeout, seconds
        null,
        0,
        $readTimeout,   // above the consumer's blocking pop of 1 s
    );
    return $redis;
}

// "jobs" (the queue), "jobs:processing:<consumer>", "jobs:done:<id>", "jobs:failed".
function queue_key(string $suffix = ''): string
{
    return (getenv('REDIS_QUEUE') ?: 'jobs') . $suffix;
}
