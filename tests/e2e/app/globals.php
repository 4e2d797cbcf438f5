<?php
// What a pool sees of defer.global_functions.
header('Content-Type: application/json');
echo json_encode(['ini' => ini_get('defer.global_functions'), 'defer' => function_exists('defer'),
    'namespaced' => function_exists('Defer\defer')]);
