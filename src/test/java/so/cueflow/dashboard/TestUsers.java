package so.cueflow.dashboard;

import so.cueflow.TestServer;
import so.cueflow.auth.Workspace;
import so.cueflow.auth.WorkspaceStore;

/** Dashboard users made straight in the store of a test server, with a known password. */
final class TestUsers {
    static final String PASSWORD = "correct horse battery";

    private TestUsers() {
    }

    static User create(TestServer server, String email, String name, String workspace, Role role) {
        long now = System.currentTimeMillis();
        Workspace found = new WorkspaceStore(server.database()).findOrCreate(workspace, now);
        String hash = Passwords.hash(PASSWORD);
        return server.database().inTransaction(connection -> {
            User user = new UserStore(server.database()).create(connection, email, name, hash, now).orElseThrow();
            new MembershipStore(server.database()).put(connection, found.id(), user.id(), role, now);
            return user;
        });
    }

    static void join(TestServer server, User user, String workspace, Role role) {
        Workspace found = new WorkspaceStore(server.database()).findOrCreate(workspace, System.currentTimeMillis());
        new MembershipStore(server.database()).put(found.id(), user.id(), role, System.currentTimeMillis());
    }
}
