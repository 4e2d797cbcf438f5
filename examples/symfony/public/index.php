<?php
// A minimal Symfony front controller: routing, an HttpKernel, a controller that defers
// work with the extension, and a kernel.terminate listener. Try: GET /orders/42
use App\AuditListener;
use App\OrderController;
use Symfony\Component\EventDispatcher\EventDispatcher;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\RequestStack;
use Symfony\Component\HttpKernel\Controller\ArgumentResolver;
use Symfony\Component\HttpKernel\Controller\ControllerResolver;
use Symfony\Component\HttpKernel\EventListener\RouterListener;
use Symfony\Component\HttpKernel\HttpKernel;
use Symfony\Component\HttpKernel\KernelEvents;
use Symfony\Component\Routing\Matcher\UrlMatcher;
use Symfony\Component\Routing\RequestContext;
use Symfony\Component\Routing\Route;
use Symfony\Component\Routing\RouteCollection;

require __DIR__ . '/../vendor/autoload.php';

$outbox = getenv('DEFER_EXAMPLE_DIR') ?: sys_get_temp_dir();

$routes = new RouteCollection();
$routes->add('order_pay', new Route('/orders/{id}', [
    '_controller' => [new OrderController($outbox), 'pay'],
], ['id' => '\d+']));

$requestStack = new RequestStack();
$dispatcher = new EventDispatcher();
$dispatcher->addSubscriber(new RouterListener(new UrlMatcher($routes, new RequestContext()), $requestStack));
$dispatcher->addListener(KernelEvents::TERMINATE, [new AuditListener($outbox), 'onTerminate']);

$kernel = new HttpKernel($dispatcher, new ControllerResolver(), $requestStack, new ArgumentResolver());
$request = Request::createFromGlobals();
$response = $kernel->handle($request);

// send() flushes the response and, under php-fpm, already calls fastcgi_finish_request():
// the client has everything from here on.
$response->send();

// kernel.terminate listeners run now, after the response; the tasks queued with
// Defer\defer() run after them, once the script is over.
$kernel->terminate($request, $response);
