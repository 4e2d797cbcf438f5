<?php
// Validates a composer.json strictly (no unknown property) against a given Composer schema,
// with the installed Composer's own validator: lets an older Composer check the php-ext
// section against a newer Composer's schema. Usage: php validate_composer_schema.php <composer.json> <schema>
$autoload = array_values(array_filter([
    '/usr/share/php/Composer/autoload.php',                         // Debian's composer package
    'phar://' . trim((string) shell_exec('command -v composer')) . '/vendor/autoload.php', // composer.phar
], 'file_exists'))[0] ?? null;
if ($autoload === null) {
    fwrite(STDERR, "cannot find Composer's classes\n");
    exit(2);
}
require $autoload;
[$file, $schema] = [$argv[1], $argv[2]];
try {
    (new Composer\Json\JsonFile($file))->validateSchema(Composer\Json\JsonFile::STRICT_SCHEMA, $schema);
    echo "$file is valid against $schema\n";
} catch (Composer\Json\JsonValidationException $e) {
    echo $e->getMessage(), "\n", implode("\n", $e->getErrors()), "\n";
    exit(1);
}
