package so.cueflow.dashboard;

import io.vertx.ext.web.Router;
import so.cueflow.auth.KeyStore;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.embed.EmbedSettingsStore;
import so.cueflow.contacts.ContactStore;
import so.cueflow.events.EventStore;
import so.cueflow.messages.AudiencePreview;
import so.cueflow.messages.MessageEditing;
import so.cueflow.messages.MessageStore;
import so.cueflow.messages.PublishedMessages;
import so.cueflow.messages.Subjects;
import so.cueflow.storage.Database;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The dashboard's routes: assets, then every page class. A page class is a {@code Consumer<PageRoutes>}
 * listed in {@link #pages}; nothing else needs to change to add one.
 */
public final class Dashboard {
    private final Accounts accounts;
    private final Assets assets = new Assets();
    private final PageRunner runner;
    private final Database database;
    private final Clock clock;
    private final PublishedMessages published;
    private final AudiencePreview audiences;
    private final DataSection dataSection;

    private final Team team;

    /**
     * {@code publicUrl}: the configured public URL (links, secure cookies when https), or null;
     * {@code published} is the server's cache, so a message published here shows on the server's next request;
     * {@code audiences} the server's, which counts with its threads.
     */
    public Dashboard(Database database, Clock clock, String publicUrl, Duration sessionIdle, PublishedMessages published,
                     AudiencePreview audiences) {
        this.database = database;
        this.clock = clock;
        this.published = published;
        this.audiences = audiences;
        this.accounts = new Accounts(database, clock);
        this.team = new Team(database, clock);
        boolean secureCookies = publicUrl != null && publicUrl.startsWith("https://");
        Cookies cookies = new Cookies(secureCookies, sessionIdle);
        Visitors visitors = new Visitors(new SessionStore(database), new UserStore(database), new MembershipStore(database),
                sessionIdle, clock);
        this.runner = new PageRunner(visitors, new Templates(), assets, cookies, publicUrl);
        this.dataSection = new DataSection(database, clock);
    }

    private List<Consumer<PageRoutes>> pages() {
        return List.of(
                new SignInPages(accounts)::mount,
                new AccountLinkPages(accounts)::mount,
                new AccountPages(accounts)::mount,
                new SettingsPages()::mount,
                new TeamPages(team)::mount,
                new InvitePages(team)::mount,
                new KeyPages(new KeyStore(database), clock)::mount,
                new WorkspaceSettingsPages(new EmbedSettingsStore(database), new WorkspaceStore(database), clock)::mount,
                new InstallPages(new KeyStore(database), new EmbedSettingsStore(database), clock)::mount,
                new MessagePages(messageEditing(), clock)::mount,
                new MessageAnalyticsPages(messageEditing(), new ContactStore(database), clock)::mount,
                new MessageEditorPages(messageEditing(), new ContactStore(database), new EventStore(database))::mount,
                new PlaceholderPages()::mount,
                dataSection::mount,
                NotFoundPages::mount);
    }

    private MessageEditing messageEditing() {
        return new MessageEditing(new MessageStore(database), published, new Subjects(new EventStore(database)),
                audiences, clock);
    }

    public void mount(Router router) {
        assets.mount(router);
        PageRoutes routes = new PageRoutes(router, runner);
        pages().forEach(page -> page.accept(routes));
    }
}
