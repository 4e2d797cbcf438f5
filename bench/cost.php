<?php
// One way of queuing work, N times: `php cost.php <variant> <N>`.
// Variants: empty (the loop alone), array (append [$callback, $args]), collection (push
// into a small object, as frameworks do), defer (the extension).
final class DeferredCallbacks
{
    private array $callbacks = [];

    public function push(callable $callback, array $args): void
    {
        $this->callbacks[] = [$callback, $args];
    }
}

[$variant, $n] = [$argv[1], (int) $argv[2]];
$callback = function ($a, $b) { };
$a = 'mail@example.org';
$b = 42;
$queue = [];
$collection = new DeferredCallbacks();
switch ($variant) {
    case 'empty':
        for ($i = 0; $i < $n; $i++) { }
        break;
    case 'array':
        for ($i = 0; $i < $n; $i++) { $queue[] = [$callback, [$a, $b]]; }
        break;
    case 'collection':
        for ($i = 0; $i < $n; $i++) { $collection->push($callback, [$a, $b]); }
        break;
    case 'defer':
        for ($i = 0; $i < $n; $i++) { defer($callback, $a, $b); }
        break;
}
if (isset($argv[3])) {
    // Memory per queued item: Zend heap and resident set, after the queue is built.
    $status = file_get_contents('/proc/self/status');
    preg_match('/VmRSS:\s+(\d+) kB/', $status, $m);
    echo json_encode(['heap' => memory_get_usage(), 'rss' => (int) $m[1] * 1024]), "\n";
}
