package so.cueflow.dashboard;

/** The Install page's code: the embed snippet, and userHash in four languages (run by a test against IdentityHashes). */
public final class InstallSnippets {
    /** Each reads the secret from CUEFLOW_IDENTITY_SECRET and hashes the user id held in {@code userId}. */
    public static final String NODE = """
            const crypto = require("crypto");
            const userHash = crypto.createHmac("sha256", process.env.CUEFLOW_IDENTITY_SECRET)
              .update(userId).digest("hex");""";
    public static final String PYTHON = """
            import hashlib, hmac, os
            user_hash = hmac.new(os.environ["CUEFLOW_IDENTITY_SECRET"].encode(), user_id.encode(),
                                 hashlib.sha256).hexdigest()""";
    public static final String PHP = """
            $userHash = hash_hmac('sha256', $userId, getenv('CUEFLOW_IDENTITY_SECRET'));""";
    public static final String JAVA = """
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(System.getenv("CUEFLOW_IDENTITY_SECRET").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String userHash = HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));""";

    private InstallSnippets() {
    }

    /** The two script tags for every page of the customer's app, as the README gives them. */
    public static String embed(String baseUrl, String publishableKey, boolean withUserHash) {
        return "<script>\n"
                + "  !function(w){var c=w.Cueflow=w.Cueflow||{q:[]};[\"init\",\"update\",\"track\",\"shutdown\"].forEach(function(m)"
                + "{c[m]=c[m]||function(){c.q.push([m,[].slice.call(arguments)])}})}(window);\n"
                + "  Cueflow.init({ id: \"USER_ID\", email: \"jane@example.com\""
                + (withUserHash ? ", userHash: \"HMAC_FROM_YOUR_SERVER\"" : "") + " });\n"
                + "</script>\n"
                + "<script src=\"" + baseUrl + "/embed.js\" data-key=\"" + publishableKey + "\" async></script>";
    }
}
