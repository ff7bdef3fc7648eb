package so.cueflow.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import so.cueflow.http.Times;

/** A stored event, as the API shows it. */
@JsonPropertyOrder({"id", "eventKey", "contactId", "externalId", "properties", "occurredAt", "createdAt"})
public record Event(String id, String eventKey, String contactId, String externalId,
                    @JsonRawValue String properties,
                    @JsonIgnore long occurredAtMillis, @JsonIgnore long createdAtMillis) {

    @JsonProperty("occurredAt")
    public String occurredAt() {
        return Times.format(occurredAtMillis);
    }

    @JsonProperty("createdAt")
    public String createdAt() {
        return Times.format(createdAtMillis);
    }
}
