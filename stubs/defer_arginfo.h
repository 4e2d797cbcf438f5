/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 9174c201a5c1e146a31b7586b9338238b2984bd0 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_defer, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, callback, IS_CALLABLE, 0)
	ZEND_ARG_VARIADIC_TYPE_INFO(0, args, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_defer_named, 0, 2, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, callback, IS_CALLABLE, 0)
	ZEND_ARG_VARIADIC_TYPE_INFO(0, args, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_defer_cancel, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_MASK(0, id, MAY_BE_LONG|MAY_BE_STRING, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_defer_on_failure, 0, 1, IS_CALLABLE, 1)
	ZEND_ARG_TYPE_INFO(0, handler, IS_CALLABLE, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_finish_and_defer, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, callback, IS_CALLABLE, 1, "null")
	ZEND_ARG_VARIADIC_TYPE_INFO(0, args, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_defer_status, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_defer_run_pending, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_defer_pool_status arginfo_defer_status

#define arginfo_Defer_defer arginfo_defer

#define arginfo_Defer_defer_named arginfo_defer_named

#define arginfo_Defer_defer_cancel arginfo_defer_cancel

#define arginfo_Defer_on_failure arginfo_defer_on_failure

#define arginfo_Defer_finish_and_defer arginfo_finish_and_defer

#define arginfo_Defer_defer_status arginfo_defer_status

#define arginfo_Defer_run_pending arginfo_defer_run_pending

#define arginfo_Defer_pool_status arginfo_defer_status


ZEND_FUNCTION(defer);
ZEND_FUNCTION(defer_named);
ZEND_FUNCTION(defer_cancel);
ZEND_FUNCTION(defer_on_failure);
ZEND_FUNCTION(finish_and_defer);
ZEND_FUNCTION(defer_status);
ZEND_FUNCTION(defer_run_pending);
ZEND_FUNCTION(defer_pool_status);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(defer, arginfo_defer)
	ZEND_FE(defer_named, arginfo_defer_named)
	ZEND_FE(defer_cancel, arginfo_defer_cancel)
	ZEND_FE(defer_on_failure, arginfo_defer_on_failure)
	ZEND_FE(finish_and_defer, arginfo_finish_and_defer)
	ZEND_FE(defer_status, arginfo_defer_status)
	ZEND_FE(defer_run_pending, arginfo_defer_run_pending)
	ZEND_FE(defer_pool_status, arginfo_defer_pool_status)
	ZEND_NS_FALIAS("Defer", defer, defer, arginfo_Defer_defer)
	ZEND_NS_FALIAS("Defer", defer_named, defer_named, arginfo_Defer_defer_named)
	ZEND_NS_FALIAS("Defer", defer_cancel, defer_cancel, arginfo_Defer_defer_cancel)
	ZEND_NS_FALIAS("Defer", on_failure, defer_on_failure, arginfo_Defer_on_failure)
	ZEND_NS_FALIAS("Defer", finish_and_defer, finish_and_defer, arginfo_Defer_finish_and_defer)
	ZEND_NS_FALIAS("Defer", defer_status, defer_status, arginfo_Defer_defer_status)
	ZEND_NS_FALIAS("Defer", run_pending, defer_run_pending, arginfo_Defer_run_pending)
	ZEND_NS_FALIAS("Defer", pool_status, defer_pool_status, arginfo_Defer_pool_status)
	ZEND_FE_END
};
