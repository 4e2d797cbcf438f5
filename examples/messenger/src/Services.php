<?php

declare(strict_types=1);

namespace App;

use Psr\Container\ContainerInterface;
use Symfony\Contracts\Service\ServiceLocatorTrait;

// The service locators Messenger asks for (transports by name, buses by name), without a
// whole dependency-injection container: new Services(['name' => fn () => $service]).
final class Services implements ContainerInterface
{
    use ServiceLocatorTrait;
}
