package so.cueflow.dashboard;

import io.vertx.ext.web.Router;
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
    private final DataSection dataSection;

    public Dashboard(Database database, Clock clock, boolean secureCookies, Duration sessionIdle) {
        this.accounts = new Accounts(database, clock);
        Cookies cookies = new Cookies(secureCookies, sessionIdle);
        Visitors visitors = new Visitors(new SessionStore(database), new UserStore(database), new MembershipStore(database),
                sessionIdle, clock);
        this.runner = new PageRunner(visitors, new Templates(), assets, cookies);
        this.dataSection = new DataSection(database, clock);
    }

    private List<Consumer<PageRoutes>> pages() {
        return List.of(
                new SignInPages(accounts)::mount,
                new AccountLinkPages(accounts)::mount,
                new AccountPages(accounts)::mount,
                new SettingsPages()::mount,
                new PlaceholderPages()::mount,
                dataSection::mount,
                NotFoundPages::mount);
    }

    public void mount(Router router) {
        assets.mount(router);
        PageRoutes routes = new PageRoutes(router, runner);
        pages().forEach(page -> page.accept(routes));
    }
}
