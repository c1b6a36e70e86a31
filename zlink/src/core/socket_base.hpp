// socket_base: what every socket type shares: the blocking/timeout/ETERM send and recv loops,
// multipart state, options, peers, endpoints, ZLINK_FD/ZLINK_EVENTS and close.
// Socket types plug in through the x* hooks; the hooks never block.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mailbox.hpp"
#include "msg.hpp"
#include "options.hpp"
#include "peer.hpp"
#include "signaler.hpp"

namespace zlink {

class ctx;

// auto_routing_id(): a 16-byte id, unique within the process and unlikely to collide across
// processes; the id of a socket without ZLINK_ROUTING_ID.
std::string auto_routing_id();

// An endpoint a socket owns (a listener or a connecter); stop() ends it from any thread.
class endpoint_handle {
public:
    virtual ~endpoint_handle() = default;
    virtual void stop(int linger_ms) = 0;
};

class socket_base {
public:
    static constexpr std::uint32_t live_tag = 0x7A6C736B; // "zlsk"

    socket_base(ctx& c, int type);
    virtual ~socket_base();
    socket_base(const socket_base&) = delete;
    socket_base& operator=(const socket_base&) = delete;

    bool valid() const noexcept { return tag_ == live_tag; }

    // The C API entry points: 0 (or a length) on success, -1 with errno on failure.
    int send(msg& m, int flags);
    int recv(msg& m, int flags);
    int setsockopt(int option, const void* value, std::size_t len);
    int getsockopt(int option, void* value, std::size_t* len);
    int bind(const char* endpoint);
    int connect(const char* endpoint);
    // unbind/disconnect: end an endpoint this socket bound / connected (by the string given
    // to bind or connect, or a bind's resolved address); ENOENT for any other endpoint.
    int unbind(const char* endpoint);
    int disconnect(const char* endpoint);
    // close(): applies LINGER to the connections and deletes this socket.
    void close();

    // events(interest): ZLINK_POLLIN/POLLOUT readiness. When none of `interest` is ready the
    // signaler fd is re-armed (stale wake-ups dropped) so it turns readable on the next
    // change; when something is ready it costs no system call.
    int events(int interest);

    // yields_before_sleeping(): a thread about to sleep waiting for input on this socket (recv,
    // zlink_poll) first yields the CPU once; not a spin. True when the calling thread only
    // receives (it has not sent since its last receive: a consumer, not request/reply) and
    // some peer is an inproc socket. A writer sharing this CPU, or one about to flush on the
    // other, then publishes a batch instead of waking the reader for every message. Over
    // tcp/ipc the engine already flushes per read batch and the yield measured slower (64 KiB:
    // 0.84 vs 1.05 of libzmq); a thread that sent since its last receive waits for a reply, and
    // a yield would hand its CPU to other work and add to the round trip.
    bool yields_before_sleeping() const noexcept;

    // spin_before_sleeping(): a thread about to sleep waiting for input on this socket first
    // spins on its signaler for up to reply_spin, and returns true if input came. Only a
    // thread that sent since its last receive (it waits for a reply) and only with an inproc
    // peer: the reply then comes from another application thread, often within a microsecond
    // when that thread is running, while a futex sleep and wake-up cost 2-3 us on a shared CPU
    // and 20-30 us when the sleeper's CPU has gone idle. Over tcp/ipc the reply needs the I/O
    // thread, whose CPU the spin would take (measured: latency 1.3-1.7x worse).
    // A spin that runs out backs off: the next 1, 2, 4 ... max_spin_skips waits sleep at once.
    // A replier that shares this CPU (pinned threads, an oversubscribed host) cannot answer
    // while the spinner holds the CPU, and a slow replier answers after the budget anyway;
    // either way the spin would be pure cost on every round trip.
    bool spin_before_sleeping() noexcept;
    static constexpr std::chrono::microseconds reply_spin{50};
    static constexpr std::uint16_t max_spin_skips = 256;

