#include "defer_request.h"

#include <new>

#include "zend_exceptions.h"

namespace {

// zend_try below: plain C data only. Releasing a task's values may run a destructor
// that throws or fails; the other tasks are still released.
void release_payload(php_defer_payload *payload) {
    zend_try {
        zval_ptr_dtor(&payload->callable);
        ZVAL_UNDEF(&payload->callable);
        if (payload->fcc.object) {
            zend_object_release(payload->fcc.object);
            payload->fcc.object = NULL;
        }
        for (uint32_t i = 0; i < payload->argc; i++) {
            zval_ptr_dtor(&payload->args[i]);
        }
        payload->argc = 0;
        if (payload->args) {
            efree(payload->args);
            payload->args = NULL;
        }
        if (payload->named_args) {
            zend_array_release(payload->named_args);
            payload->named_args = NULL;
        }
    } zend_end_try();
    if (EG(exception)) {
        zend_clear_exception();
    }
}

}  // namespace

php_defer_request *php_defer_request_get(void) {
    php_defer_request *request = DEFER_G(request);
    if (request != nullptr) {
        return request;
    }
    if (!DEFER_G(accepting)) {
        zend_throw_error(NULL, "Cannot defer work after the request has ended");
        return nullptr;
    }
    request = new (std::nothrow) php_defer_request(static_cast<std::size_t>(DEFER_G(ini.max_tasks)));
    if (request == nullptr) {
        zend_throw_error(NULL, "Cannot allocate the deferred task queue");
        return nullptr;
    }
    DEFER_G(request) = request;
    return request;
}

void php_defer_request_destroy(php_defer_request *request) {
    for (auto &task : request->tasks) {
        release_payload(&task.payload);
    }
    delete request;
}
