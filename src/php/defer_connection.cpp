#include "defer_connection.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string_view>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "SAPI.h"
#include "defer/fastcgi_end.h"
#include "defer_describe.h"
#include "php_defer.h"

namespace {

// The head of php-fpm's `struct _fcgi_request` (main/fastcgi.c; SG(server_context) in
// php-fpm, sapi/fpm/fpm/fpm_main.c). The struct is private and php-fpm exports no fcgi_*
// function, so these five fields are read (never written) and validated against the
// kernel's view of the sockets before anything is done. Read in 8.2.32's source; on the
// newer versions, whose source is not available here, the same validation decides.
struct fpm_request_head {
    int listen_socket;
    int tcp;
    int fd;
    int id;
    int keep;
};

bool socket_option(int fd, int option, int *value) {
    socklen_t length = sizeof(*value);
    return getsockopt(fd, SOL_SOCKET, option, value, &length) == 0 && length == sizeof(*value);
}

bool same_local_address(const sockaddr_storage &listening, const sockaddr_storage &accepted) {
    if (listening.ss_family != accepted.ss_family) {
        return false;
    }
    switch (listening.ss_family) {
        case AF_UNIX:
            return strncmp(reinterpret_cast<const sockaddr_un &>(listening).sun_path,
                           reinterpret_cast<const sockaddr_un &>(accepted).sun_path,
                           sizeof(sockaddr_un::sun_path)) == 0;
        case AF_INET:
            return reinterpret_cast<const sockaddr_in &>(listening).sin_port ==
                   reinterpret_cast<const sockaddr_in &>(accepted).sin_port;
        case AF_INET6:
            return reinterpret_cast<const sockaddr_in6 &>(listening).sin6_port ==
                   reinterpret_cast<const sockaddr_in6 &>(accepted).sin6_port;
        default:
            return false;
    }
}

// The web server has closed the request's connection: nothing to close, nothing to say.
const char peer_gone[] = "the web server closed the connection";

// Why the request does not look like php-fpm's, or nullptr when it does. (`tcp` is set on
// Windows only: 0 here whatever the socket's family.)
const char *invalid_request(const fpm_request_head *head, bool *is_tcp) {
    if ((head->tcp != 0 && head->tcp != 1) || (head->keep != 0 && head->keep != 1) || head->id < 0 ||
        head->id > 0xffff || head->listen_socket < 0) {
        return "php-fpm's request structure has unexpected values";
    }
    int type = 0, listening = 0;
    if (!socket_option(head->fd, SO_TYPE, &type) || type != SOCK_STREAM ||
        !socket_option(head->fd, SO_ACCEPTCONN, &listening) || listening != 0) {
        return "the request's descriptor is not a connected stream socket";
    }
    sockaddr_storage peer = {}, accepted = {}, listened = {};
    socklen_t length = sizeof(peer);
    if (getpeername(head->fd, reinterpret_cast<sockaddr *>(&peer), &length) != 0) {
        // ENOTCONN: the web server closed the connection already (its client gave up), so
        // nothing is left to close; anything else says the descriptor is not what we think.
        return errno == ENOTCONN ? peer_gone : "the request's socket has no peer";
    }
    if (!socket_option(head->listen_socket, SO_ACCEPTCONN, &listening) || listening != 1) {
        return "php-fpm's listening descriptor is not a listening socket";
    }
    length = sizeof(accepted);
    socklen_t listened_length = sizeof(listened);
    if (getsockname(head->fd, reinterpret_cast<sockaddr *>(&accepted), &length) != 0 ||
        getsockname(head->listen_socket, reinterpret_cast<sockaddr *>(&listened), &listened_length) != 0 ||
        !same_local_address(listened, accepted)) {
        return "the request's socket was not accepted on php-fpm's listening socket";
    }
    *is_tcp = accepted.ss_family != AF_UNIX;
    return nullptr;
}

bool write_all(int fd, const unsigned char *bytes, size_t size) {
    while (size > 0) {
        ssize_t written = send(fd, bytes, size, MSG_NOSIGNAL); // a gone server is not a SIGPIPE
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            return false;
        }
        bytes += written;
        size -= static_cast<size_t>(written);
    }
    return true;
}

bool warned_this_process = false;

void warn_once(const char *why) {
    if (!warned_this_process) {
        warned_this_process = true;
        php_defer_log("cannot close the kept-alive FastCGI connection (%s): the web server may send its next "
                      "request to this worker while it runs deferred work",
                      why);
    }
}

defer::ClosePlan plan_for(bool is_tcp) {
    char *software = sapi_getenv(ZEND_STRL("SERVER_SOFTWARE"));
    defer::ClosePlan plan = defer::plan_close(software ? software : "", is_tcp);
    if (software) {
        efree(software);
    }
    return plan;
}

} // namespace

bool php_defer_connection_close_kept_alive(void) {
    if (std::string_view(sapi_module.name ? sapi_module.name : "") != "fpm-fcgi" || SG(server_context) == nullptr) {
        return false;
    }
    if (php_defer_connection_closed()) {
        return false; // once per request: php-fpm's descriptor is /dev/null now
    }
    const auto *head = static_cast<const fpm_request_head *>(SG(server_context));
    if (head->fd < 0) {
        return false; // already closed: the application finished a request that was not kept alive
    }
    bool is_tcp = false;
    if (const char *why = invalid_request(head, &is_tcp)) {
        if (why != peer_gone) {
            warn_once(why);
        }
        return false;
    }
    if (head->keep == 0) {
        return false; // php-fpm closes it itself after END_REQUEST
    }
    defer::ClosePlan plan = plan_for(is_tcp);
    if (!plan.close) {
        warn_once(plan.why_not);
        return false;
    }
    int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    int held = devnull < 0 ? -1 : fcntl(head->fd, F_DUPFD_CLOEXEC, 0);
    if (held < 0) {
        if (devnull >= 0) {
            close(devnull);
        }
        warn_once("no file descriptor left");
        return false;
    }
    // One write: nothing can come between END_REQUEST and what tells the server to close.
    // Over TCP, corked, the FIN leaves in the same segment as END_REQUEST: the server
    // sees both at once, so it cannot take the connection for alive in between.
    int on = 1;
    if (is_tcp) {
        setsockopt(head->fd, IPPROTO_TCP, TCP_CORK, &on, sizeof(on));
    }
    defer::FastcgiEnd end = defer::fastcgi_end_request(static_cast<uint16_t>(head->id), plan.trailing_record);
    write_all(head->fd, end.bytes.data(), end.size); // a failure means the server is gone: close all the same
    shutdown(head->fd, SHUT_WR);
    // The descriptor number stays php-fpm's, now on /dev/null: its own END_REQUEST goes
    // nowhere, and reading its next request there finds end of file, so it closes it and
    // accepts a new connection.
    dup3(devnull, head->fd, O_CLOEXEC);
    close(devnull);
    // Closed with unread input (the request's last FCGI_STDIN record, or a body the script
    // did not read), a socket resets the connection, and the server may lose the response
    // it is still reading: hold it, half-closed, until the request ends.
    DEFER_G(held_connection) = held;
    return true;
}

bool php_defer_connection_closed(void) {
    return DEFER_G(held_connection) >= 0;
}

void php_defer_connection_request_end(void) {
    int fd = DEFER_G(held_connection);
    if (fd < 0) {
        return;
    }
    DEFER_G(held_connection) = -1;
    char discard[4096];
    while (recv(fd, discard, sizeof(discard), MSG_DONTWAIT) > 0) {
    }
    close(fd);
}
