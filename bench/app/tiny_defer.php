<?php
// The cost of reconnecting: nothing to do but a trivial deferred task.
defer(static fn () => null);
echo "Hello, world\n";
