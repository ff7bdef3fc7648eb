package so.cueflow.dashboard;

/** A page or action: runs on a worker thread (JDBC allowed), after sign-in, access and CSRF checks. */
@FunctionalInterface
public interface PageHandler {
    Reply handle(PageRequest request) throws Exception;
}
