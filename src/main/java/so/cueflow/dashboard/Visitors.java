package so.cueflow.dashboard;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Finds the signed-in user of a request from its session cookie; ends sessions idle too long. */
final class Visitors {
    /** A session's last-seen time is written at most this often, so that pages do not all write. */
    private static final long TOUCH_EVERY_MS = 60_000;
    /** Sessions that are never presented again are deleted by a sweep this often (per server, on a request). */
    private static final long SWEEP_EVERY_MS = 3_600_000;

    private final SessionStore sessions;
    private final UserStore users;
    private final MembershipStore memberships;
    private final Duration idle;
    private final Clock clock;
    private final AtomicLong lastSweep = new AtomicLong();

    Visitors(SessionStore sessions, UserStore users, MembershipStore memberships, Duration idle, Clock clock) {
        this.sessions = sessions;
        this.users = users;
        this.memberships = memberships;
        this.idle = idle;
        this.clock = clock;
    }

    /** Blocking. {@code touched} is told when the session's cookie should be sent again (its lifetime renewed). */
    Visitor identify(RoutingContext ctx, Runnable touched) {
        sweep();
        Cookie cookie = ctx.request().getCookie(Cookies.SESSION);
        if (cookie == null || cookie.getValue().isEmpty()) return Visitor.ANONYMOUS;
        Optional<Session> found = sessions.find(cookie.getValue());
        if (found.isEmpty()) return Visitor.ANONYMOUS;
        Session session = found.get();
        long now = clock.millis();
        if (now - session.lastSeenAt() >= idle.toMillis()) {
            sessions.delete(session);
            return Visitor.ANONYMOUS;
        }
        Optional<User> user = users.findById(session.userId());
        if (user.isEmpty()) return Visitor.ANONYMOUS;
        if (now - session.lastSeenAt() >= TOUCH_EVERY_MS) {
            sessions.touch(session, now);
            touched.run();
        }
        return new Visitor(session, user.get(), memberships.of(user.get().id()));
    }

    private void sweep() {
        long now = clock.millis();
        long last = lastSweep.get();
        if (now - last < SWEEP_EVERY_MS || !lastSweep.compareAndSet(last, now)) return;
        sessions.deleteIdleSince(now - idle.toMillis());
    }
}
