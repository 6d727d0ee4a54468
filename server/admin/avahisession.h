#pragma once
// One connection to the Avahi daemon (DNS-SD over mDNS), run on Avahi's own thread: the
// client is made again when the daemon goes away, waits for a daemon that is not running
// yet, and is tried again every 30 s while there is not even a system D-Bus. Used by the
// node to announce itself (LanAnnouncer) and by the desktop app to find nodes.

#include <functional>

struct AvahiClient;
struct AvahiThreadedPoll;

namespace sb {

class AvahiSession final
{
public:
    // Called on Avahi's thread, its lock held, with every state of the client
    // (AvahiClientState) and, on AVAHI_CLIENT_FAILURE, Avahi's error code (the client is
    // then gone, or null when it could not be made: drop what was made with it).
    using StateHandler = std::function<void(AvahiClient *client, int state, int error)>;

    explicit AvahiSession(StateHandler onState);
    ~AvahiSession();
    AvahiSession(const AvahiSession &) = delete;
    AvahiSession &operator=(const AvahiSession &) = delete;

    // Starts the thread (after the owner is ready for its callbacks).
    void start();
    // false when not even Avahi's thread could be made.
    bool ok() const { return m_poll != nullptr; }
    // Holds Avahi's lock for a scope, to call into Avahi from another thread.
    struct Lock {
        explicit Lock(AvahiSession &s);
        ~Lock();
        AvahiThreadedPoll *poll;
    };

private:
    static void changed(AvahiClient *client, int state, void *self);
    void connectClient();

    AvahiThreadedPoll *m_poll = nullptr;
    AvahiClient *m_client = nullptr;
    StateHandler m_onState;
};

}  // namespace sb
