<?php
// The pool's counters as a status endpoint returns them: JSON, encoded strictly.
header('Content-Type: application/json');
echo json_encode(Defer\pool_status(), JSON_THROW_ON_ERROR);
