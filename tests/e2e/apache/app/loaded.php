<?php
// Which SAPI answers, and whether the extension is loaded in it.
echo PHP_SAPI, ' ', extension_loaded('defer') ? 'defer' : 'no-defer', ' ', ini_get('output_buffering'), "\n";
