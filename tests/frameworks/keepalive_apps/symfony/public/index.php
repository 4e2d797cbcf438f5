<?php
// A Symfony HttpKernel app: Response::send() calls fastcgi_finish_request() itself, then
// the kernel's terminate step runs the kernel.terminate listeners.
//   /defer   the controller queues a task with Defer\defer()
//   /after   a kernel.terminate listener does the slow work (no extension task)
//   /nowork  nothing after the response
use Symfony\Component\EventDispatcher\EventDispatcher;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\RequestStack;
use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\HttpKernel\Controller\ArgumentResolver;
use Symfony\Component\HttpKernel\Controller\ControllerResolver;
use Symfony\Component\HttpKernel\Event\TerminateEvent;
use Symfony\Component\HttpKernel\EventListener\RouterListener;
use Symfony\Component\HttpKernel\HttpKernel;
use Symfony\Component\HttpKernel\KernelEvents;
use Symfony\Component\Routing\Matcher\UrlMatcher;
use Symfony\Component\Routing\RequestContext;
use Symfony\Component\Routing\Route;
use Symfony\Component\Routing\RouteCollection;

require __DIR__ . '/../vendor/autoload.php';
require __DIR__ . '/../record.inc';

$answer = fn (Request $request) => new Response($request->getMethod() . ' ' . keepalive_request_id() . "\n");
$routes = new RouteCollection();
$routes->add('defer', new Route('/defer', ['_controller' => function (Request $request) use ($answer) {
    keepalive_main_work();
    \Defer\defer('keepalive_slow_work', keepalive_request_id(), $request->getMethod(), 'symfony defer');
    return $answer($request);
}]));
$routes->add('after', new Route('/after', ['_controller' => function (Request $request) use ($answer) {
    keepalive_main_work();
    $request->attributes->set('slow_terminate', true);
    return $answer($request);
}]));
$routes->add('nowork', new Route('/nowork', ['_controller' => function (Request $request) use ($answer) {
    keepalive_main_work();
    return $answer($request);
}]));

$requestStack = new RequestStack();
$dispatcher = new EventDispatcher();
$dispatcher->addSubscriber(new RouterListener(new UrlMatcher($routes, new RequestContext()), $requestStack));
$dispatcher->addListener(KernelEvents::TERMINATE, function (TerminateEvent $event) {
    if ($event->getRequest()->attributes->get('slow_terminate')) {
        keepalive_slow_work(keepalive_request_id(), $event->getRequest()->getMethod(), 'kernel.terminate');
    }
});
$kernel = new HttpKernel($dispatcher, new ControllerResolver(), $requestStack, new ArgumentResolver());
$request = Request::createFromGlobals();
$response = $kernel->handle($request);
$response->send();
$kernel->terminate($request, $response);
