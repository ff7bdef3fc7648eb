package so.cueflow.messages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import so.cueflow.storage.ContactScope;
import so.cueflow.storage.Database;
import so.cueflow.storage.ScratchStore;

import java.sql.PreparedStatement;
import java.util.ArrayDeque;
import java.util.Deque;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a workspace's contacts are split for counting at once, and how the split is found again. */
class ContactRangesIT {
    private ScratchStore store;
    private Database database;
    /** Background work handed over and not yet run: the test runs it when it chooses. */
    private final Deque<Runnable> handedOver = new ArrayDeque<>();

    @BeforeEach
    void open() throws Exception {
        store = ScratchStore.open("cueflow-ranges");
        database = store.database();
        database.migrate();
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO workspaces (id, name, created_at) VALUES ('w', 'w', 0)")) {
                insert.executeUpdate();
            }
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void aLargeWorkspaceSplitsAtEvenlySpacedIdsFoundAgainInTheBackgroundOnceOld() {
        ContactRanges ranges = new ContactRanges(database, 2, 0, handedOver::add);
        addContacts("a", 3_999);
        assertThat(ranges.of("w")).as("fewer than 2,000 contacts a range: one range").containsExactly(ContactScope.all("w"));
        assertThat(handedOver).as("the first count finds the split itself").isEmpty();

        addContacts("b", 1);
        addContacts("c", 4_000);
        assertThat(ranges.of("w")).as("the split found before is used while the new one is found")
                .containsExactly(ContactScope.all("w"));
        assertThat(ranges.of("w")).containsExactly(ContactScope.all("w"));
        assertThat(handedOver).as("found again once at a time").hasSize(1);
        handedOver.poll().run();

        // 8,000 contacts: a00000…a03998, b00000, c00000…c03999; the one at offset 4,000 in id order starts the second range.
        assertThat(ranges.of("w")).containsExactly(new ContactScope("w", null, "c00000"), new ContactScope("w", "c00000", null));
    }

    @Test
    void oneThreadCountsEveryWorkspaceInOneRangeWithoutReadingIt() {
        ContactRanges ranges = new ContactRanges(database, 1, 0, handedOver::add);
        addContacts("a", 5_000);
        assertThat(ranges.of("w")).containsExactly(ContactScope.all("w"));
        assertThat(handedOver).isEmpty();
    }

    private void addContacts(String prefix, int count) {
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO contacts (workspace_id, id, external_id,"
                    + " custom_attributes, created_at, updated_at) VALUES ('w', ?, ?, '{}', 0, 0)")) {
                for (int i = 0; i < count; i++) {
                    String id = prefix + String.format("%05d", i);
                    insert.setString(1, id);
                    insert.setString(2, id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }
}