    // wake(): from any thread (ctx shutdown).
    void wake() noexcept { sig_->wake(); }

    // ---- used by transports (socket thread unless noted) ----
    ctx& context() noexcept { return ctx_; }
    const options& opts() const noexcept { return opts_; }
    const mailbox_ptr& mbox() const noexcept { return mbox_; }
    const std::shared_ptr<signaler>& sig() const noexcept { return sig_; }
    // own_id(): the id this socket announces (ZLINK_ROUTING_ID or an automatic one).
    const std::string& own_id() const noexcept { return own_id_; }
    // attach(p): a new connection is ready; the socket type decides whether to take it.
    void attach(std::unique_ptr<peer> p);
    // detach(in): the connection whose peer reads pipe `in` ended (its engine closed).
    void detach(const pipe* in);
    // reconnected(in): the connection behind a persistent peer was re-established.
    void reconnected(const pipe* in);
    std::uint64_t next_uid() noexcept { return ++uid_counter_; }

protected:
    // x* hooks. xsend/xrecv return 0, EAGAIN (cannot now; the loop arms and waits) or an errno.
    // On success xsend has taken the message (m is empty), xrecv has filled m.
    virtual int xsend(msg& m) = 0;
    virtual int xrecv(msg& m) = 0;
    // xarm_send/xarm_recv: before sleeping; false when progress is possible right now.
    virtual bool xarm_send() = 0;
    virtual bool xarm_recv() = 0;
    virtual bool xhas_in() = 0;
    virtual bool xhas_out() = 0;
    // xattach: false to refuse the peer (e.g. a second PAIR peer).
    virtual bool xattach(peer* p) = 0;
    virtual void xdetach(peer* p) = 0;
    // xreconnected: a persistent peer's connection came back (SUB re-sends subscriptions).
    virtual void xreconnected(peer*) {}
    // xactivity: inbound pipes may have data the socket consumes internally (subscriptions).
    virtual void xactivity() {}
    // xsetsockopt/xgetsockopt: type-specific options; return -2 when the option is not theirs.
    virtual int xsetsockopt(int, const void*, std::size_t) { return -2; }
    virtual int xgetsockopt(int, void*, std::size_t*) { return -2; }

    // remove(p): drop a peer for good (closing its pipe ends).
    void remove(peer* p);
    // reap(p): the peer's input ended; remove it when the connection is gone too.
    void reap_if_done(peer* p);

    options opts_;
    std::vector<std::unique_ptr<peer>> peers_;

private:
    // process(): run posted commands and notice inbound activity; cheap when idle.
    void process() {
        if (sig_->pending.load(std::memory_order_acquire))
            process_slow();
    }
    void process_slow();
    // wait_until(deadline_ms): sleep until something happens; false on ETERM/timeout (errno set).
    int wait(std::int64_t deadline_ms);
    // end_endpoint(endpoint, bound): stops the bound (or connected) endpoint and its peers.
    int end_endpoint(const char* endpoint, bool bound);

    // What bind/connect registered under an endpoint string. A bind with a wildcard has two
    // entries (as given and resolved) sharing one origin; only one holds the handle.
    struct endpoint_entry {
        std::uint64_t origin;
        std::shared_ptr<endpoint_handle> handle;
        bool bound;
    };

    std::uint32_t tag_ = live_tag;
    ctx& ctx_;
    std::shared_ptr<signaler> sig_;
    mailbox_ptr mbox_;
    std::string own_id_;
    std::uint64_t uid_counter_ = 0;
    int inproc_peers_ = 0;
    // spin_before_sleeping's back-off: waits left to sleep without spinning, and the length of
    // the last back-off (0 after a spin that found input).
    std::uint16_t spin_skips_ = 0;
    std::uint16_t spin_backoff_ = 0;
    std::uint64_t endpoint_counter_ = 0;
    bool rcvmore_ = false;
    bool sending_more_ = false;
    std::multimap<std::string, endpoint_entry> endpoints_;
};

} // namespace zlink
