<?php

declare(strict_types=1);

namespace Tests;

use Illuminate\Foundation\Testing\TestCase as BaseTestCase;

// Laravel's TestCase creates the app from bootstrap/app.php (Application::inferBasePath()).
abstract class TestCase extends BaseTestCase
{
}
