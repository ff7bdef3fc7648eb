package so.cueflow.contacts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import so.cueflow.http.Times;

/** A contact as stored; {@code customAttributes} is its JSON object text. */
@JsonPropertyOrder({"id", "externalId", "email", "name", "phone", "avatarUrl", "role", "plan", "signedUpAt",
        "customAttributes", "createdAt", "updatedAt", "lastSeenAt"})
public record Contact(String id, String externalId, String email, String name, String phone, String avatarUrl,
                      String role, String plan, @JsonIgnore Long signedUpAtMillis,
                      @JsonRawValue String customAttributes,
                      @JsonIgnore long createdAtMillis, @JsonIgnore long updatedAtMillis,
                      @JsonIgnore Long lastSeenAtMillis) {

    @JsonProperty("signedUpAt")
    public String signedUpAt() {
        return Times.format(signedUpAtMillis);
    }

    @JsonProperty("createdAt")
    public String createdAt() {
        return Times.format(createdAtMillis);
    }

    @JsonProperty("updatedAt")
    public String updatedAt() {
        return Times.format(updatedAtMillis);
    }

    @JsonProperty("lastSeenAt")
    public String lastSeenAt() {
        return Times.format(lastSeenAtMillis);
    }
}
