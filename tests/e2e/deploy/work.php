<?php
// Three deferred steps of 1 s each, each recorded when it ends.
function step(int $n): void
{
    file_put_contents(getenv('E2E_DIR') . "/step.started", "$n\n", FILE_APPEND);
    sleep(1);
    file_put_contents(getenv('E2E_DIR') . "/step.done", "$n\n", FILE_APPEND);
}
defer('step', 1);
defer('step', 2);
defer('step', 3);
echo "answered\n";
