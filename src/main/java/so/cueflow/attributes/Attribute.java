package so.cueflow.attributes;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import so.cueflow.http.Times;

/** A declared custom attribute of a workspace's contacts. */
@JsonPropertyOrder({"key", "name", "type", "createdAt"})
public record Attribute(String key, String name, AttributeType type, @JsonIgnore long createdAtMillis) {

    @JsonProperty("createdAt")
    public String createdAt() {
        return Times.format(createdAtMillis);
    }
}
