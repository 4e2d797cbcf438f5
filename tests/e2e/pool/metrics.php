<?php
// The example endpoint, served as users would: examples/metrics/metrics.php.
require __DIR__ . '/../../../examples/metrics/metrics.php';
