PHP_ARG_ENABLE([defer],
  [whether to enable the defer extension],
  [AS_HELP_STRING([--enable-defer], [Enable defer: run work after the response is sent])],
  [no])

if test "$PHP_DEFER" != "no"; then
  PHP_REQUIRE_CXX()
  PHP_CXX_COMPILE_STDCXX(17, mandatory, PHP_DEFER_STDCXX)

  DEFER_CORE_SOURCES="src/core/task_state.cpp src/core/finish_method.cpp src/core/ini_values.cpp src/core/budget.cpp src/core/watchdog.cpp src/core/fastcgi_end.cpp src/core/pool_metrics.cpp src/core/utf8.cpp"
  DEFER_GLUE_SOURCES="src/php/defer_module.cpp src/php/defer_functions.cpp src/php/defer_pool.cpp src/php/defer_request.cpp \
    src/php/defer_hook.cpp src/php/defer_finish.cpp src/php/defer_sandbox.cpp src/php/defer_describe.cpp \
    src/php/defer_timer.cpp src/php/defer_sigpipe.cpp src/php/defer_connection.cpp src/php/defer_observe.cpp src/php/defer_deploy.cpp \
    src/php/defer_failure.cpp src/php/defer_process.cpp"

  PHP_NEW_EXTENSION(defer, $DEFER_CORE_SOURCES $DEFER_GLUE_SOURCES, $ext_shared,,
    [$PHP_DEFER_STDCXX -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 -Wall -Wextra -Wno-unused-parameter],
    cxx)
  PHP_ADD_INCLUDE([$ext_srcdir/include])
  PHP_ADD_INCLUDE([$ext_srcdir/src/php])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/core], 1)
  PHP_ADD_BUILD_DIR([$ext_builddir/src/php], 1)
  PHP_SUBST(DEFER_SHARED_LIBADD)
  PHP_ADD_LIBRARY(stdc++, 1, DEFER_SHARED_LIBADD)
  PHP_ADD_LIBRARY(pthread, 1, DEFER_SHARED_LIBADD)
fi
