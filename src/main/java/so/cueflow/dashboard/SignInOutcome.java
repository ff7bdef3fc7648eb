package so.cueflow.dashboard;

/** What a sign-in attempt came to; the two refusals say nothing about whether the email exists. */
sealed interface SignInOutcome {
    record SignedIn(String sessionToken, User user) implements SignInOutcome {
    }

    record Refused() implements SignInOutcome {
    }

    record Throttled(long retryAfterSeconds) implements SignInOutcome {
    }
}
